import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, NEEDS_SERVER, usingServer, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import {
	callNext,
	cancelTicket,
	closeDesk,
	finish,
	issueTicket,
	markNoShow,
	officeSnapshot,
	openDesk,
	pauseDesk,
	recall,
	resumeDesk,
	returnToQueue,
	startService,
	ticketStatus,
	transfer,
	type Actor,
	type IssueTicketInput
} from '../../src/lib/server/queue';
import { TalonError, type ErrorCode } from '../../src/lib/errors';
import type { TicketState } from '../../src/lib/domain/states';

/**
 * Every engine command against a real database: the happy path with exactly its events, and
 * every refusal with its stable code, no events and not one changed row. One database for the
 * file, one office per test (`office()`), each with its own clock the test moves by hand.
 */

let db: TestDatabase;
beforeAll(async () => {
	db = await createTestDatabase();
});
afterAll(() => db?.close());

const T0 = '2026-11-25T07:00:00.000Z'; // 10:00 in Moscow, the fixture's default zone

interface Office extends Fixture {
	clock: { now: () => Date; advance: (minutes: number) => void };
}

let offices = 0;
async function office(opts: { desks?: number; timeZone?: string } = {}): Promise<Office> {
	let t = new Date(T0).getTime();
	const clock = { now: () => new Date(t), advance: (minutes: number) => void (t += minutes * 60_000) };
	const f = await makeOffice(db.sql, { slug: `office-${++offices}`, desks: opts.desks ?? 2, timeZone: opts.timeZone, now: clock.now });
	return Object.assign(f, { clock });
}

let logins = 0;
async function staffOf(officeIds: number[]): Promise<Actor & { kind: 'staff' }> {
	const [row] = await db.sql<{ id: number }[]>`
		insert into staff_users (login, password_hash, roles) values (${`op-${++logins}`}, 'x', ${['operator']}) returning id`;
	for (const officeId of officeIds) await db.sql`insert into staff_offices (staff_id, office_id) values (${row!.id}, ${officeId})`;
	return { kind: 'staff', staffId: row!.id, officeIds };
}

let devices = 0;
async function kioskOf(officeId: number): Promise<Actor & { kind: 'device' }> {
	const [row] = await db.sql<{ id: number }[]>`
		insert into devices (office_id, kind, name, token_hash) values (${officeId}, 'kiosk', 'Kiosk', ${`hash-${++devices}`}) returning id`;
	return { kind: 'device', deviceId: row!.id, officeId };
}

/** A desk serving only the given services (weight 5), open. */
async function addDesk(f: Office, number: number, serviceIds: number[]): Promise<number> {
	const [d] = await db.sql<{ id: number }[]>`
		insert into desks (office_id, number, name, state) values (${f.officeId}, ${number}, ${'Окно ' + number}, 'open') returning id`;
	for (const s of serviceIds) await db.sql`insert into desk_services (desk_id, service_id, priority) values (${d!.id}, ${s}, 5)`;
	return d!.id;
}

function issue(f: Office, service: 'a' | 'b' = 'a', extra: Partial<IssueTicketInput> = {}, actor: Actor = f.actor) {
	return issueTicket(f.ctx, actor, { officeId: f.officeId, serviceId: f.services[service], source: 'kiosk', ...extra });
}

async function ticketRow(id: number) {
	const [row] = await db.sql<
		{
			state: TicketState;
			deskId: number | null;
			serviceId: number;
			arrivedAt: Date;
			callCount: number;
			targetDeskId: number | null;
			staffId: number | null;
			issuedByDeviceId: number | null;
		}[]
	>`
		select * from tickets where id = ${id}`;
	return row!;
}

async function lastSeq(officeId: number): Promise<number> {
	const [row] = await db.sql<{ lastSeq: number }[]>`select last_seq from offices where id = ${officeId}`;
	return row!.lastSeq;
}

/**
 * Runs a command that must succeed and checks it appended exactly `types`, numbered right
 * after the office's previous last_seq, both to the `events` table and to what was published.
 */
async function ran<T>(f: Office, types: string[], command: () => Promise<T>): Promise<T> {
	const seq0 = await lastSeq(f.officeId);
	const published0 = f.published.length;
	const result = await command();
	const expected = types.map((type, i) => [seq0 + i + 1, type]);
	expect(f.published.slice(published0).map((e) => [e.seq, e.type])).toEqual(expected);
	const rows = await db.sql<{ seq: number; type: string }[]>`
		select seq, type from events where office_id = ${f.officeId} and seq > ${seq0} order by seq`;
	expect(rows.map((r) => [r.seq, r.type])).toEqual(expected);
	expect(await lastSeq(f.officeId)).toBe(seq0 + types.length);
	return result;
}

/** Everything a command could write, across all offices. */
async function world() {
	const sql = db.sql;
	return {
		tickets: [...(await sql`select * from tickets order by id`)],
		desks: [...(await sql`select * from desks order by id`)],
		offices: [...(await sql`select id, last_seq from offices order by id`)],
		events: [...(await sql`select office_id, seq, type, ticket_id, desk_id from events order by office_id, seq`)],
		counters: [...(await sql`select * from ticket_counters order by office_id, service_day, prefix`)],
		keys: [...(await sql`select office_id, key, ticket_id from issue_keys order by office_id, key`)]
	};
}

