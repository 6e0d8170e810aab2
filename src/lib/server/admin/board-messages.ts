import type { Sql, Tx } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import type { MessageCreate, MessagePatch, MessageView } from '$lib/schemas/admin-messages';
import { officeInScope } from './offices-in-scope';
import type { AdminScope } from './scope';
import { audit } from './audit';

/**
 * The running line of an office's boards (issue 11, item 7): messages with an optional time
 * window. Boards read the lines showing now (src/lib/server/display/messages.ts) when they
 * connect and every five minutes. Every change is audited in its transaction.
 */
interface Row {
	id: number;
	officeId: number;
	textRu: string;
	textEn: string;
	startsAt: Date | null;
	endsAt: Date | null;
	active: boolean;
	sort: number;
	createdAt: Date;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function view(r: Row, now: Date): MessageView {
	const showing = r.active && (!r.startsAt || r.startsAt <= now) && (!r.endsAt || r.endsAt > now);
	return {
		id: r.id,
		officeId: r.officeId,
		textRu: r.textRu,
		textEn: r.textEn,
		startsAt: iso(r.startsAt),
		endsAt: iso(r.endsAt),
		active: r.active,
		sort: r.sort,
		showing,
		createdAt: r.createdAt.toISOString()
	};
}

const auditable = (v: MessageView) => ({
	textRu: v.textRu,
	textEn: v.textEn,
	startsAt: v.startsAt,
	endsAt: v.endsAt,
	active: v.active,
	sort: v.sort
});
const columns = (sql: Sql | Tx) => sql`id, office_id, text_ru, text_en, starts_at, ends_at, active, sort, created_at`;

export async function listBoardMessages(sql: Sql, scope: AdminScope, office: string | number, now = new Date()): Promise<MessageView[]> {
	const o = await officeInScope(sql, scope, office);
	const rows = await sql<Row[]>`select ${columns(sql)} from board_messages where office_id = ${o.id} order by sort, id`;
	return rows.map((r) => view(r, now));
}

export async function createBoardMessage(sql: Sql, scope: AdminScope, office: string | number, input: MessageCreate): Promise<MessageView> {
	const o = await officeInScope(sql, scope, office);
	return sql.begin(async (tx) => {
		const [row] = await tx<Row[]>`
			insert into board_messages (office_id, text_ru, text_en, starts_at, ends_at, active, sort)
			values (${o.id}, ${input.textRu}, ${input.textEn}, ${input.startsAt}, ${input.endsAt}, ${input.active}, ${input.sort})
			returning ${columns(tx)}`;
		const created = view(row!, new Date());
		await audit(tx, {
			actor: scope,
			officeId: o.id,
			entity: 'board_message',
			entityId: created.id,
			action: 'create',
			after: auditable(created)
		});
		return created;
	});
}

async function lockRow(tx: Tx, officeId: number, id: number): Promise<Row> {
	const [row] = await tx<Row[]>`select ${columns(tx)} from board_messages where id = ${id} and office_id = ${officeId} for update`;
	if (!row) throw new TalonError('board_message_not_found');
	return row;
}

export async function updateBoardMessage(
	sql: Sql,
	scope: AdminScope,
	office: string | number,
	id: number,
	patch: MessagePatch
): Promise<MessageView> {
	const o = await officeInScope(sql, scope, office);
	return sql.begin(async (tx) => {
		const before = view(await lockRow(tx, o.id, id), new Date());
		const next = { ...auditable(before), ...patch };
		if (next.startsAt && next.endsAt && Date.parse(next.endsAt) <= Date.parse(next.startsAt))
			throw new TalonError('invalid_input', { field: 'endsAt' });
		const [row] = await tx<Row[]>`
			update board_messages set text_ru = ${next.textRu}, text_en = ${next.textEn}, starts_at = ${next.startsAt}, ends_at = ${next.endsAt},
				active = ${next.active}, sort = ${next.sort}
			where id = ${id} returning ${columns(tx)}`;
		const after = view(row!, new Date());
		const b = auditable(before);
		const a = auditable(after);
		const changed = (Object.keys(a) as (keyof typeof a)[]).filter((k) => a[k] !== b[k]);
		if (changed.length) {
			await audit(tx, {
				actor: scope,
				officeId: o.id,
				entity: 'board_message',
				entityId: id,
				action: 'update',
				before: Object.fromEntries(changed.map((k) => [k, b[k]])),
				after: Object.fromEntries(changed.map((k) => [k, a[k]]))
			});
		}
		return after;
	});
}

export async function deleteBoardMessage(sql: Sql, scope: AdminScope, office: string | number, id: number): Promise<void> {
	const o = await officeInScope(sql, scope, office);
	await sql.begin(async (tx) => {
		const before = view(await lockRow(tx, o.id, id), new Date());
		await tx`delete from board_messages where id = ${id}`;
		await audit(tx, { actor: scope, officeId: o.id, entity: 'board_message', entityId: id, action: 'delete', before: auditable(before) });
	});
}
