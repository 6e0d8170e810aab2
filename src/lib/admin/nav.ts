/**
 * The sections of `/admin`, in menu order. One line per section: a feature adds its screen here
 * and nowhere else (the layout draws the menu from this list). `office` sections live under
 * `/admin/offices/<office>/…`; `network` ones stand on their own and filter by office themselves.
 */
export type AdminSectionId =
	'office' | 'services' | 'desks' | 'devices' | 'plan' | 'messages' | 'offices' | 'staff' | 'audit' | 'live' | 'reports' | 'notices';

export interface AdminSection {
	id: AdminSectionId;
	scope: 'office' | 'network';
	/** Path under the office (`services` → `/admin/offices/<office>/services`) or from the root. */
	path: string;
	/** Admins only (supervisors do not see it). */
	adminOnly?: boolean;
}

export const adminSections: readonly AdminSection[] = [
	{ id: 'office', scope: 'office', path: '' },
	{ id: 'services', scope: 'office', path: 'services' },
	{ id: 'desks', scope: 'office', path: 'desks' },
	{ id: 'devices', scope: 'office', path: 'devices' },
	{ id: 'plan', scope: 'office', path: 'plan' },
	{ id: 'messages', scope: 'office', path: 'messages' },
	{ id: 'offices', scope: 'network', path: '/admin/offices' },
	{ id: 'staff', scope: 'network', path: '/admin/staff' },
	{ id: 'audit', scope: 'network', path: '/admin/audit' },
	// reports (issue 12): every office in scope, chosen on the page
	{ id: 'reports', scope: 'network', path: '/admin/reports' },
	// The supervisor's live dashboard (issue 12, live).
	{ id: 'live', scope: 'network', path: '/admin/live' },
	// notices (issue 13): failed notices of the caller's offices
	{ id: 'notices', scope: 'network', path: '/admin/notices' }
];

/** Where a section is for an office (its slug); network sections ignore it. */
export function sectionHref(section: AdminSection, officeSlug: string | null): string | null {
	if (section.scope === 'network') return section.path;
	if (!officeSlug) return null;
	return `/admin/offices/${officeSlug}${section.path ? `/${section.path}` : ''}`;
}

// finish11 (issue 11): which menu entry is the current page.
/**
 * Is `pathname` the section's page or one below it? "Офис" (the office's own page) and the
 * network's "Все офисы" are current only on their very page: every `/admin/offices/<office>/…`
 * belongs to the office menu's own entries.
 */
export function isCurrent(section: AdminSection, href: string | null, pathname: string): boolean {
	if (href === null) return false;
	if (pathname === href) return true;
	const exactOnly = (section.scope === 'office' && section.path === '') || href === '/admin' || href === '/admin/offices';
	return !exactOnly && pathname.startsWith(href + '/');
}
