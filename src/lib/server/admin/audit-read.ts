import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import { isDay, localInstant, addDays } from '$lib/domain/slots';
import type { AuditEntryView, AuditQuery } from '$lib/schemas/admin-audit';
import { listAudit } from './audit';
import { officeInScope } from './offices-in-scope';
import type { AdminScope } from './scope';

/**
 * The audit log for a reader (issue 11, item 9): an admin reads every row, a supervisor the rows
 * of their offices. Filters: office (id or slug), who (id or login), from/to (a day is the whole
 * day in the office's time zone, UTC without one). Newest first, paged by id.
 */
export async function readAudit(sql: Sql, scope: AdminScope, q: AuditQuery): Promise<{ entries: AuditEntryView[]; next: number | null }> {
	const office = q.office ? await officeInScope(sql, scope, q.office) : null;
	let staffId: number | undefined;
	if (q.user) {
		const [u] = /^\d{1,9}$/.test(q.user)
			? await sql<{ id: number }[]>`select id from staff_users where id = ${Number(q.user)}`
			: await sql<{ id: number }[]>`select id from staff_users where login = ${q.user.toLowerCase()}`;
		// A login nobody has (or had: rows keep their author's id) matches no row.
		staffId = u?.id ?? -1;
	}
	const zone = office?.timeZone ?? 'UTC';
	const instant = (v: string | undefined, end: boolean) => {
		if (!v) return undefined;
		if (isDay(v)) return localInstant(end ? addDays(v, 1) : v, 0, zone);
		const d = new Date(v);
		if (Number.isNaN(d.getTime())) throw new TalonError('invalid_input', { field: end ? 'to' : 'from' });
		return d;
	};
	const from = instant(q.from, false);
	let to = instant(q.to, true);
	// A day's end is the next midnight, exclusive: listAudit's `to` is inclusive, so step back 1 ms.
	if (to && q.to && isDay(q.to)) to = new Date(to.getTime() - 1);
	const limit = q.limit ?? 100;
	const rows = await listAudit(sql, {
		officeIds: scope.isAdmin ? null : scope.officeIds,
		officeId: office?.id,
		staffId,
		from,
		to,
		before: q.before,
		limit
	});
	const entries = rows.map((r) => ({
		id: Number(r.id),
		at: r.at.toISOString(),
		staffId: r.staffId,
		staffLogin: r.staffLogin,
		officeId: r.officeId,
		entity: r.entity,
		entityId: r.entityId,
		action: r.action,
		before: (r.before ?? null) as Record<string, unknown> | null,
		after: (r.after ?? null) as Record<string, unknown> | null
	}));
	return { entries, next: entries.length === limit ? entries.at(-1)!.id : null };
}
