import type { Sql, Tx } from '$lib/server/db/connect';
import type { AdminScope } from './scope';

/**
 * The audit log (migrations/0010_admin.sql): one row per administrative change, written in the
 * change's own transaction, so a change and its record commit or roll back together. Append-only
 * in the database. Secrets never reach it: any key that names a password, token, hash or secret is
 * replaced by `"***"` at every depth of `before` and `after`.
 */
export type AuditAction =
	| 'create'
	| 'update'
	| 'archive'
	| 'restore'
	| 'delete'
	| 'import'
	| 'reorder'
	| 'disable'
	| 'enable'
	| 'reset_password'
	| 'unlock'
	| 'revoke';

export interface AuditEntry {
	/** Who: the admin scope of the signed-in user, or null for the system (a CLI run, a job). */
	actor: AdminScope | null;
	officeId: number | null;
	/** What kind of thing changed: `office`, `service`, `category`, `desk`, `staff`, `device`, `booking_plan`, `board_message`… */
	entity: string;
	entityId: string | number | null;
	action: AuditAction;
	before?: unknown;
	after?: unknown;
}

const SECRET_KEY = /pass(word)?|token|hash|secret/i;

/** A copy of `value` with every secret-looking key masked (objects and arrays, any depth). */
export function redactSecrets(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(redactSecrets);
	if (value instanceof Date) return value.toISOString();
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '***' : redactSecrets(v)]));
	}
	return value;
}

export async function audit(tx: Tx | Sql, entry: AuditEntry): Promise<void> {
	const json = (v: unknown) => (v === undefined || v === null ? null : tx.json(redactSecrets(v) as never));
	await tx`
		insert into audit_log (staff_id, staff_login, office_id, entity, entity_id, action, before, after)
		values (${entry.actor?.staffId ?? null}, ${entry.actor?.login ?? null}, ${entry.officeId}, ${entry.entity},
			${entry.entityId === null ? null : String(entry.entityId)}, ${entry.action}, ${json(entry.before)}, ${json(entry.after)})`;
}

export interface AuditRow {
	id: number;
	at: Date;
	staffId: number | null;
	staffLogin: string | null;
	officeId: number | null;
	entity: string;
	entityId: string | null;
	action: AuditAction;
	before: unknown;
	after: unknown;
}

export interface AuditFilter {
	/** Offices the reader may see; null for every office (an admin), rows without an office included. */
	officeIds: readonly number[] | null;
	officeId?: number;
	staffId?: number;
	/** Inclusive instants. */
	from?: Date;
	to?: Date;
	/** Keyset paging: rows older than this id. */
	before?: number;
	limit?: number;
}

/** Newest first. A supervisor sees the rows of their offices only. */
export async function listAudit(sql: Sql, f: AuditFilter): Promise<AuditRow[]> {
	const limit = Math.min(Math.max(f.limit ?? 100, 1), 500);
	return sql<AuditRow[]>`
		select id, at, staff_id, staff_login, office_id, entity, entity_id, action, before, after from audit_log
		where true
			${f.officeIds === null ? sql`` : sql`and office_id = any(${f.officeIds as number[]})`}
			${f.officeId === undefined ? sql`` : sql`and office_id = ${f.officeId}`}
			${f.staffId === undefined ? sql`` : sql`and staff_id = ${f.staffId}`}
			${f.from === undefined ? sql`` : sql`and at >= ${f.from}`}
			${f.to === undefined ? sql`` : sql`and at <= ${f.to}`}
			${f.before === undefined ? sql`` : sql`and id < ${f.before}`}
		order by id desc
		limit ${limit}`;
}
