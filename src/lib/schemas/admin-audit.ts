import { z } from 'zod';

/** The audit log as the administration reads it (issue 11, item 9). */
const dayOrInstant = z
	.string()
	.trim()
	.refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) || !Number.isNaN(Date.parse(v)), { error: 'date' })
	.describe('A day (`2026-12-01`, the whole day in the office’s time zone, UTC without an office) or an ISO instant');

export const auditQuery = z.object({
	office: z.string().trim().max(100).optional().describe('Office id or slug'),
	user: z.string().trim().max(100).optional().describe('Staff id or login of who made the change'),
	from: dayOrInstant.optional(),
	to: dayOrInstant.optional(),
	before: z.coerce.number().int().positive().optional().describe('Paging: rows older than this id'),
	limit: z.coerce.number().int().min(1).max(500).optional().describe('Rows per page (default 100)')
});
export type AuditQuery = z.output<typeof auditQuery>;

const json = z.record(z.string(), z.unknown()).nullable();

export const auditEntryView = z
	.object({
		id: z.int(),
		at: z.iso.datetime(),
		staffId: z.int().nullable(),
		staffLogin: z.string().nullable().describe('Who (null: the system)'),
		officeId: z.int().nullable(),
		entity: z.string().describe('`office`, `staff`, `device`, `board_message`, `service`…'),
		entityId: z.string().nullable(),
		action: z.string().describe('`create`, `update`, `archive`, `disable`, `revoke`, `delete`…'),
		before: json.describe('The changed fields before (secrets masked)'),
		after: json.describe('The changed fields after (secrets masked)')
	})
	.meta({ id: 'AdminAuditEntry' });
export type AuditEntryView = z.output<typeof auditEntryView>;