/** Runs a command that must be refused with `code`: nothing written, nothing published. */
async function refused(f: Office, code: ErrorCode, command: () => Promise<unknown>): Promise<TalonError> {
	const before = await world();
	const published0 = f.published.length;
	let error: unknown = null;
	try {
		await command();
	} catch (e) {
		error = e;
	}
	expect(error, `expected ${code}`).toBeInstanceOf(TalonError);
	expect((error as TalonError).code).toBe(code);
	expect(await world()).toEqual(before);
	expect(f.published.length).toBe(published0);
	return error as TalonError;
}

/** Issues one ticket and calls it to `deskId` (it must be the only one waiting for that desk). */
async function calledAt(f: Office, deskId: number, service: 'a' | 'b' = 'a') {
	const t = await issue(f, service);
	const c = await callNext(f.ctx, f.actor, { deskId });
	expect(c.ticket?.id).toBe(t.ticket.id);
	return t.ticket.id;
}

async function servingAt(f: Office, deskId: number) {
	const id = await calledAt(f, deskId);
	await startService(f.ctx, f.actor, { deskId, ticketId: id });
	return id;
}

describe('happy paths', () => {
	it('issueTicket numbers per prefix, reports the position and publishes ticket.issued', async () => {
		const f = await office();
		const first = await ran(f, ['ticket.issued'], () => issue(f));
		expect(first.ticket).toMatchObject({
			number: 'П001',
			state: 'waiting',
			category: 'ordinary',
			source: 'kiosk',
			deskId: null,
			callCount: 0
		});
		expect(first.ticket.arrivedAt).toBe(T0);
		expect(first.duplicate).toBe(false);
		expect(first.position.ahead).toBe(0);
		expect(first.publicCode).toMatch(/^[a-z2-7]{16}$/);
		f.clock.advance(1);
		const second = await ran(f, ['ticket.issued'], () => issue(f));
		expect(second.ticket.number).toBe('П002');
		expect(second.position.ahead).toBe(1);
		const other = await ran(f, ['ticket.issued'], () => issue(f, 'b'));
		expect(other.ticket.number).toBe('К001');
		expect(other.position.ahead).toBe(0);
		expect(f.published.at(-1)).toMatchObject({ type: 'ticket.issued', publicCode: other.publicCode, ticket: { id: other.ticket.id } });
		const [row] = await db.sql`select ticket_id, desk_id from events where office_id = ${f.officeId} and seq = 3`;
		expect(row).toEqual({ ticketId: other.ticket.id, deskId: null });
	});

	it('issueTicket from a kiosk of the office records the device; priority and appointment categories', async () => {
		const f = await office();
		const kiosk = await kioskOf(f.officeId);
		const t = await ran(f, ['ticket.issued'], () => issue(f, 'a', { priorityReason: 'veteran' }, kiosk));
		expect(t.ticket).toMatchObject({ category: 'priority', priorityReason: 'veteran' });
		expect((await ticketRow(t.ticket.id)).issuedByDeviceId).toBe(kiosk.deviceId);
		expect(f.published.at(-1)).toMatchObject({ deviceId: kiosk.deviceId, staffId: null });
		const slot = new Date('2026-11-25T07:30:00Z');
		const a = await ran(f, ['ticket.issued'], () => issue(f, 'a', { appointmentAt: slot, source: 'booking' }));
		expect(a.ticket).toMatchObject({ category: 'appointment', appointmentAt: slot.toISOString(), source: 'booking' });
	});

	it('callNext calls the longest waiting visitor, and returns null with no event when nobody waits', async () => {
		const f = await office();
		const t1 = await issue(f);
		f.clock.advance(2);
		await issue(f);
		f.clock.advance(3);
		const c = await ran(f, ['ticket.called'], () => callNext(f.ctx, f.actor, { deskId: f.desks[0]! }));
		expect(c.reason).toBe('weighted');
		expect(c.ticket).toMatchObject({
			id: t1.ticket.id,
			state: 'called',
			deskId: f.desks[0],
			callCount: 1,
			calledAt: f.clock.now().toISOString()
		});
		expect(f.published.at(-1)).toMatchObject({
			type: 'ticket.called',
			desk: { id: f.desks[0] },
			data: { reason: 'weighted' },
			publicCode: t1.publicCode
		});
		const c2 = await ran(f, ['ticket.called'], () => callNext(f.ctx, f.actor, { deskId: f.desks[1]! }));
		expect(c2.ticket?.number).toBe('П002');
		await refused(f, 'desk_busy', () => callNext(f.ctx, f.actor, { deskId: f.desks[1]! }));
		const f2 = await office();
		expect(await ran(f2, [], () => callNext(f2.ctx, f2.actor, { deskId: f2.desks[0]! }))).toEqual({ ticket: null, reason: null });
	});

	it('recall increments callCount and emits ticket.recalled', async () => {
		const f = await office();
		const id = await calledAt(f, f.desks[0]!);
		f.clock.advance(1);
		const r = await ran(f, ['ticket.recalled'], () => recall(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: id }));
		expect(r).toMatchObject({ state: 'called', callCount: 2, calledAt: f.clock.now().toISOString() });
		await ran(f, ['ticket.recalled'], () => recall(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: id }));
		expect((await ticketRow(id)).callCount).toBe(3);
	});

	it('startService then finish: serving, then done, with the rolling average in the event', async () => {
		const f = await office();
		const staff = await staffOf([f.officeId]);
		const t = await issue(f);
		const c = await ran(f, ['ticket.called'], () => callNext(f.ctx, staff, { deskId: f.desks[0]! }));
		const id = c.ticket!.id;
		expect(t.ticket.id).toBe(id);
		expect((await ticketRow(id)).staffId).toBe(staff.staffId);
		f.clock.advance(1);
		const s = await ran(f, ['ticket.started'], () => startService(f.ctx, staff, { deskId: f.desks[0]!, ticketId: id }));
		expect(s).toMatchObject({ state: 'serving', startedAt: f.clock.now().toISOString() });
		f.clock.advance(7);
		const done = await ran(f, ['ticket.finished'], () => finish(f.ctx, staff, { deskId: f.desks[0]!, ticketId: id }));
		expect(done).toMatchObject({ state: 'done', finishedAt: f.clock.now().toISOString() });
		expect(f.published.at(-1)).toMatchObject({
			type: 'ticket.finished',
			staffId: staff.staffId,
			data: { averageServiceSec: expect.any(Number) }
		});
		const [ev] = await db.sql`select staff_id from events where office_id = ${f.officeId} and type = 'ticket.finished'`;
		expect(ev).toEqual({ staffId: staff.staffId });
		// The desk is free again.
		expect((await ran(f, [], () => callNext(f.ctx, staff, { deskId: f.desks[0]! }))).ticket).toBeNull();
	});

	it('markNoShow ends a called ticket and frees the desk', async () => {
		const f = await office();
		const id = await calledAt(f, f.desks[0]!);
		const n = await ran(f, ['ticket.no_show'], () => markNoShow(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: id }));
		expect(n).toMatchObject({ state: 'no_show', finishedAt: T0 });
		await issue(f);
		expect((await callNext(f.ctx, f.actor, { deskId: f.desks[0]! })).ticket).not.toBeNull();
	});

	it('cancelTicket removes a waiting ticket from the queue', async () => {
		const f = await office();
		const t = await issue(f);
		const c = await ran(f, ['ticket.cancelled'], () => cancelTicket(f.ctx, f.actor, { ticketId: t.ticket.id }));
		expect(c).toMatchObject({ state: 'cancelled', finishedAt: T0 });
		expect((await callNext(f.ctx, f.actor, { deskId: f.desks[0]! })).ticket).toBeNull();
	});

	it('desk transitions: close -> open -> pause -> resume -> close, each with its event', async () => {
		const f = await office();
		const staff = await staffOf([f.officeId]);
		const d = f.desks[0]!;
		const closed = await ran(f, ['desk.closed'], () => closeDesk(f.ctx, staff, { deskId: d }));
		expect(closed).toMatchObject({ id: d, state: 'closed', staffId: null });
		const opened = await ran(f, ['desk.opened'], () => openDesk(f.ctx, staff, { deskId: d }));
		expect(opened).toMatchObject({ state: 'open', staffId: staff.staffId });
		expect(opened.services).toEqual([
			{ serviceId: f.services.a, priority: 10 },
			{ serviceId: f.services.b, priority: 2 }
		]);
		expect(await ran(f, ['desk.paused'], () => pauseDesk(f.ctx, staff, { deskId: d }))).toMatchObject({
			state: 'paused',
			staffId: staff.staffId
		});
		expect(await ran(f, ['desk.resumed'], () => resumeDesk(f.ctx, staff, { deskId: d }))).toMatchObject({ state: 'open' });
		expect(await ran(f, ['desk.paused'], () => pauseDesk(f.ctx, staff, { deskId: d }))).toMatchObject({ state: 'paused' });
		expect(await ran(f, ['desk.closed'], () => closeDesk(f.ctx, staff, { deskId: d }))).toMatchObject({ state: 'closed' });
		const [row] = await db.sql`select state, staff_id from desks where id = ${d}`;
		expect(row).toEqual({ state: 'closed', staffId: null });
		expect(f.published.at(-1)).toMatchObject({
			type: 'desk.closed',
			desk: { id: d, state: 'closed' },
			ticket: null,
			staffId: staff.staffId
		});
	});

	it('officeSnapshot carries last_seq and the live tickets; ticketStatus follows one ticket', async () => {
		const f = await office();
		const t1 = await issue(f);
		const t2 = await issue(f, 'b');
		await callNext(f.ctx, f.actor, { deskId: f.desks[1]! });
		const snap = await officeSnapshot(db.sql, f.officeId, f.clock.now());
		expect(snap.seq).toBe(3);
		expect(snap.day).toBe('2026-11-25');
		expect(snap.tickets.map((t) => [t.id, t.state])).toEqual([
			[t1.ticket.id, 'called'],
			[t2.ticket.id, 'waiting']
		]);
		expect(snap.desks.map((d) => d.id)).toEqual(f.desks);
		expect(snap.recentCalls.map((t) => t.id)).toEqual([t1.ticket.id]);
		const s1 = await ticketStatus(db.sql, t1.publicCode, f.clock.now());
		expect(s1).toMatchObject({ number: 'П001', state: 'called', deskNumber: 2, ahead: 0 });
		const s2 = await ticketStatus(db.sql, t2.publicCode, f.clock.now());
		expect(s2).toMatchObject({ number: 'К001', state: 'waiting', deskNumber: null, ahead: 0 });
	});
});

