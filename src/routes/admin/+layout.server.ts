import type { LayoutServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { adminScope } from '$lib/server/admin/scope';
import { officesInScope } from '$lib/server/admin/offices-in-scope';
import { pageLoad } from '$lib/server/edge/page';

/**
 * The frame of every admin page: admins and supervisors only (an operator gets 403, a signed-out
 * browser /login), with the offices the caller administers for the office menu.
 */
export const load = pageLoad(async ({ locals, url }) => {
	const staff = requireStaff(locals, url, { roles: ['admin', 'supervisor'] });
	const scope = adminScope(staff);
	const { db } = await app();
	return {
		admin: { login: staff.login, displayName: staff.displayName, isAdmin: scope.isAdmin },
		offices: await officesInScope(db.sql, scope)
	};
}) satisfies LayoutServerLoad;
