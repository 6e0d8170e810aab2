import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { startRealtime, until, type RealtimeHarness } from '../helpers/realtime';
import { addDevice } from '../../src/lib/server/auth/devices';
import { createSession } from '../../src/lib/server/auth/sessions';
import { callNext, finish, issueTicket, officeSnapshot, startService } from '../../src/lib/server/queue';
import { createOfficeFeed } from '../../src/lib/realtime/feed';
import type { OfficeSnapshot, QueueEvent } from '../../src/lib/realtime/types';
import type { Actor } from '../../src/lib/server/queue';

let db: TestDatabase;
let f: Fixture;
let rt: RealtimeHarness;
let boardToken: string;
let kioskToken: string;
let otherOfficeToken: string;
const system: Actor = { kind: 'system' };

beforeAll(async () => {
	db = await createTestDatabase();
	f = await makeOffice(db.sql);
	const other = await makeOffice(db.sql, { slug: 'other-office' });
	rt = await startRealtime(db.sql);
	boardToken = (await addDevice(db.sql, { officeId: f.officeId, kind: 'display', name: 'Board' })).token;
	kioskToken = (await addDevice(db.sql, { officeId: f.officeId, kind: 'kiosk', name: 'Kiosk' })).token;
	otherOfficeToken = (await addDevice(db.sql, { officeId: other.officeId, kind: 'display', name: 'Other board' })).token;
});
afterAll(async () => {
	await rt?.close();
	await db?.close();
});

/** Compares what a client holds with the server's own snapshot, ignoring the clock fields. */
function comparable(s: OfficeSnapshot) {
	return {
		seq: s.seq,
		tickets: s.tickets,
		desks: s.desks,
		recentCalls: s.recentCalls,
		services: s.services.map((x) => ({ id: x.id, avg: x.averageServiceSec }))
	};
}

