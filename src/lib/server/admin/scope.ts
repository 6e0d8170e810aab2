import { TalonError } from '$lib/errors';
import type { StaffPrincipal } from '$lib/server/auth/sessions';

/**
 * Who may administer what (issue 11). Checked on the server for every request, form action and
 * socket command, whatever the client sends:
 * - `admin`: every office; creates offices, staff and devices anywhere;
 * - `supervisor`: the offices assigned to them, and the operators of those offices;
 * - `operator`: no administration at all.
 */
export interface AdminScope {
	staffId: number;
	login: string;
	/** Admins administer every office, archived ones included. */
	isAdmin: boolean;
	/** The offices a supervisor administers (for an admin: their own list, not a limit). */
	officeIds: readonly number[];
}

/** The caller's scope, or `forbidden` for someone with neither role. */
export function adminScope(staff: StaffPrincipal): AdminScope {
	const isAdmin = staff.roles.includes('admin');
	if (!isAdmin && !staff.roles.includes('supervisor')) throw new TalonError('forbidden');
	return { staffId: staff.staffId, login: staff.login, isAdmin, officeIds: staff.officeIds };
}

export function mayAdministerOffice(scope: AdminScope, officeId: number): boolean {
	return scope.isAdmin || scope.officeIds.includes(officeId);
}

/** `forbidden` unless the caller administers this office. */
export function assertOfficeInScope(scope: AdminScope, officeId: number): void {
	if (!mayAdministerOffice(scope, officeId)) throw new TalonError('forbidden');
}

/** Network-wide operations (create an office, make an admin): admins only. */
export function assertAdmin(scope: AdminScope): void {
	if (!scope.isAdmin) throw new TalonError('forbidden');
}
