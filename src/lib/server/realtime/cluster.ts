import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Server } from 'socket.io';
import type { Sql } from '$lib/server/db/connect';
import { EVENTS_CHANNEL_PREFIX, type PublishedEvent } from '$lib/server/queue';
import type { ServerToClientEvents } from '$lib/realtime/events';
import type { EventType } from '$lib/realtime/types';
import { log } from '$lib/server/log';
import type { Publisher } from './publisher';

/**
 * Several server processes on one PostgreSQL (docs/realtime.md, "Several server processes").
 *
 * Queue events: every node follows the event log. A command's transaction queues
 * `NOTIFY talon_events_<schema>, 'officeId:seq'` (src/lib/server/queue/context.ts), delivered to
 * every listening node only if it commits. The node that ran the command publishes its events
 * at once, as one process always did; every node that hears of a seq it has not sent reads the
 * office's events after its last sent one from the `events` table, in order, and hands them to
 * its publisher, which sends them to its own sockets in seq order. A notify lost while the
 * LISTEN connection was down is made up on its reconnect and by a sweep every `pollMs` that
 * compares each office's `last_seq` with what this node sent. The log is the truth; NOTIFY is
 * only the doorbell.
 *
 * Other pushes (a kiosk's `print:available`, `print:taken`, `print:done`, `printer:status`) are
 * not in the log: `emit(room, event, payload)` sends to the room here and relays the message
 * over `NOTIFY talon_rooms_<schema>` to the other nodes, which send it to their sockets in that
 * room. They are hints (an agent fetches its jobs from the database with `print:pending`, and
 * again on every reconnect), so a relay lost with a node loses nothing. `end(rooms)` goes the same
 * way: a revoked device's or a disabled user's sockets end on whichever node holds them (a
 * relay lost with a node loses nothing either: the handshake refuses the revoked token).
 *
 * The embedded database is one process: no cluster, `localEmit` only.
 */

export type RoomEmit = <E extends keyof ServerToClientEvents>(room: string, event: E, ...args: Parameters<ServerToClientEvents[E]>) => void;

/** Sends to a room of this process's sockets only. */
export function localEmit(io: Server): RoomEmit {
	return (room, event, ...args) => void io.to(room).emit(event, ...args);
}

export interface Cluster {
	nodeId: string;
	/** Sends to a room on every node. */
	emit: RoomEmit;
	/** Ends the sockets of these rooms on every node (the administration's revocations). */
	end(rooms: string[]): void;
	/** Reads of the log so far and the events they returned (a node that reads back its own events wastes them). */
	readonly stats: { reads: number; events: number };
	/** Reads an office's events after the last one sent here and publishes them (single-flight per office). */
	catchUp(officeId: number): Promise<void>;
	/** Compares every office's `last_seq` with what was sent here and catches up where behind. */
	sweep(): Promise<void>;
	stop(): Promise<void>;
}

export interface ClusterOptions {
	sql: Sql;
	io: Server | null;
	publisher: Publisher;
	/** Sweep period (ms). Default 2000. */
	pollMs?: number;
}

/** Events read per query when catching up. */
const PAGE = 500;
/** How long a notification waits for this node's own publish of the same event (see `onEvents`). */
const OWN_COMMIT_WAIT_MS = 10;
/** NOTIFY's payload limit is 8000 bytes. */
const MAX_RELAY_BYTES = 7900;

interface LogRow {
	officeId: number;
	seq: number;
	type: EventType;
	at: Date;
	staffId: number | null;
	deviceId: number | null;
	payload: { ticket?: PublishedEvent['ticket']; desk?: PublishedEvent['desk']; data?: Record<string, unknown> };
	publicCode: string | null;
}

/** Events of an office after `afterSeq`, as the node that committed them published them. */
export async function readEvents(sql: Sql, officeId: number, afterSeq: number, limit = PAGE): Promise<PublishedEvent[]> {
	const rows = await sql<LogRow[]>`
		select e.office_id, e.seq, e.type, e.at, e.staff_id, e.device_id, e.payload, t.public_code
		from events e left join tickets t on t.id = e.ticket_id
		where e.office_id = ${officeId} and e.seq > ${afterSeq}
		order by e.seq limit ${limit}`;
	return rows.map((r) => {
		const e: PublishedEvent = {
			officeId: r.officeId,
			seq: r.seq,
			type: r.type,
			at: r.at.toISOString(),
			ticket: r.payload.ticket ?? null,
			desk: r.payload.desk ?? null,
			staffId: r.staffId,
			deviceId: r.deviceId,
			data: r.payload.data ?? {}
		};
		if (r.publicCode && e.ticket) e.publicCode = r.publicCode;
		return e;
	});
}

