import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { pageLoad } from '$lib/server/edge/page';
import { liveOffice } from '$lib/server/live/dashboard';

/** The live dashboard of one office (`?office=<slug>`, else the first the caller administers). */
export const load = pageLoad(async ({ locals, url }) => {
	const staff = requireStaff(locals, url, { roles: ['admin', 'supervisor'] });
	const { db } = await app();
	return liveOffice(db.sql, staff, url.searchParams.get('office'));
}) satisfies PageServerLoad;
