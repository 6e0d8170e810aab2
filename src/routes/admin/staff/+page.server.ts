import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { adminScope } from '$lib/server/admin/scope';
import { listStaff } from '$lib/server/admin/staff';
import { pageLoad } from '$lib/server/edge/page';

/** Staff the caller manages, searched by `?q=` (login or name). */
export const load = pageLoad(async ({ locals, url }) => {
	const scope = adminScope(requireStaff(locals, url, { roles: ['admin', 'supervisor'] }));
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	return { q, users: await listStaff((await app()).db.sql, scope, { q: q || undefined }) };
}) satisfies PageServerLoad;