describe('transfer and return to queue', () => {
	it('transfer to another service keeps arrivedAt and lands in that service’s queue', async () => {
		const f = await office();
		const onlyA = await addDesk(f, 3, [f.services.a]);
		const x = await issue(f, 'a'); // arrives at T0
		const id = (await callNext(f.ctx, f.actor, { deskId: f.desks[0]! })).ticket!.id;
		expect(id).toBe(x.ticket.id);
		f.clock.advance(5);
		const y = await issue(f, 'b'); // a consultation walk-in, arrives 5 minutes later
		f.clock.advance(5);
		const moved = await ran(f, ['ticket.transferred'], () =>
			transfer(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: id, toServiceId: f.services.b, comment: 'нужна консультация' })
		);
		expect(moved).toMatchObject({
			state: 'waiting',
			serviceId: f.services.b,
			deskId: null,
			targetDeskId: null,
			arrivedAt: T0,
			queuedAt: f.clock.now().toISOString(),
			calledAt: null
		});
		expect(f.published.at(-1)).toMatchObject({ data: { fromServiceId: f.services.a, toServiceId: f.services.b, toDeskId: null } });
		// A desk that serves only A does not get it; a desk serving B does, before the later B walk-in.
		expect((await callNext(f.ctx, f.actor, { deskId: onlyA })).ticket).toBeNull();
		const c = await callNext(f.ctx, f.actor, { deskId: f.desks[1]! });
		expect(c.ticket).toMatchObject({ id, serviceId: f.services.b, number: 'П001', callCount: 2 });
		expect((await callNext(f.ctx, f.actor, { deskId: f.desks[0]! })).ticket?.id).toBe(y.ticket.id);
	});

	it('transfer to a specific desk: only that desk gets it, ahead of those who waited longer', async () => {
		const f = await office({ desks: 3 });
		const [d1, d2, d3] = f.desks as [number, number, number];
		const onlyB = await addDesk(f, 4, [f.services.b]);
		const w1 = await issue(f); // П001 at T0
		f.clock.advance(1);
		const w2 = await issue(f); // П002
		f.clock.advance(1);
		const w3 = await issue(f); // П003
		f.clock.advance(1);
		const x = await issue(f, 'b'); // К001, the latest arrival
		expect((await callNext(f.ctx, f.actor, { deskId: onlyB })).ticket?.id).toBe(x.ticket.id);
		f.clock.advance(1);
		const moved = await ran(f, ['ticket.transferred'], () =>
			transfer(f.ctx, f.actor, { deskId: onlyB, ticketId: x.ticket.id, toDeskId: d3 })
		);
		expect(moved).toMatchObject({
			state: 'waiting',
			serviceId: f.services.b,
			targetDeskId: d3,
			deskId: null,
			arrivedAt: x.ticket.arrivedAt
		});
		expect(f.published.at(-1)).toMatchObject({ data: { fromServiceId: f.services.b, toServiceId: f.services.b, toDeskId: d3 } });
		// Other desks that serve К do not get it, not even the one it came from.
		expect((await callNext(f.ctx, f.actor, { deskId: onlyB })).ticket).toBeNull();
		expect((await callNext(f.ctx, f.actor, { deskId: d1 })).ticket?.id).toBe(w1.ticket.id);
		expect((await callNext(f.ctx, f.actor, { deskId: d2 })).ticket?.id).toBe(w2.ticket.id);
		// d3 gets it before П003, who waited longer and weighs more there.
		const at3 = await callNext(f.ctx, f.actor, { deskId: d3 });
		expect(at3).toMatchObject({ reason: 'targeted', ticket: { id: x.ticket.id, deskId: d3, targetDeskId: null, callCount: 2 } });
		await finish(f.ctx, f.actor, { deskId: d3, ticketId: (await startService(f.ctx, f.actor, { deskId: d3, ticketId: x.ticket.id })).id });
		expect((await callNext(f.ctx, f.actor, { deskId: d3 })).ticket?.id).toBe(w3.ticket.id);
	});

	it('return to queue keeps arrivedAt, so the visitor goes before later arrivals', async () => {
		const f = await office();
		const x = await issue(f);
		const id = (await callNext(f.ctx, f.actor, { deskId: f.desks[0]! })).ticket!.id;
		f.clock.advance(3);
		await startService(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: id });
		f.clock.advance(2);
		const y = await issue(f);
		f.clock.advance(5);
		const back = await ran(f, ['ticket.returned'], () =>
			returnToQueue(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: id, comment: 'за справкой' })
		);
		expect(back).toMatchObject({
			state: 'waiting',
			deskId: null,
			arrivedAt: x.ticket.arrivedAt,
			queuedAt: f.clock.now().toISOString(),
			calledAt: null,
			startedAt: null
		});
		expect((await callNext(f.ctx, f.actor, { deskId: f.desks[1]! })).ticket?.id).toBe(id);
		expect((await callNext(f.ctx, f.actor, { deskId: f.desks[0]! })).ticket?.id).toBe(y.ticket.id);
	});

	it('refuses a transfer with no destination, an unknown service or an unknown / foreign desk', async () => {
		const f = await office();
		const other = await office();
		const id = await calledAt(f, f.desks[0]!);
		const d = f.desks[0]!;
		await refused(f, 'invalid_input', () => transfer(f.ctx, f.actor, { deskId: d, ticketId: id }));
		await refused(f, 'service_not_found', () => transfer(f.ctx, f.actor, { deskId: d, ticketId: id, toServiceId: 999_999 }));
		await refused(f, 'service_not_found', () => transfer(f.ctx, f.actor, { deskId: d, ticketId: id, toServiceId: other.services.a }));
		await refused(f, 'desk_not_found', () => transfer(f.ctx, f.actor, { deskId: d, ticketId: id, toDeskId: 999_999 }));
		await refused(f, 'desk_not_found', () => transfer(f.ctx, f.actor, { deskId: d, ticketId: id, toDeskId: other.desks[0]! }));
		await db.sql`update services set active = false where id = ${f.services.b}`;
		await refused(f, 'service_inactive', () => transfer(f.ctx, f.actor, { deskId: d, ticketId: id, toServiceId: f.services.b }));
	});
});

