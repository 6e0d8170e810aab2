import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, NEEDS_SERVER, usingServer, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { isTalonError } from '../../src/lib/errors';
import { createBooking, cancelBooking, moveBooking, bookingByToken } from '../../src/lib/server/booking/bookings';
import { freeDays, freeSlots } from '../../src/lib/server/booking/slots';
import { setBookingPlan } from '../../src/lib/server/booking/plan';
import type { BookingSettings } from '../../src/lib/domain/booking-rules';
import { erasePersonalData, markMissedBookings } from '../../src/lib/server/booking/jobs';
import { bookingsForDesk } from '../../src/lib/server/booking/for-desk';
import { callNext, checkIn, issueTicket } from '../../src/lib/server/queue';

/**
 * Bookings against the database. With TEST_DATABASE_URL (a pool of 20 real connections) the
 * races really contend for the slot's row; on PGlite they run one at a time: the tests that also
 * check counting still run there, the pure race is skipped.
 */

let db: TestDatabase;
beforeAll(async () => {
	db = await createTestDatabase({ max: 20 });
});
afterAll(() => db?.close());

// Monday 2026-11-23 08:00 in Moscow; the slots below are on Tuesday the 24th.
const NOW = new Date('2026-11-23T05:00:00Z');
const TUE_0900 = new Date('2026-11-24T06:00:00Z');
const TUE_0915 = new Date('2026-11-24T06:15:00Z');
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const phone = (i: number) => `+7916${String(1000000 + i).slice(-7)}`;

let offices = 0;
async function office(settings: Partial<BookingSettings> = {}, opts: { desks?: number; now?: () => Date } = {}): Promise<Fixture> {
	const f = await makeOffice(db.sql, { slug: `booking-${++offices}`, desks: opts.desks ?? 2, now: opts.now });
	// 2 desks × 0.5: one place per slot.
	await setBookingPlan(db.sql, f.officeId, { minLeadMin: 60, ...settings });
	return f;
}

const book = (f: Fixture, i: number, startsAt = TUE_0900, serviceId = f.services.a) =>
	createBooking(db.sql, { officeId: f.officeId, serviceId, startsAt, name: `Гражданин ${i}`, phone: phone(i), email: null }, NOW);

async function codeOf(p: Promise<unknown>): Promise<string> {
	try {
		await p;
		return 'ok';
	} catch (e) {
		if (isTalonError(e)) return e.code;
		throw e;
	}
}

