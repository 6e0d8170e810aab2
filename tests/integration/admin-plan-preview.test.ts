import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { adminWorld, type AdminWorld } from '../helpers/admin';
import { getBookingPlan, previewBookingPlan, putBookingPlan, putDayException } from '../../src/lib/server/admin/booking-plan';
import { bookingPlan, dayException, type BookingPlanInput } from '../../src/lib/schemas/admin-plan';

/** The plan page's preview (issue 11, item 6): the next 7 days' free places from an unsaved plan. */
let db: TestDatabase;
let w: AdminWorld;
let passport: number;
let tax: number;

// Monday 2026-12-07 06:00 UTC = 09:00 in Moscow.
const now = new Date('2026-12-07T06:00:00Z');
const plan = (over: Partial<BookingPlanInput> = {}): BookingPlanInput =>
	bookingPlan.parse({
		bookingShare: 0.5,
		stepMin: 30,
		minLeadMin: 60,
		horizonDays: 30,
		beforeMin: 15,
		afterMin: 10,
		latePolicy: 'ordinary',
		retentionDays: 30,
		publicHolidays: true,
		week: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '13:00' })),
		...over
	});

beforeAll(async () => {
	db = await createTestDatabase();
	w = await adminWorld(db.sql);
	const service = async (name: string, prefix: string, bookable = true) => {
		const [s] = await db.sql<{ id: number }[]>`
			insert into services (office_id, name_ru, name_en, prefix, duration_min, target_wait_min, bookable)
			values (${w.north}, ${name}, ${name}, ${prefix}, 30, 15, ${bookable}) returning id`;
		return s!.id;
	};
	passport = await service('Паспорт', 'П');
	tax = await service('Налоги', 'Н');
	await service('Только в очереди', 'О', false);
	for (const n of [1, 2]) {
		const [d] = await db.sql<{ id: number }[]>`insert into desks (office_id, number) values (${w.north}, ${n}) returning id`;
		await db.sql`insert into desk_services (desk_id, service_id, priority) values (${d!.id}, ${passport}, 5)`;
		if (n === 1) await db.sql`insert into desk_services (desk_id, service_id, priority) values (${d!.id}, ${tax}, 5)`;
	}
});
afterAll(() => db?.close());

describe('booking plan preview', () => {
	it('counts the free places of the next 7 days from the unsaved plan, with exceptions, lead time and taken places; writes nothing', async () => {
		await putDayException(db.sql, w.scope.admin, 'north', dayException.parse({ day: '2026-12-09', kind: 'closed' }));
		const [slotAt] = [new Date('2026-12-08T06:00:00Z')]; // Tuesday 09:00 local
		await db.sql`insert into booking_slots (office_id, service_id, starts_at, capacity, taken) values (${w.north}, ${passport}, ${slotAt}, 1, 1)`;
		const before = await db.sql`select * from booking_settings`;
		const saved = await getBookingPlan(db.sql, w.scope.supervisor, 'north');

		const p = await previewBookingPlan(db.sql, w.scope.supervisor, 'north', plan(), now);
		expect(p.days).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']);
		expect(p.services.map((s) => [s.nameRu, s.deskCount])).toEqual([
			['Налоги', 1],
			['Паспорт', 2]
		]);
		const pass = p.services.find((s) => s.id === passport)!;
		// 8 slots of 30 min a day; 2 desks × 0.5 = 1 place each. Today: lead time 60 min → from 10:00 → 6.
		// Tuesday: the 09:00 place is taken → 7, first free 09:30. Wednesday: closed by the exception. Weekend: off.
		expect(pass.days.map((d) => [d.day, d.free, d.firstTime])).toEqual([
			['2026-12-07', 6, '10:00'],
			['2026-12-08', 7, '09:30'],
			['2026-12-09', 0, null],
			['2026-12-10', 8, '09:00'],
			['2026-12-11', 8, '09:00'],
			['2026-12-12', 0, null],
			['2026-12-13', 0, null]
		]);
		// 1 desk × 0.5: a place every other slot (the fraction is carried, so the first is 09:30).
		expect(p.services.find((s) => s.id === tax)!.days[3]).toEqual({ day: '2026-12-10', free: 4, firstTime: '09:30' });

		// Another plan: Saturday opens 10:00–12:00 with lunch 10:30–11:00, share 100 %.
		const sat = await previewBookingPlan(
			db.sql,
			w.scope.supervisor,
			'north',
			plan({ bookingShare: 1, week: [{ weekday: 6, open: '10:00', close: '12:00', breakStart: '10:30', breakEnd: '11:00' }] }),
			now
		);
		expect(sat.services.find((s) => s.id === passport)!.days.map((d) => d.free)).toEqual([0, 0, 0, 0, 0, 6, 0]);

		// Nothing was written: the saved plan and settings are as before.
		expect(await db.sql`select * from booking_settings`).toEqual(before);
		expect(await getBookingPlan(db.sql, w.scope.supervisor, 'north')).toEqual(saved);
	});

	it('after saving, the preview of the same plan is what the booking module offers', async () => {
		await putBookingPlan(db.sql, w.scope.admin, 'north', plan());
		const { freeSlots } = await import('../../src/lib/server/booking/slots');
		const real = await freeSlots(db.sql, { officeId: w.north, serviceId: passport, day: '2026-12-10', now });
		const p = await previewBookingPlan(db.sql, w.scope.admin, 'north', plan(), now);
		expect(p.services.find((s) => s.id === passport)!.days[3]!.free).toBe(real.reduce((n, s) => n + s.free, 0));
	});

	it('refuses an office outside the supervisor’s scope', async () => {
		await expect(previewBookingPlan(db.sql, w.scope.supervisor, 'south', plan(), now)).rejects.toMatchObject({ code: 'forbidden' });
	});
});