describe('refused transitions change nothing', () => {
	it('finish of a waiting ticket -> ticket_state_conflict, ticket row and last_seq unchanged', async () => {
		const f = await office();
		const t = await issue(f);
		const before = await ticketRow(t.ticket.id);
		const seq = await lastSeq(f.officeId);
		const e = await refused(f, 'ticket_state_conflict', () => finish(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: t.ticket.id }));
		expect(e.params).toEqual({ number: 'П001', state: 'waiting' });
		expect(await ticketRow(t.ticket.id)).toEqual(before);
		expect(await lastSeq(f.officeId)).toBe(seq);
	});

	it('every command refuses every state it may not start from', async () => {
		const f = await office();
		const [d1, d2] = f.desks as [number, number];
		const ids = {} as Record<TicketState, number>;
		ids.done = await servingAt(f, d1);
		await finish(f.ctx, f.actor, { deskId: d1, ticketId: ids.done });
		ids.no_show = await calledAt(f, d1);
		await markNoShow(f.ctx, f.actor, { deskId: d1, ticketId: ids.no_show });
		ids.cancelled = (await issue(f)).ticket.id;
		await cancelTicket(f.ctx, f.actor, { ticketId: ids.cancelled });
		ids.called = await calledAt(f, d1);
		ids.serving = await servingAt(f, d2);
		ids.waiting = (await issue(f)).ticket.id;

		const commands = {
			recall: (deskId: number, ticketId: number) => recall(f.ctx, f.actor, { deskId, ticketId }),
			start: (deskId: number, ticketId: number) => startService(f.ctx, f.actor, { deskId, ticketId }),
			finish: (deskId: number, ticketId: number) => finish(f.ctx, f.actor, { deskId, ticketId }),
			noShow: (deskId: number, ticketId: number) => markNoShow(f.ctx, f.actor, { deskId, ticketId }),
			transfer: (deskId: number, ticketId: number) => transfer(f.ctx, f.actor, { deskId, ticketId, toServiceId: f.services.b }),
			returnToQueue: (deskId: number, ticketId: number) => returnToQueue(f.ctx, f.actor, { deskId, ticketId }),
			cancel: (_deskId: number, ticketId: number) => cancelTicket(f.ctx, f.actor, { ticketId })
		};
		// Written out from DESIGN.md rather than imported, so a wrong table in the code shows up.
		const allowed: Record<keyof typeof commands, TicketState[]> = {
			recall: ['called'],
			start: ['called'],
			finish: ['serving'],
			noShow: ['called'],
			transfer: ['called', 'serving'],
			returnToQueue: ['called', 'serving'],
			cancel: ['waiting']
		};
		let refusals = 0;
		for (const [name, run] of Object.entries(commands) as [keyof typeof commands, (d: number, t: number) => Promise<unknown>][]) {
			for (const state of Object.keys(ids) as TicketState[]) {
				if (allowed[name].includes(state)) continue;
				const row = await ticketRow(ids[state]);
				expect(row.state).toBe(state);
				const err = await refused(f, 'ticket_state_conflict', () => run(row.deskId ?? d1, ids[state]));
				expect(err.params.state, `${name} from ${state}`).toBe(state);
				refusals++;
			}
		}
		expect(refusals).toBe(7 * 6 - 9);
	});

	it('callNext at a paused desk -> desk_paused, at a closed desk -> desk_closed, with a visitor -> desk_busy', async () => {
		const f = await office({ desks: 3 });
		const [d1, d2, d3] = f.desks as [number, number, number];
		await issue(f);
		await issue(f);
		await pauseDesk(f.ctx, f.actor, { deskId: d1 });
		await refused(f, 'desk_paused', () => callNext(f.ctx, f.actor, { deskId: d1 }));
		await closeDesk(f.ctx, f.actor, { deskId: d2 });
		await refused(f, 'desk_closed', () => callNext(f.ctx, f.actor, { deskId: d2 }));
		const c = await callNext(f.ctx, f.actor, { deskId: d3 });
		const e = await refused(f, 'desk_busy', () => callNext(f.ctx, f.actor, { deskId: d3 }));
		expect(e.params).toEqual({ ticket: 'П001' });
		await startService(f.ctx, f.actor, { deskId: d3, ticketId: c.ticket!.id });
		await refused(f, 'desk_busy', () => callNext(f.ctx, f.actor, { deskId: d3 }));
	});

	it('desk transitions refuse from the wrong state and while a visitor is at the desk', async () => {
		const f = await office({ desks: 3 });
		const [d1, d2, d3] = f.desks as [number, number, number];
		const desk = (deskId: number) => ({ deskId });
		await refused(f, 'desk_state_conflict', () => openDesk(f.ctx, f.actor, desk(d1)));
		await refused(f, 'desk_state_conflict', () => resumeDesk(f.ctx, f.actor, desk(d1)));
		await pauseDesk(f.ctx, f.actor, desk(d1));
		await refused(f, 'desk_paused', () => pauseDesk(f.ctx, f.actor, desk(d1)));
		await refused(f, 'desk_paused', () => openDesk(f.ctx, f.actor, desk(d1)));
		await closeDesk(f.ctx, f.actor, desk(d2));
		await refused(f, 'desk_closed', () => pauseDesk(f.ctx, f.actor, desk(d2)));
		await refused(f, 'desk_closed', () => resumeDesk(f.ctx, f.actor, desk(d2)));
		await refused(f, 'desk_closed', () => closeDesk(f.ctx, f.actor, desk(d2)));
		const id = await calledAt(f, d3);
		await refused(f, 'desk_busy', () => pauseDesk(f.ctx, f.actor, desk(d3)));
		await refused(f, 'desk_busy', () => closeDesk(f.ctx, f.actor, desk(d3)));
		await startService(f.ctx, f.actor, { deskId: d3, ticketId: id });
		await refused(f, 'desk_busy', () => closeDesk(f.ctx, f.actor, desk(d3)));
		await finish(f.ctx, f.actor, { deskId: d3, ticketId: id });
		await ran(f, ['desk.closed'], () => closeDesk(f.ctx, f.actor, desk(d3)));
	});

	it('acting on a ticket that is at another desk -> ticket_not_at_desk', async () => {
		const f = await office();
		const [d1, d2] = f.desks as [number, number];
		const called = await calledAt(f, d2);
		const on = { deskId: d1, ticketId: called };
		await refused(f, 'ticket_not_at_desk', () => recall(f.ctx, f.actor, on));
		await refused(f, 'ticket_not_at_desk', () => startService(f.ctx, f.actor, on));
		await refused(f, 'ticket_not_at_desk', () => markNoShow(f.ctx, f.actor, on));
		await refused(f, 'ticket_not_at_desk', () => returnToQueue(f.ctx, f.actor, on));
		await refused(f, 'ticket_not_at_desk', () => transfer(f.ctx, f.actor, { ...on, toServiceId: f.services.b }));
		await startService(f.ctx, f.actor, { deskId: d2, ticketId: called });
		await refused(f, 'ticket_not_at_desk', () => finish(f.ctx, f.actor, on));
		await refused(f, 'ticket_not_at_desk', () => returnToQueue(f.ctx, f.actor, on));
	});

	it('unknown desk, ticket, service and office ids -> *_not_found', async () => {
		const f = await office();
		const other = await office();
		const id = await calledAt(f, f.desks[0]!);
		const nowhere = 999_999;
		const onDesk = (deskId: number, ticketId: number) => [
			() => recall(f.ctx, f.actor, { deskId, ticketId }),
			() => startService(f.ctx, f.actor, { deskId, ticketId }),
			() => finish(f.ctx, f.actor, { deskId, ticketId }),
			() => markNoShow(f.ctx, f.actor, { deskId, ticketId }),
			() => transfer(f.ctx, f.actor, { deskId, ticketId, toServiceId: f.services.b }),
			() => returnToQueue(f.ctx, f.actor, { deskId, ticketId })
		];
		for (const command of [
			...onDesk(nowhere, id),
			() => callNext(f.ctx, f.actor, { deskId: nowhere }),
			() => openDesk(f.ctx, f.actor, { deskId: nowhere }),
			() => pauseDesk(f.ctx, f.actor, { deskId: nowhere }),
			() => resumeDesk(f.ctx, f.actor, { deskId: nowhere }),
			() => closeDesk(f.ctx, f.actor, { deskId: nowhere })
		])
			await refused(f, 'desk_not_found', command);
		for (const command of [...onDesk(f.desks[0]!, nowhere), () => cancelTicket(f.ctx, f.actor, { ticketId: nowhere })])
			await refused(f, 'ticket_not_found', command);
		await refused(f, 'service_not_found', () => issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: nowhere, source: 'kiosk' }));
		// Another office's service is as unknown here as a made-up id.
		await refused(f, 'service_not_found', () =>
			issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: other.services.a, source: 'kiosk' })
		);
		await refused(f, 'office_not_found', () =>
			issueTicket(f.ctx, f.actor, { officeId: nowhere, serviceId: f.services.a, source: 'kiosk' })
		);
		await expect(ticketStatus(db.sql, 'no-such-code')).rejects.toMatchObject({ code: 'ticket_not_found' });
		await expect(officeSnapshot(db.sql, nowhere)).rejects.toMatchObject({ code: 'office_not_found' });
	});

	it('an unknown office with an idempotency key -> office_not_found, not a database error', async () => {
		const f = await office();
		await refused(f, 'office_not_found', () =>
			issueTicket(f.ctx, f.actor, { officeId: 999_999, serviceId: f.services.a, source: 'kiosk', idempotencyKey: 'key-for-nowhere-1' })
		);
	});

	it('an inactive service issues nothing -> service_inactive', async () => {
		const f = await office();
		await db.sql`update services set active = false where id = ${f.services.b}`;
		await refused(f, 'service_inactive', () => issue(f, 'b'));
		expect((await ran(f, ['ticket.issued'], () => issue(f, 'a'))).ticket.number).toBe('П001');
	});
});