describe('no overbooking', () => {
	it.skipIf(!usingServer())(`200 requests race for the last place of a slot: exactly one gets it ${NEEDS_SERVER}`, async () => {
		const f = await office();
		const results = await Promise.all(range(200).map((i) => codeOf(book(f, i))));
		expect(results.filter((r) => r === 'ok')).toHaveLength(1);
		expect(results.filter((r) => r === 'slot_taken')).toHaveLength(199);
		const [slot] = await db.sql<{ taken: number; capacity: number }[]>`
			select taken, capacity from booking_slots where office_id = ${f.officeId}`;
		expect(slot).toEqual({ taken: 1, capacity: 1 });
		const [count] = await db.sql<{ n: number }[]>`select count(*)::int as n from bookings where office_id = ${f.officeId}`;
		expect(count!.n).toBe(1);
		// The losers see fresh times: 09:00 is gone, its neighbours are offered.
		const free = (await freeSlots(db.sql, { officeId: f.officeId, serviceId: f.services.a, day: '2026-11-24', now: NOW })).map(
			(s) => s.time
		);
		expect(free).not.toContain('09:00');
		expect(free).toContain('08:45');
		expect(free).toContain('09:15');
	});

	it('a slot with three places gives exactly three of 60 racing requests', async () => {
		const f = await office({ bookingShare: 1 }, { desks: 3 });
		const results = await Promise.all(range(60).map((i) => codeOf(book(f, i))));
		expect(results.filter((r) => r === 'ok')).toHaveLength(3);
	});

	it('one active booking per phone per service per day, also when racing; another service or day is fine', async () => {
		const f = await office({ bookingShare: 1 }, { desks: 4 });
		const same = await Promise.all(
			range(10).map(() =>
				codeOf(
					createBooking(
						db.sql,
						{ officeId: f.officeId, serviceId: f.services.a, startsAt: TUE_0900, name: 'Иван', phone: phone(7), email: null },
						NOW
					)
				)
			)
		);
		expect(same.filter((r) => r === 'ok')).toHaveLength(1);
		expect(same.filter((r) => r === 'booking_limit')).toHaveLength(9);
		expect(await codeOf(book(f, 7, TUE_0915))).toBe('booking_limit');
		expect(await codeOf(book(f, 7, TUE_0915, f.services.b))).toBe('ok');
		expect(await codeOf(book(f, 7, new Date('2026-11-25T06:00:00Z')))).toBe('ok');
		// The refused ones left no place taken.
		const [slot] = await db.sql<{ taken: number }[]>`
			select taken from booking_slots where office_id = ${f.officeId} and service_id = ${f.services.a} and starts_at = ${TUE_0900}`;
		expect(slot!.taken).toBe(1);
	});

	it('refuses times that are not offered: off the grid, lunch, Sunday, inside the lead time, a service not bookable online', async () => {
		const f = await office();
		expect(await codeOf(book(f, 1, new Date('2026-11-24T06:05:00Z')))).toBe('slot_unavailable');
		expect(await codeOf(book(f, 1, new Date('2026-11-24T10:00:00Z')))).toBe('slot_unavailable');
		expect(await codeOf(book(f, 1, new Date('2026-11-29T06:00:00Z')))).toBe('slot_unavailable');
		expect(await codeOf(book(f, 1, new Date('2026-11-23T05:30:00Z')))).toBe('slot_unavailable');
		await db.sql`update services set bookable = false where id = ${f.services.b}`;
		expect(await codeOf(book(f, 1, TUE_0900, f.services.b))).toBe('booking_closed');
		await db.sql`insert into office_day_exceptions (office_id, day, kind) values (${f.officeId}, '2026-11-24', 'closed')`;
		expect(await codeOf(book(f, 1))).toBe('slot_unavailable');
		const days = await freeDays(db.sql, { officeId: f.officeId, serviceId: f.services.a, now: NOW });
		expect(days.days.map((d) => d.day)).not.toContain('2026-11-24');
		expect(days.days.map((d) => d.day)).not.toContain('2026-11-29');
		expect(days.days[0]!.day).toBe('2026-11-23');
	});
});

