import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { adminScope } from '$lib/server/admin/scope';
import { readAudit } from '$lib/server/admin/audit-read';
import { pageLoad } from '$lib/server/edge/page';
import { auditQuery } from '$lib/schemas/admin-audit';

/** The audit log with its filters in the address (a GET form: bookmarkable, works without JavaScript). */
export const load = pageLoad(async ({ locals, url }) => {
	const scope = adminScope(requireStaff(locals, url, { roles: ['admin', 'supervisor'] }));
	const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v.trim() !== ''));
	const parsed = auditQuery.safeParse(raw);
	const filter = parsed.success ? parsed.data : {};
	return {
		filter: { office: filter.office ?? '', user: filter.user ?? '', from: filter.from ?? '', to: filter.to ?? '' },
		invalid: !parsed.success,
		...(await readAudit((await app()).db.sql, scope, filter))
	};
}) satisfies PageServerLoad;
