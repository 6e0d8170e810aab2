import { error, redirect } from '@sveltejs/kit';
import type { StaffRole } from '$lib/domain/states';
import type { StaffPrincipal } from './sessions';

/**
 * For `/desk` and `/admin` loads and actions: the signed-in staff member, or a redirect to
 * `/login` (with the page to come back to); a missing role is a 403, not a redirect.
 */
export function requireStaff(locals: App.Locals, url: URL, opts: { roles?: readonly StaffRole[] } = {}): StaffPrincipal {
	const staff = locals.staff;
	if (!staff) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	if (opts.roles && !staff.roles.some((r) => opts.roles!.includes(r))) {
		error(403, locals.locale === 'en' ? 'You are not allowed to open this page.' : 'У вас нет доступа к этой странице.');
	}
	return staff;
}
