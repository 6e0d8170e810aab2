import { requireStaff } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

/** Administration is for admins and supervisors; an operator gets 403, a signed-out browser /login. */
export const load = (({ locals, url }) => {
	requireStaff(locals, url, { roles: ['admin', 'supervisor'] });
	return {};
}) satisfies PageServerLoad;
