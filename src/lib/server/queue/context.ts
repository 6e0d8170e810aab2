import type { Sql, Tx } from '$lib/server/db/connect';
import type { QueueEvent } from '$lib/realtime/types';
import { TalonError } from '$lib/errors';
import type { Locale } from '$lib/i18n/locale';

/**
 * Who runs a command. The engine itself checks office scope, so a route or socket handler that
 * forgot to cannot let one office act on another's desk.
 */
export type Actor =
	| { kind: 'staff'; staffId: number; officeIds: readonly number[] }
	| { kind: 'device'; deviceId: number; officeId: number }
	| { kind: 'system' };

export interface EngineContext {
	sql: Sql;
	/** Receives a command's events after its transaction committed, in sequence order. */
	publish: (events: PublishedEvent[]) => void;
	/** The clock; tests pass a fixed one. */
	now?: () => Date;
	/** Side effects other modules add to a command's own transaction (see `EngineHooks`). */
	hooks?: EngineHooks;
}

/**
 * Where the surfaces plug into the engine without the engine importing them: each hook runs
 * inside the command's transaction, so what it writes commits or rolls back with the change.
 */
export interface EngineHooks {
	/** A ticket was inserted (issue, check-in): e.g. the kiosk's print job (src/lib/server/kiosk). */
	ticketInserted?: (tx: Tx, inserted: InsertedTicket) => Promise<void>;
	/**
	 * A command appended its events and is about to commit: e.g. the visitors' notices ("перед
	 * вами N", «Вас вызывают к окну 5») written to the outbox (src/lib/server/notices).
	 */
	eventsAppended?: (tx: Tx, events: readonly PublishedEvent[]) => Promise<void>;
}

/** What `ticketInserted` gets: the new ticket, who issued it and the visitor's language. */
export interface InsertedTicket {
	ticketId: number;
	actor: Actor;
	locale: Locale;
}

export function clock(ctx: EngineContext): Date {
	return ctx.now ? ctx.now() : new Date();
}

export function assertOffice(actor: Actor, officeId: number): void {
	const ok =
		actor.kind === 'system' ||
		(actor.kind === 'staff' && actor.officeIds.includes(officeId)) ||
		(actor.kind === 'device' && actor.officeId === officeId);
	if (!ok) throw new TalonError('wrong_office');
}

export const actorIds = (actor: Actor) => ({
	staffId: actor.kind === 'staff' ? actor.staffId : null,
	deviceId: actor.kind === 'device' ? actor.deviceId : null
});

const running = new Set<Promise<unknown>>();

/** Resolves when every command that has started has committed or rolled back (graceful stop). */
export async function drainCommands(): Promise<void> {
	while (running.size > 0) await Promise.allSettled([...running]);
}

export function runningCommands(): number {
	return running.size;
}

/**
 * Runs one command: one transaction whose last step appends its events (numbered per office
 * without gaps), then — only after the commit — hands the events to `publish`.
 */
export function runCommand<T>(ctx: EngineContext, body: (tx: Tx, emit: Emitter) => Promise<T>): Promise<T> {
	// Everything, checks included, runs inside the async body: a refusal is always a rejected
	// promise, never a synchronous throw.
	const task = (async () => {
		const { result, events } = await ctx.sql.begin(async (tx) => {
			const drafts: EventDraft[] = [];
			const result = await body(tx, (d) => drafts.push(d));
			const events = await appendEvents(tx, drafts);
			if (events.length > 0) await ctx.hooks?.eventsAppended?.(tx, events);
			return { result, events };
		});
		if (events.length > 0) ctx.publish(events);
		return result;
	})();
	running.add(task);
	const forget = () => running.delete(task);
	task.then(forget, forget);
	return task;
}

/**
 * The NOTIFY channel of the event log is this prefix plus the schema's name (NOTIFY is per
 * database; tests run many schemas in one). Payload: `officeId:lastSeq`.
 */
export const EVENTS_CHANNEL_PREFIX = 'talon_events_';

/** An event as the publisher gets it: with the ticket's public code, for the ticket's room only. */
export type PublishedEvent = QueueEvent & { publicCode?: string };
export type EventDraft = Omit<PublishedEvent, 'seq'>;
export type Emitter = (draft: EventDraft) => void;

/** Appends one office's events (exported for the nightly expiry, which runs inside a job's transaction). */
export async function appendEvents(tx: Tx, drafts: EventDraft[]): Promise<PublishedEvent[]> {
	if (drafts.length === 0) return [];
	const officeId = drafts[0]!.officeId;
	if (drafts.some((d) => d.officeId !== officeId)) throw new Error('one command appends events of one office');
	// The row lock taken here is held to commit, so the commits of one office are ordered
	// like their sequence numbers and no number is skipped by a rollback. The same statement
	// inserts the events under the numbers it took (one round trip for any number of events:
	// per-statement round trips were most of an engine command's cost, bench/README.md) and
	// queues a NOTIFY (delivered only if the transaction commits) telling every server process
	// following the log (src/lib/server/realtime/cluster.ts) that the office reached this seq.
	const rows = drafts.map((e) => ({
		type: e.type,
		ticket_id: e.ticket?.id ?? null,
		desk_id: e.desk?.id ?? null,
		staff_id: e.staffId,
		device_id: e.deviceId,
		payload: { ticket: e.ticket, desk: e.desk, data: e.data },
		at: e.at
	}));
	const [row] = await tx<{ lastSeq: number }[]>`
		with bumped as (update offices set last_seq = last_seq + ${drafts.length} where id = ${officeId} returning last_seq),
		appended as (
			insert into events (office_id, seq, type, ticket_id, desk_id, staff_id, device_id, payload, at)
			select ${officeId}, bumped.last_seq - ${drafts.length} + e.ord::int, e.doc->>'type', (e.doc->>'ticket_id')::int,
				(e.doc->>'desk_id')::int, (e.doc->>'staff_id')::int, (e.doc->>'device_id')::int, e.doc->'payload',
				(e.doc->>'at')::timestamptz
			from bumped, jsonb_array_elements(${tx.json(rows as never)}::jsonb) with ordinality as e(doc, ord))
		select last_seq, pg_notify(${EVENTS_CHANNEL_PREFIX}::text || current_schema(), ${officeId}::int || ':' || last_seq) from bumped`;
	if (!row) throw new TalonError('office_not_found');
	const first = row.lastSeq - drafts.length + 1;
	const events = drafts.map((d, i) => ({ ...d, seq: first + i }));
	return events;
}