type Relayed =
	/** Sending node; a room, an event and its arguments. */
	| { n: string; r: string; e: string; a: unknown[] }
	/** Sending node; rooms whose sockets end (a revoked device, a disabled user). */
	| { n: string; end: string[] };

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
	const { sql, io, publisher } = opts;
	const nodeId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
	const [row] = await sql<{ schema: string }[]>`select current_schema() as schema`;
	const schema = row!.schema;
	const eventsChannel = EVENTS_CHANNEL_PREFIX + schema;
	const roomsChannel = 'talon_rooms_' + schema;
	let stopped = false;

	const stats = { reads: 0, events: 0 };
	// Per office: absent = idle, false = reading, true = reading and asked again meanwhile.
	const reading = new Map<number, boolean>();
	async function catchUp(officeId: number): Promise<void> {
		if (reading.has(officeId)) {
			reading.set(officeId, true);
			return;
		}
		reading.set(officeId, false);
		try {
			for (;;) {
				const events = await readEvents(sql, officeId, publisher.lastSent(officeId) ?? 0);
				stats.reads++;
				stats.events += events.length;
				if (events.length > 0) publisher.publish(events);
				if (events.length < PAGE && !reading.get(officeId)) break;
				reading.set(officeId, false);
				if (stopped) break;
			}
		} catch (e) {
			if (!stopped) log.warn({ err: e, officeId }, 'catching up on the event log failed; the next sweep retries');
		} finally {
			reading.delete(officeId);
		}
	}

	async function sweep(): Promise<void> {
		const offices = await sql<{ id: number; lastSeq: number }[]>`select id, last_seq from offices`;
		await Promise.all(offices.filter((o) => o.lastSeq > (publisher.lastSent(o.id) ?? 0)).map((o) => catchUp(o.id)));
	}

	const local = io ? localEmit(io) : () => {};
	const emit: RoomEmit = (room, event, ...args) => {
		local(room, event, ...args);
		const message = JSON.stringify({ n: nodeId, r: room, e: event, a: args } satisfies Relayed);
		if (Buffer.byteLength(message) > MAX_RELAY_BYTES) {
			log.warn({ room, event }, 'message too large to relay to the other nodes');
			return;
		}
		sql.notify(roomsChannel, message).catch((e) => {
			if (!stopped) log.warn({ err: e, room, event }, 'relaying a message to the other nodes failed');
		});
	};

	const end = (rooms: string[]) => {
		io?.in(rooms).disconnectSockets(true);
		sql.notify(roomsChannel, JSON.stringify({ n: nodeId, end: rooms } satisfies Relayed)).catch((e) => {
			if (!stopped) log.warn({ err: e, rooms }, 'relaying a disconnect to the other nodes failed');
		});
	};

	const onEvents = (payload: string) => {
		const [office, seq] = payload.split(':').map(Number);
		if (!office || !seq) return;
		// The node that committed the event gets this notification about when its own COMMIT
		// returns, and publishes the event itself a moment later: checking again after a short
		// wait spares it a read of what it is about to send (a third of all reads, measured).
		if (seq <= (publisher.lastSent(office) ?? 0)) return;
		setTimeout(() => {
			if (seq > (publisher.lastSent(office) ?? 0)) void catchUp(office);
		}, OWN_COMMIT_WAIT_MS);
	};
	const onRooms = (payload: string) => {
		if (!io) return;
		let m: Relayed;
		try {
			m = JSON.parse(payload) as Relayed;
		} catch {
			return;
		}
		if (m.n === nodeId) return;
		if ('end' in m) io.in(m.end).disconnectSockets(true);
		else io.to(m.r).emit(m.e, ...m.a);
	};
	// onlisten runs on the first LISTEN and again after every reconnect of its connection:
	// notifies sent meanwhile were lost, so read what the log has.
	const sweepSoon = () => void sweep().catch((e) => !stopped && log.warn({ err: e }, 'event log sweep failed'));
	const listeners = await Promise.all([sql.listen(eventsChannel, onEvents, sweepSoon), sql.listen(roomsChannel, onRooms)]);
	const timer = setInterval(sweepSoon, opts.pollMs ?? 2000);
	timer.unref();
	log.info({ node: nodeId, channel: eventsChannel }, 'following the event log (several nodes)');

	return {
		nodeId,
		emit,
		end,
		stats,
		catchUp,
		sweep,
		async stop() {
			stopped = true;
			clearInterval(timer);
			await Promise.all(listeners.map((l) => l.unlisten().catch(() => {})));
		}
	};
}