describe('manage by link', () => {
	it('cancel frees the place at once; a second cancel is refused', async () => {
		const f = await office();
		const { token } = await book(f, 1);
		expect(await codeOf(book(f, 2))).toBe('slot_taken');
		const cancelled = await cancelBooking(db.sql, token, NOW);
		expect(cancelled.state).toBe('cancelled');
		expect(await codeOf(book(f, 2))).toBe('ok');
		expect(await codeOf(cancelBooking(db.sql, token, NOW))).toBe('booking_not_active');
		expect(await codeOf(cancelBooking(db.sql, 'notatokenatallxxxxx', NOW))).toBe('booking_not_found');
	});

	it('move is atomic: refused when the new time is full, and the old place is kept', async () => {
		const f = await office();
		const a = await book(f, 1, TUE_0900);
		await book(f, 2, TUE_0915);
		expect(await codeOf(moveBooking(db.sql, a.token, TUE_0915, NOW))).toBe('slot_taken');
		expect((await bookingByToken(db.sql, a.token)).startsAt).toEqual(TUE_0900);
		expect(await codeOf(book(f, 3, TUE_0900))).toBe('slot_taken');
		const moved = await moveBooking(db.sql, a.token, new Date('2026-11-24T06:30:00Z'), NOW);
		expect(moved.startsAt).toEqual(new Date('2026-11-24T06:30:00Z'));
		expect(await codeOf(book(f, 3, TUE_0900))).toBe('ok');
	});

	it('cancels and moves racing for one free place: every place is counted once', async () => {
		const f = await office();
		// 08:00, 08:15, ... 12:45: twenty slots before lunch.
		const holders = await Promise.all(range(20).map((i) => book(f, i, new Date(Date.parse('2026-11-24T05:00:00Z') + i * 15 * 60_000))));
		// 20 holders race to move to the one free slot at 14:00 while 10 of them also cancel.
		const target = new Date('2026-11-24T11:00:00Z');
		const results = await Promise.all([
			...holders.map((h) => codeOf(moveBooking(db.sql, h.token, target, NOW))),
			...holders.slice(0, 10).map((h) => codeOf(cancelBooking(db.sql, h.token, NOW)))
		]);
		const moved = range(20).filter((i) => results[i] === 'ok');
		expect(moved.length).toBeGreaterThanOrEqual(1);
		// A second mover can win only after an earlier winner's own racing cancel freed the place
		// again; two winners that both still hold it would be an overbooking.
		const movedThenCancelled = moved.filter((i) => i < 10 && results[20 + i] === 'ok');
		expect(moved.length - movedThenCancelled.length).toBeLessThanOrEqual(1);
		const slots = await db.sql<{ startsAt: Date; taken: number }[]>`
			select starts_at, taken from booking_slots where office_id = ${f.officeId}`;
		const booked = await db.sql<{ startsAt: Date; n: number }[]>`
			select starts_at, count(*)::int as n from bookings where office_id = ${f.officeId} and state = 'booked' group by starts_at`;
		const bookedAt = new Map(booked.map((b) => [b.startsAt.getTime(), b.n]));
		for (const s of slots) expect(s.taken).toBe(bookedAt.get(s.startsAt.getTime()) ?? 0);
		// The winner of the move may have been cancelled by its own racing cancel afterwards: 0 or 1, never 2.
		expect(slots.find((s) => s.startsAt.getTime() === target.getTime())!.taken).toBeLessThanOrEqual(1);
	});
});

describe('check-in', () => {
	it('opens 30 minutes before the start and closes 15 after; early says when, late gets an ordinary ticket', async () => {
		let now = new Date('2026-11-24T05:29:00Z');
		const f = await office({}, { now: () => now });
		const { booking } = await book(f, 1);
		const early = await checkIn(f.ctx, f.actor, { officeId: f.officeId, code: booking.code }).catch((e) => e);
		expect(early.code).toBe('booking_too_early');
		expect(early.params.opensAt).toBe('2026-11-24T05:30:00.000Z');
		expect(early.params.opensTime).toBe('08:30');
		now = new Date('2026-11-24T05:30:00Z');
		const done = await checkIn(f.ctx, f.actor, { officeId: f.officeId, code: booking.code.toLowerCase(), idempotencyKey: 'kiosk-retry-1' });
		expect(done.ticket.category).toBe('appointment');
		expect(done.ticket.source).toBe('booking');
		expect(done.appointmentAt).toBe(TUE_0900.toISOString());
		// A retry with the same key gets the same ticket; without it, the booking is used up.
		const again = await checkIn(f.ctx, f.actor, { officeId: f.officeId, code: booking.code, idempotencyKey: 'kiosk-retry-1' });
		expect(again.ticket.id).toBe(done.ticket.id);
		expect(await codeOf(checkIn(f.ctx, f.actor, { officeId: f.officeId, code: booking.code }))).toBe('booking_not_active');
		expect(await codeOf(checkIn(f.ctx, f.actor, { officeId: f.officeId, code: 'AAAAAA' }))).toBe('booking_not_found');
		expect(await codeOf(checkIn(f.ctx, f.actor, { officeId: f.officeId, code: 'nonsense' }))).toBe('booking_not_found');
		const late = await book(f, 2, TUE_0915);
		now = new Date('2026-11-24T06:31:00Z');
		const ordinary = await checkIn(f.ctx, f.actor, { officeId: f.officeId, code: late.booking.code });
		expect(ordinary.ticket.category).toBe('ordinary');
		expect(ordinary.appointmentAt).toBeNull();
	});

	it('a late visitor is refused where the office says so; a cancelled booking cannot check in', async () => {
		let now = NOW;
		const f = await office({ latePolicy: 'refuse' }, { now: () => now });
		const a = await book(f, 1);
		const b = await book(f, 2, TUE_0915);
		await cancelBooking(db.sql, b.token, NOW);
		now = new Date('2026-11-24T06:16:00Z');
		expect(await codeOf(checkIn(f.ctx, f.actor, { officeId: f.officeId, code: a.booking.code }))).toBe('booking_too_late');
		expect(await codeOf(checkIn(f.ctx, f.actor, { officeId: f.officeId, code: b.booking.code }))).toBe('booking_not_active');
		// Another office's kiosk cannot check in this office's code.
		const other = await office();
		expect(await codeOf(checkIn(other.ctx, other.actor, { officeId: other.officeId, code: a.booking.code }))).toBe('booking_not_found');
	});

	it("a desk's call-next gets the checked-in appointment before earlier walk-ins once its time has come", async () => {
		let now = new Date('2026-11-24T05:40:00Z');
		const f = await office({}, { now: () => now });
		await db.sql`update desks set state = 'open' where office_id = ${f.officeId}`;
		const { booking } = await book(f, 1);
		await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		now = new Date('2026-11-24T05:45:00Z');
		const checked = await checkIn(f.ctx, f.actor, { officeId: f.officeId, code: booking.code });
		await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		// Before 09:00 the appointment waits like anyone else: the first walk-in goes first.
		now = new Date('2026-11-24T05:50:00Z');
		const first = await callNext(f.ctx, f.actor, { deskId: f.desks[0]! });
		expect(first.ticket!.id).not.toBe(checked.ticket.id);
		now = new Date('2026-11-24T06:00:00Z');
		const second = await callNext(f.ctx, f.actor, { deskId: f.desks[1]! });
		expect(second.ticket!.id).toBe(checked.ticket.id);
		expect(second.reason).toBe('appointment');
		const panel = await bookingsForDesk(db.sql, f.desks[0]!, now);
		expect(panel).toEqual([expect.objectContaining({ code: booking.code, state: 'checked_in', citizenName: 'Гражданин 1' })]);
	});
});

