import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { adminScope } from '$lib/server/admin/scope';
import { pageLoad } from '$lib/server/edge/page';
import { formAction } from '$lib/server/edge/form';
import { failedNotices, noticeCounts, retryNotice } from '$lib/server/notices/admin';
import { idParam } from '$lib/schemas/common';

/** Failed notices of the caller's offices, with the reason (supervisors and admins). */
export const load = pageLoad(async ({ locals, url }) => {
	const scope = adminScope(requireStaff(locals, url, { roles: ['admin', 'supervisor'] }));
	const { db } = await app();
	return { failed: await failedNotices(db.sql, scope), counts: await noticeCounts(db.sql, scope, new Date()) };
}) satisfies PageServerLoad;

export const actions = {
	retry: formAction(
		z.object({ id: idParam }),
		async ({ input, staff }) => {
			await retryNotice((await app()).db.sql, adminScope(staff), input.id, new Date());
			return { retried: input.id };
		},
		{ staff: ['admin', 'supervisor'] }
	)
} satisfies Actions;
