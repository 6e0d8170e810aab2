import { describe, expect, it } from 'vitest';
import {
	dayClock,
	addDays,
	bookableSlots,
	bookingWindow,
	capacityOf,
	daySlots,
	findSlot,
	localInstant,
	planFor,
	slotLength,
	type Schedule,
	type SlotQuery
} from './slots';
import { publicHolidays } from './booking-holidays';

const weekdays = { openMin: 480, closeMin: 1200, breakStartMin: 780, breakEndMin: 840 };
const moscow: Schedule = {
	timeZone: 'Europe/Moscow',
	weekly: { 1: weekdays, 2: weekdays, 3: weekdays, 4: weekdays, 5: weekdays, 6: { openMin: 540, closeMin: 900 } },
	exceptions: {},
	holidays: new Set()
};
const rules = { stepMin: 15, bookingShare: 0.5, minLeadMin: 60, horizonDays: 14 };
// Monday 2026-11-23, 05:00 UTC = 08:00 Moscow.
const monday = new Date('2026-11-23T05:00:00Z');
const q = (over: Partial<SlotQuery> = {}): SlotQuery => ({ schedule: moscow, rules, durationMin: 15, deskCount: 2, now: monday, ...over });

describe('slot generation', () => {
	it('a weekday has slots every 15 minutes from 8:00 to 20:00 except the lunch break', () => {
		const slots = daySlots(q(), '2026-11-24');
		const times = slots.map((s) => s.time);
		expect(times[0]).toBe('08:00');
		expect(times.at(-1)).toBe('19:45');
		expect(times).toContain('12:45');
		expect(times.filter((t) => t >= '13:00' && t < '14:00')).toEqual([]);
		expect(times).toContain('14:00');
		expect(slots).toHaveLength(11 * 4); // 12 hours minus the lunch hour, 4 slots an hour
		expect(slots[0]!.startsAt.toISOString()).toBe('2026-11-24T05:00:00.000Z');
	});

	it('a 20-minute service takes 30-minute slots, and none runs into the break', () => {
		expect(slotLength(20, 15)).toBe(30);
		const times = daySlots(q({ durationMin: 20 }), '2026-11-24').map((s) => s.time);
		expect(times).toContain('12:30');
		expect(times).not.toContain('12:45');
		expect(times).toContain('14:00');
		expect(times.at(-1)).toBe('19:30');
	});

	it('a break that does not divide the step: no slot overlaps it', () => {
		const odd: Schedule = { ...moscow, weekly: { 2: { openMin: 480, closeMin: 720, breakStartMin: 610, breakEndMin: 640 } } };
		const slots = daySlots(q({ schedule: odd }), '2026-11-24');
		for (const s of slots) {
			const [h, m] = s.time.split(':').map(Number) as [number, number];
			const start = h * 60 + m;
			expect(start + 15 <= 610 || start >= 640).toBe(true);
		}
		expect(slots.map((s) => s.time)).toContain('10:40');
	});

	it('Saturday is short and Sunday is closed', () => {
		expect(
			daySlots(q(), '2026-11-28')
				.map((s) => s.time)
				.at(-1)
		).toBe('14:45');
		expect(daySlots(q(), '2026-11-29')).toEqual([]);
	});

	it('public holidays close the day; an admin exception can open it or shorten another', () => {
		const holidays = publicHolidays('2026-11-01', '2026-11-30');
		expect([...holidays]).toEqual(['2026-11-04']);
		const withHolidays: Schedule = { ...moscow, holidays };
		expect(daySlots(q({ schedule: withHolidays }), '2026-11-04')).toEqual([]);
		const opened: Schedule = { ...withHolidays, exceptions: { '2026-11-04': { kind: 'open', openMin: 600, closeMin: 720 } } };
		expect(daySlots(q({ schedule: opened }), '2026-11-04').map((s) => s.time)).toEqual([
			'10:00',
			'10:15',
			'10:30',
			'10:45',
			'11:00',
			'11:15',
			'11:30',
			'11:45'
		]);
		// The eve of a holiday: one hour shorter.
		const shortened: Schedule = { ...moscow, exceptions: { '2026-11-03': { kind: 'open', ...weekdays, closeMin: 1140 } } };
		expect(daySlots(q({ schedule: shortened }), '2026-11-03').at(-1)!.time).toBe('18:45');
		// An extra working Sunday and a closed Tuesday.
		const swapped: Schedule = {
			...moscow,
			exceptions: { '2026-11-29': { kind: 'open', openMin: 540, closeMin: 600 }, '2026-11-24': { kind: 'closed' } }
		};
		expect(daySlots(q({ schedule: swapped }), '2026-11-29')).toHaveLength(4);
		expect(planFor(swapped, '2026-11-24')).toBeNull();
	});

	it('lead time hides slots that start too soon; the horizon hides days too far ahead', () => {
		const today = bookableSlots(q(), '2026-11-23');
		expect(today[0]!.time).toBe('09:00'); // now 08:00 + 60 min
		const later = bookableSlots(q({ now: new Date('2026-11-23T05:01:00Z') }), '2026-11-23');
		expect(later[0]!.time).toBe('09:15');
		expect(bookingWindow(q())).toEqual({ first: '2026-11-23', last: '2026-12-07' });
		expect(bookableSlots(q(), '2026-12-07').length).toBeGreaterThan(0);
		expect(bookableSlots(q(), '2026-12-08')).toEqual([]);
		expect(bookableSlots(q(), '2026-11-22')).toEqual([]);
	});

	it('capacity is desks × booking share, the fraction carried from slot to slot', () => {
		expect([0, 1, 2, 3].map((i) => capacityOf(i, 3, 0.5))).toEqual([1, 2, 1, 2]);
		expect([0, 1, 2].map((i) => capacityOf(i, 2, 0.5))).toEqual([1, 1, 1]);
		expect([0, 1, 2, 3].map((i) => capacityOf(i, 1, 0.25))).toEqual([0, 0, 0, 1]);
		expect(capacityOf(0, 4, 1)).toBe(4);
		expect(capacityOf(5, 0, 0.5)).toBe(0);
		const day = daySlots(q({ deskCount: 3 }), '2026-11-24');
		expect(day.reduce((n, s) => n + s.capacity, 0)).toBe(66); // 44 slots × 1.5
		// A slot with no place is not offered.
		expect(
			bookableSlots(q({ deskCount: 1, rules: { ...rules, bookingShare: 0.25 } }), '2026-11-24')
				.map((s) => s.time)
				.slice(0, 2)
		).toEqual(['08:45', '09:45']);
		expect(bookableSlots(q({ deskCount: 0 }), '2026-11-24')).toEqual([]);
	});

	it('local midnight in far time zones: Kamchatka (UTC+12) and Kaliningrad (UTC+2)', () => {
		const kamchatka: Schedule = { ...moscow, timeZone: 'Asia/Kamchatka' };
		// 2026-11-23 12:30 UTC is already 00:30 on Tuesday the 24th in Petropavlovsk-Kamchatsky.
		const now = new Date('2026-11-23T12:30:00Z');
		expect(bookingWindow({ schedule: kamchatka, rules, now }).first).toBe('2026-11-24');
		const slots = bookableSlots(q({ schedule: kamchatka, now }), '2026-11-24');
		expect(slots[0]!.time).toBe('08:00');
		expect(slots[0]!.startsAt.toISOString()).toBe('2026-11-23T20:00:00.000Z');
		// Monday the 23rd is over there.
		expect(bookableSlots(q({ schedule: kamchatka, now }), '2026-11-23')).toEqual([]);
		const kaliningrad: Schedule = { ...moscow, timeZone: 'Europe/Kaliningrad' };
		expect(daySlots(q({ schedule: kaliningrad }), '2026-11-24')[0]!.startsAt.toISOString()).toBe('2026-11-24T06:00:00.000Z');
		expect(localInstant('2026-01-01', 0, 'Asia/Vladivostok').toISOString()).toBe('2025-12-31T14:00:00.000Z');
	});

	it('findSlot accepts only an offered start time', () => {
		expect(findSlot(q(), new Date('2026-11-24T06:15:00Z'))?.time).toBe('09:15');
		expect(findSlot(q(), new Date('2026-11-24T06:10:00Z'))).toBeNull(); // not on the grid
		expect(findSlot(q(), new Date('2026-11-24T10:15:00Z'))).toBeNull(); // lunch
		expect(findSlot(q(), new Date('2026-11-23T05:30:00Z'))).toBeNull(); // inside the lead time
	});

	it('addDays crosses months and years', () => {
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
	});
});

describe('dayClock (localInstant for a whole day at once)', () => {
	const days: [string, string][] = [
		['Europe/Moscow', '2025-06-02'],
		['Asia/Vladivostok', '2025-12-31'],
		['Europe/Berlin', '2025-03-30'], // clocks go forward at 02:00
		['Europe/Berlin', '2025-10-26'], // and back at 03:00
		['America/Santiago', '2025-09-07'], // forward at midnight
		['America/New_York', '2025-11-02'],
		['Australia/Lord_Howe', '2025-04-06'] // a half-hour change
	];
	it.each(days)('gives the same instants as localInstant in %s on %s', (tz, day) => {
		const at = dayClock(day, tz);
		for (let t = 0; t < 24 * 60; t += 5) expect([t, at(t).toISOString()]).toEqual([t, localInstant(day, t, tz).toISOString()]);
	});
});