describe('office scope', () => {
	it('a staff member of another office cannot act on this office’s desks or tickets -> wrong_office', async () => {
		const f = await office();
		const other = await office();
		const outsider = await staffOf([other.officeId]);
		const [d1, d2] = f.desks as [number, number];
		const called = await calledAt(f, d2);
		const waiting = (await issue(f)).ticket.id;
		const on = { deskId: d2, ticketId: called };
		for (const command of [
			() => callNext(f.ctx, outsider, { deskId: d1 }),
			() => openDesk(f.ctx, outsider, { deskId: d1 }),
			() => pauseDesk(f.ctx, outsider, { deskId: d1 }),
			() => resumeDesk(f.ctx, outsider, { deskId: d1 }),
			() => closeDesk(f.ctx, outsider, { deskId: d1 }),
			() => recall(f.ctx, outsider, on),
			() => startService(f.ctx, outsider, on),
			() => markNoShow(f.ctx, outsider, on),
			() => returnToQueue(f.ctx, outsider, on),
			() => transfer(f.ctx, outsider, { ...on, toServiceId: f.services.b }),
			() => cancelTicket(f.ctx, outsider, { ticketId: waiting }),
			() => issue(f, 'a', {}, outsider)
		])
			await refused(f, 'wrong_office', command);
		// The same person with this office in their list may.
		const insider = { ...outsider, officeIds: [other.officeId, f.officeId] };
		await ran(f, ['ticket.recalled'], () => recall(f.ctx, insider, on));
	});

	it('a kiosk of another office cannot issue here -> wrong_office', async () => {
		const f = await office();
		const other = await office();
		const foreignKiosk = await kioskOf(other.officeId);
		await refused(f, 'wrong_office', () => issue(f, 'a', {}, foreignKiosk));
		await refused(f, 'wrong_office', () => issue(f, 'a', { idempotencyKey: 'kiosk-key-0001' }, foreignKiosk));
		expect((await ran(other, ['ticket.issued'], () => issue(other, 'a', {}, foreignKiosk))).ticket.number).toBe('П001');
	});

	it('a desk of one office cannot act on a ticket of another -> wrong_office', async () => {
		const f = await office();
		const other = await office();
		const foreign = await calledAt(other, other.desks[0]!);
		await refused(f, 'wrong_office', () => recall(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: foreign }));
		await refused(f, 'wrong_office', () => finish(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: foreign }));
	});

	it('refusals are rejected promises, never synchronous throws (safe in .catch chains and Promise.all)', async () => {
		// A socket handler written `issueTicket(...).then(ack, fail)` must not see an exception
		// escape synchronously: it would bypass `fail` and reach the process as uncaught.
		const f = await office();
		const other = await office();
		const foreignKiosk = await kioskOf(other.officeId);
		const id = await calledAt(f, f.desks[0]!);
		const calls: [string, () => Promise<unknown>][] = [
			['issueTicket wrong_office', () => issue(f, 'a', {}, foreignKiosk)],
			['transfer invalid_input', () => transfer(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: id })]
		];
		for (const [name, call] of calls) {
			let promise: Promise<unknown> | undefined;
			expect(() => void (promise = call()), name).not.toThrow();
			await expect(promise).rejects.toBeInstanceOf(TalonError);
		}
	});
});

