import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { pageLoad } from '$lib/server/edge/page';
import { reportsPage } from '$lib/server/reports/page';

/** Reports (issue 12): admins for every office, supervisors for theirs (the layout admits both). */
export const load = pageLoad(async ({ locals, url }) => {
	const staff = requireStaff(locals, url, { roles: ['admin', 'supervisor'] });
	const { db } = await app();
	return { view: await reportsPage(db.sql, staff, url.searchParams) };
}) satisfies PageServerLoad;