describe('jobs', () => {
	it('bookings never checked in become missed when their window closes', async () => {
		const f = await office();
		const a = await book(f, 1, TUE_0900);
		const b = await book(f, 2, TUE_0915);
		expect(await markMissedBookings(db.sql, new Date('2026-11-24T06:15:00Z'))).toBe(0);
		expect(await markMissedBookings(db.sql, new Date('2026-11-24T06:15:01Z'))).toBeGreaterThanOrEqual(1);
		expect((await bookingByToken(db.sql, a.token)).state).toBe('missed');
		expect((await bookingByToken(db.sql, b.token)).state).toBe('booked');
	});

	it('personal data is erased after the retention period; the anonymous facts stay', async () => {
		const f = await office({ retentionDays: 10 });
		const a = await book(f, 1, TUE_0900);
		const b = await book(f, 2, TUE_0915);
		await cancelBooking(db.sql, b.token, NOW);
		await markMissedBookings(db.sql, new Date('2026-11-25T00:00:00Z'));
		expect(await erasePersonalData(db.sql, new Date('2026-12-04T05:59:00Z'))).toBe(0);
		await erasePersonalData(db.sql, new Date('2026-12-04T06:20:00Z'));
		const rows = await db.sql<
			{
				id: number;
				citizenName: string | null;
				phone: string | null;
				email: string | null;
				state: string;
				erasedAt: Date | null;
				serviceId: number;
			}[]
		>`
			select id, citizen_name, phone, email, state, erased_at, service_id from bookings where office_id = ${f.officeId} order by id`;
		expect(rows.map((r) => [r.citizenName, r.phone, r.email, r.state, r.serviceId])).toEqual([
			[null, null, null, 'missed', f.services.a],
			[null, null, null, 'cancelled', f.services.a]
		]);
		expect(rows.every((r) => r.erasedAt)).toBe(true);
		// The manage link no longer finds it.
		expect(await codeOf(bookingByToken(db.sql, a.token))).toBe('booking_not_found');
	});
});
