import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { adminScope } from '$lib/server/admin/scope';
import { readAudit } from '$lib/server/admin/audit-read';
import { auditEntryView, auditQuery } from '$lib/schemas/admin-audit';

/** The audit log, newest first: admins read every office, supervisors theirs. */
export const GET = endpoint(
	{
		id: 'adminAuditLog',
		summary: 'Administrative changes, filtered by office, user and date',
		tags: ['admin'],
		auth: ['staff'],
		query: auditQuery,
		responses: {
			200: z.object({
				entries: z.array(auditEntryView),
				next: z.int().nullable().describe('Pass as `before` for the next (older) page; null at the end')
			})
		},
		errors: ['office_not_found']
	},
	async ({ app, principal, query }) => readAudit(app.db.sql, adminScope(principal.staff), query)
);