describe('idempotent issuing', () => {
	it('the same key twice returns the same ticket with duplicate=true and one ticket.issued', async () => {
		const f = await office();
		const first = await ran(f, ['ticket.issued'], () => issue(f, 'a', { idempotencyKey: 'kiosk-7-000001' }));
		f.clock.advance(1);
		const again = await ran(f, [], () => issue(f, 'a', { idempotencyKey: 'kiosk-7-000001' }));
		expect(again).toMatchObject({
			duplicate: true,
			publicCode: first.publicCode,
			ticket: { id: first.ticket.id, number: 'П001', arrivedAt: T0 }
		});
		expect(f.published.filter((e) => e.type === 'ticket.issued')).toHaveLength(1);
		const [n] = await db.sql<{ count: number }[]>`select count(*) from tickets where office_id = ${f.officeId}`;
		expect(n!.count).toBe(1);
		// The retry did not spend a number.
		expect((await issue(f, 'a', { idempotencyKey: 'kiosk-7-000002' })).ticket.number).toBe('П002');
	});

	it('the same key for another service -> idempotency_conflict', async () => {
		const f = await office();
		await issue(f, 'a', { idempotencyKey: 'kiosk-7-000003' });
		await refused(f, 'idempotency_conflict', () => issue(f, 'b', { idempotencyKey: 'kiosk-7-000003' }));
	});

	it('keys are per office, and a refused first attempt does not use the key up', async () => {
		const f = await office();
		const other = await office();
		const a = await issue(f, 'a', { idempotencyKey: 'shared-key-0001' });
		const b = await issue(other, 'a', { idempotencyKey: 'shared-key-0001' });
		expect(b.duplicate).toBe(false);
		expect(b.ticket.id).not.toBe(a.ticket.id);
		await refused(f, 'service_not_found', () =>
			issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: 999_999, source: 'kiosk', idempotencyKey: 'retry-key-0001' })
		);
		const c = await ran(f, ['ticket.issued'], () => issue(f, 'b', { idempotencyKey: 'retry-key-0001' }));
		expect(c).toMatchObject({ duplicate: false, ticket: { number: 'К001' } });
	});

	it.skipIf(!usingServer())(`five parallel requests with one key make one ticket ${NEEDS_SERVER}`, async () => {
		const f = await office();
		const results = await Promise.all(Array.from({ length: 5 }, () => issue(f, 'a', { idempotencyKey: 'parallel-key-01' })));
		expect(new Set(results.map((r) => r.ticket.id)).size).toBe(1);
		expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
		expect(f.published.map((e) => e.type)).toEqual(['ticket.issued']);
		const [n] = await db.sql<{ count: number }[]>`select count(*) from events where office_id = ${f.officeId}`;
		expect(n!.count).toBe(1);
	});
});

