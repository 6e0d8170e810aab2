import type { LayoutServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { adminScope } from '$lib/server/admin/scope';
import { officeInScope } from '$lib/server/admin/offices-in-scope';
import { pageLoad } from '$lib/server/edge/page';

/** The office every page below works on: 404 when it does not exist, 403 when it is not the caller's. */
export const load = pageLoad(async ({ locals, url, params }) => {
	const scope = adminScope(requireStaff(locals, url, { roles: ['admin', 'supervisor'] }));
	const { db } = await app();
	return { office: await officeInScope(db.sql, scope, params.office) };
}) satisfies LayoutServerLoad;
