import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import { audit } from '$lib/server/admin/audit';
import { assertOfficeInScope, type AdminScope } from '$lib/server/admin/scope';
import type { NoticeCounts, NoticeListItem } from '$lib/schemas/notices';
import type { ChannelName, NoticeState } from './outbox';
import { maskRecipient } from './mask';

/**
 * What supervisors see of the outbox (/admin/notices): the failed notices of their offices with
 * the reason, and counts. A failed notice may be sent again on purpose (one that was `interrupted`
 * may then arrive twice: the person choosing it is told so); the choice is in the audit log.
 */
const inScope = (sql: Sql, scope: AdminScope) => (scope.isAdmin ? sql`true` : sql`office_id = any(${scope.officeIds as number[]})`);

export async function failedNotices(sql: Sql, scope: AdminScope, limit = 200): Promise<NoticeListItem[]> {
	const rows = await sql<
		{
			id: number;
			officeId: number | null;
			kind: string;
			channel: ChannelName;
			recipient: string | null;
			state: NoticeState;
			attempts: number;
			lastError: string | null;
			createdAt: Date;
			failedAt: Date | null;
		}[]
	>`
		select id, office_id, kind, channel, recipient, state, attempts, last_error, created_at, failed_at from notifications
		where state = 'failed' and ${inScope(sql, scope)}
		order by failed_at desc limit ${limit}`;
	return rows.map((r) => ({
		id: r.id,
		officeId: r.officeId,
		kind: r.kind,
		channel: r.channel,
		to: maskRecipient(r.channel, r.recipient),
		state: r.state,
		attempts: r.attempts,
		lastError: r.lastError,
		createdAt: r.createdAt.toISOString(),
		failedAt: r.failedAt?.toISOString() ?? null
	}));
}

export async function noticeCounts(sql: Sql, scope: AdminScope, now: Date): Promise<NoticeCounts> {
	const since = new Date(now.getTime() - 24 * 3600_000);
	const [row] = await sql<NoticeCounts[]>`
		select count(*) filter (where state = 'pending')::int as pending,
			count(*) filter (where state = 'sending')::int as sending,
			count(*) filter (where state = 'sent' and sent_at > ${since})::int as sent24h,
			count(*) filter (where state = 'failed' and failed_at > ${since})::int as failed24h,
			count(*) filter (where state = 'failed')::int as failed
		from notifications where (state <> 'sent' or sent_at > ${since}) and ${inScope(sql, scope)}`;
	return row!;
}

/** Puts a failed notice back in the queue (a fresh set of attempts), in the caller's scope, audited. */
export async function retryNotice(sql: Sql, scope: AdminScope, id: number, now: Date): Promise<void> {
	await sql.begin(async (tx) => {
		const [n] = await tx<{ officeId: number | null; state: NoticeState; recipient: string | null; lastError: string | null }[]>`
			select office_id, state, recipient, last_error from notifications where id = ${id} for update`;
		if (!n) throw new TalonError('not_found');
		if (n.officeId === null && !scope.isAdmin) throw new TalonError('forbidden');
		if (n.officeId !== null) assertOfficeInScope(scope, n.officeId);
		if (n.state !== 'failed' || n.recipient === null) throw new TalonError('not_found');
		await tx`update notifications set state = 'pending', attempts = 0, due_at = ${now}, failed_at = null where id = ${id}`;
		await audit(tx, {
			actor: scope,
			officeId: n.officeId,
			entity: 'notice',
			entityId: id,
			action: 'update',
			before: { state: 'failed', lastError: n.lastError },
			after: { state: 'pending' }
		});
	});
}