describe('realtime contract', () => {
	it('two clients receive each event once, in order, with consecutive sequence numbers', async () => {
		const a = rt.client({ deviceToken: boardToken });
		const b = rt.client({ deviceToken: kioskToken });
		const seen: Record<string, QueueEvent[]> = { a: [], b: [] };
		a.on('queue:event', (e) => seen.a!.push(e));
		b.on('queue:event', (e) => seen.b!.push(e));
		for (const s of [a, b]) {
			const ack = await s.timeout(5000).emitWithAck('office:join', { officeId: f.officeId });
			expect(ack.error).toBeUndefined();
		}
		const start = (await officeSnapshot(db.sql, f.officeId)).seq;

		// Commands from several sides at once: kiosk issues, desks call and finish.
		const issued = await Promise.all(
			Array.from({ length: 20 }, () => issueTicket(rt.ctx, system, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' }))
		);
		for (const desk of f.desks) {
			const called = await callNext(rt.ctx, system, { deskId: desk });
			await startService(rt.ctx, system, { deskId: desk, ticketId: called.ticket!.id });
			await finish(rt.ctx, system, { deskId: desk, ticketId: called.ticket!.id });
		}
		const total = issued.length + f.desks.length * 3;
		// One more command is the marker: events arrive in order, so once its event is in, a
		// duplicate or stray event of the commands above would be in too.
		const marker = await issueTicket(rt.ctx, system, { officeId: f.officeId, serviceId: f.services.b, source: 'kiosk' });
		const markerIn = (list: QueueEvent[]) => list.some((e) => e.type === 'ticket.issued' && e.ticket?.id === marker.ticket.id);
		await until(() => markerIn(seen.a!) && markerIn(seen.b!), 10_000, 'the marker event');

		for (const list of [seen.a!, seen.b!]) {
			expect(list).toHaveLength(total + 1);
			expect(list.map((e) => e.seq)).toEqual(Array.from({ length: total + 1 }, (_, i) => start + 1 + i));
		}
		expect(seen.a!.filter((e) => e.type === 'ticket.issued')).toHaveLength(21);
		// Events carry no personal data and the same payload to everyone.
		expect(seen.a).toEqual(seen.b);
	});

	it('a client that missed events while disconnected ends with exactly the server state', async () => {
		const board = rt.client({ deviceToken: boardToken });
		let state: OfficeSnapshot | null = null;
		let snapshots = 0;
		const feed = createOfficeFeed(board, {
			officeId: f.officeId,
			onState: (s, cause) => {
				state = s;
				if (cause.kind === 'snapshot') snapshots++;
			}
		});
		await until(() => state !== null, 10_000, 'first snapshot');
		const issuedB = await issueTicket(rt.ctx, system, { officeId: f.officeId, serviceId: f.services.b, source: 'kiosk' });
		await until(() => state!.tickets.some((t) => t.id === issuedB.ticket.id), 5000, 'live event');

		// The server drops the board's connection; a server-side disconnect is not retried by
		// the client by itself, so the board stays away while the queue moves on.
		for (const s of await rt.io.fetchSockets()) if (s.id === board.id) s.disconnect(true);
		await until(() => !board.connected, 5000, 'disconnect');
		for (let i = 0; i < 5; i++) await issueTicket(rt.ctx, system, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		const called = await callNext(rt.ctx, system, { deskId: f.desks[0]! });
		await startService(rt.ctx, system, { deskId: f.desks[0]!, ticketId: called.ticket!.id });
		const truth = await officeSnapshot(db.sql, f.officeId);
		expect(state!.seq).toBeLessThan(truth.seq);

		board.connect();
		await until(() => state !== null && state.seq === truth.seq, 10_000, 'resync');
		expect(comparable(state!)).toEqual(comparable(truth));
		expect(snapshots).toBe(2);
		feed.stop();
	});

	it('a gap in sequence numbers makes the feed fetch a fresh snapshot', async () => {
		const board = rt.client({ deviceToken: boardToken });
		let state: OfficeSnapshot | null = null;
		let snapshots = 0;
		const applied: number[] = [];
		const feed = createOfficeFeed(board, {
			officeId: f.officeId,
			onState: (s, cause) => {
				state = s;
				if (cause.kind === 'snapshot') snapshots++;
				else applied.push(cause.event.seq);
			}
		});
		await until(() => state !== null, 10_000, 'first snapshot');
		const before = state!.seq;
		// Two events are lost on the way; the third arrives and reveals the gap.
		rt.dropEvents = true;
		await issueTicket(rt.ctx, system, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		await issueTicket(rt.ctx, system, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		rt.dropEvents = false;
		await issueTicket(rt.ctx, system, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		const truth = await officeSnapshot(db.sql, f.officeId);
		expect(truth.seq).toBe(before + 3);
		await until(() => state!.seq === truth.seq, 10_000, 'caught up');
		expect(snapshots).toBe(2);
		expect(applied).not.toContain(before + 3); // never applied on top of a hole
		expect(comparable(state!)).toEqual(comparable(truth));
		feed.stop();
	});

	it('a snapshot request that gets no answer is asked again, not waited on forever', async () => {
		let dropped = 0;
		const onConnection = (s: import('socket.io').Socket) => {
			s.use(([event], next) => {
				// The server swallows the first snapshot request, as an overloaded one might.
				if (event === 'office:snapshot' && dropped === 0) {
					dropped++;
					return;
				}
				next();
			});
		};
		rt.io.on('connection', onConnection);
		const board = rt.client({ deviceToken: boardToken });
		let state: OfficeSnapshot | null = null;
		const feed = createOfficeFeed(board, { officeId: f.officeId, snapshotTimeoutMs: 300, onState: (s) => (state = s) });
		await until(() => state !== null, 10_000, 'snapshot after a retry');
		expect(dropped).toBe(1);
		expect(state!.seq).toBe((await officeSnapshot(db.sql, f.officeId)).seq);
		feed.stop();
		rt.io.off('connection', onConnection);
	});

	it('refuses strangers: no token, a revoked token, another office, a device doing staff work', async () => {
		const anon = rt.client({});
		await until(() => anon.connected, 5000, 'anon connect');
		const denied = await anon.timeout(5000).emitWithAck('office:join', { officeId: f.officeId });
		expect(denied.error?.code).toBe('unauthorized');

		const foreign = rt.client({ deviceToken: otherOfficeToken });
		const wrong = await foreign.timeout(5000).emitWithAck('office:snapshot', { officeId: f.officeId });
		expect(wrong.error?.code).toBe('wrong_office');

		const kiosk = rt.client({ deviceToken: kioskToken });
		const staffOnly = await kiosk.timeout(5000).emitWithAck('desk:call-next', { deskId: f.desks[0]! });
		expect(staffOnly.error?.code).toBe('forbidden');

		const bad = await kiosk.timeout(5000).emitWithAck('ticket:issue', { officeId: f.officeId, serviceId: 'one' as unknown as number });
		expect(bad.error?.code).toBe('invalid_input');
		expect(bad.error?.message).toMatch(/serviceId/);

		const revoked = await addDevice(db.sql, { officeId: f.officeId, kind: 'kiosk', name: 'Old kiosk' });
		await db.sql`update devices set revoked_at = now() where id = ${revoked.id}`;
		const gone = rt.client({ deviceToken: revoked.token });
		const error = await new Promise<Error>((resolve) => gone.on('connect_error', resolve));
		expect(error.message).toBe('device_unauthorized');
		gone.close();
	});

	it('staff join by session cookie and act only in their own office', async () => {
		const [user] = await db.sql<{ id: number }[]>`
			insert into staff_users (login, password_hash, roles) values ('op-rt', 'x', '{operator}') returning id`;
		await db.sql`insert into staff_offices (staff_id, office_id) values (${user!.id}, ${f.officeId})`;
		const session = await createSession(db.sql, user!.id);
		const op = rt.client({}, { cookie: `talon_session=${session.token}` });
		const joined = await op.timeout(5000).emitWithAck('office:join', { officeId: f.officeId });
		expect(joined.error).toBeUndefined();
		await issueTicket(rt.ctx, system, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		const desk = f.desks[1]!;
		const busy = await db.sql`select 1 from tickets where desk_id = ${desk} and state in ('called','serving')`;
		if (busy.length === 0) {
			const called = await op.timeout(5000).emitWithAck('desk:call-next', { deskId: desk });
			expect(called.error).toBeUndefined();
			expect(called.data?.ticket?.number).toMatch(/^П\d{3}$/);
		}
		// A forged event for another office's desk is refused by the engine.
		const [foreignDesk] = await db.sql<
			{ id: number }[]
		>`select d.id from desks d join offices o on o.id = d.office_id where o.slug = 'other-office' limit 1`;
		const forged = await op.timeout(5000).emitWithAck('desk:call-next', { deskId: foreignDesk!.id });
		expect(forged.error?.code).toBe('wrong_office');
	});

	it('the public ticket room hears only its own ticket', async () => {
		const mine = await issueTicket(rt.ctx, system, { officeId: f.officeId, serviceId: f.services.b, source: 'kiosk' });
		const phone = rt.client({});
		const changes: string[] = [];
		phone.on('ticket:changed', (c) => changes.push(`${c.publicCode}:${c.state}`));
		phone.on('queue:event', () => changes.push('office-event-leaked'));
		const joined = await phone.timeout(5000).emitWithAck('ticket:join', { publicCode: mine.publicCode });
		expect(joined.data?.number).toBe(mine.ticket.number);
		await issueTicket(rt.ctx, system, { officeId: f.officeId, serviceId: f.services.b, source: 'kiosk' });
		// Free a desk, then call until this ticket is called.
		const desk = f.desks[0]!;
		const [current] = await db.sql<
			{ id: number; state: string }[]
		>`select id, state from tickets where desk_id = ${desk} and state in ('called','serving')`;
		if (current) {
			if (current.state === 'called') await startService(rt.ctx, system, { deskId: desk, ticketId: current.id });
			await finish(rt.ctx, system, { deskId: desk, ticketId: current.id });
		}
		for (;;) {
			const c = await callNext(rt.ctx, system, { deskId: desk });
			if (!c.ticket || c.ticket.id === mine.ticket.id) break;
			await startService(rt.ctx, system, { deskId: desk, ticketId: c.ticket.id });
			await finish(rt.ctx, system, { deskId: desk, ticketId: c.ticket.id });
		}
		await until(() => changes.length > 0, 5000, 'ticket change');
		// Starting the service is the marker: its change reaches this room after anything sent before it.
		await startService(rt.ctx, system, { deskId: desk, ticketId: mine.ticket.id });
		await until(() => changes.includes(`${mine.publicCode}:serving`), 5000, 'the marker change');
		expect(changes).toEqual([`${mine.publicCode}:called`, `${mine.publicCode}:serving`]);
	});
});