describe('call-next policy in the engine', () => {
	it('a checked-in appointment whose slot has started goes before earlier walk-ins; one not yet due waits', async () => {
		const f = await office();
		const d = f.desks[0]!;
		const w1 = await issue(f); // T0
		f.clock.advance(1);
		const w2 = await issue(f); // T0+1
		f.clock.advance(1);
		const early = await issue(f, 'a', { appointmentAt: new Date('2026-11-25T07:10:00Z'), source: 'booking' }); // checked in at T0+2
		const late = await issue(f, 'a', { appointmentAt: new Date('2026-11-25T07:06:00Z'), source: 'booking' });
		f.clock.advance(1); // T0+3: neither slot has started
		const c1 = await callNext(f.ctx, f.actor, { deskId: d });
		expect(c1).toMatchObject({ reason: 'weighted', ticket: { id: w1.ticket.id } });
		await markNoShow(f.ctx, f.actor, { deskId: d, ticketId: w1.ticket.id });
		f.clock.advance(8); // T0+11: both slots have started; the earlier slot goes first
		const c2 = await callNext(f.ctx, f.actor, { deskId: d });
		expect(c2).toMatchObject({ reason: 'appointment', ticket: { id: late.ticket.id } });
		await markNoShow(f.ctx, f.actor, { deskId: d, ticketId: late.ticket.id });
		expect((await callNext(f.ctx, f.actor, { deskId: d })).ticket?.id).toBe(early.ticket.id);
		await markNoShow(f.ctx, f.actor, { deskId: d, ticketId: early.ticket.id });
		expect((await callNext(f.ctx, f.actor, { deskId: d })).ticket?.id).toBe(w2.ticket.id);
	});

	it('a priority visitor goes before ordinary ones who came earlier', async () => {
		const f = await office();
		const d = f.desks[0]!;
		const w = await issue(f);
		f.clock.advance(10);
		const p = await issue(f, 'b', { priorityReason: 'disabled' });
		f.clock.advance(1);
		expect(await callNext(f.ctx, f.actor, { deskId: d })).toMatchObject({ reason: 'priority', ticket: { id: p.ticket.id } });
		expect(await callNext(f.ctx, f.actor, { deskId: f.desks[1]! })).toMatchObject({ reason: 'weighted', ticket: { id: w.ticket.id } });
	});

	it('waiting time is weighted by the desk’s priority for the service (П 10, К 2)', async () => {
		const f = await office();
		const k = await issue(f, 'b'); // consultation at T0
		f.clock.advance(15);
		const p = await issue(f, 'a'); // passport at T0+15
		f.clock.advance(5); // К: 20 min x 2 = 40 < П: 5 min x 10 = 50
		expect((await callNext(f.ctx, f.actor, { deskId: f.desks[0]! })).ticket?.id).toBe(p.ticket.id);
		expect((await callNext(f.ctx, f.actor, { deskId: f.desks[1]! })).ticket?.id).toBe(k.ticket.id);

		const g = await office();
		const k2 = await issue(g, 'b'); // at T0
		g.clock.advance(60);
		const p2 = await issue(g, 'a'); // at T0+60
		g.clock.advance(5); // К: 65 min x 2 = 130 > П: 5 min x 10 = 50
		expect((await callNext(g.ctx, g.actor, { deskId: g.desks[0]! })).ticket?.id).toBe(k2.ticket.id);
		expect((await callNext(g.ctx, g.actor, { deskId: g.desks[1]! })).ticket?.id).toBe(p2.ticket.id);
	});
});
