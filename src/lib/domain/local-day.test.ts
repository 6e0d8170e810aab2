import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localDay, startOfLocalDay } from './local-day';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('localDay', () => {
	describe('Asia/Vladivostok (UTC+10): the day starts at 14:00 UTC of the previous date', () => {
		const tz = 'Asia/Vladivostok';
		it.each([
			['2026-11-25T13:59:59Z', '2026-11-25'],
			['2026-11-25T13:59:59.999Z', '2026-11-25'],
			['2026-11-25T14:00:00Z', '2026-11-26'],
			['2026-11-25T00:00:00Z', '2026-11-25'],
			['2026-11-24T14:00:00Z', '2026-11-25'],
			['2026-11-24T13:59:59Z', '2026-11-24']
		])('%s is %s', (iso, day) => {
			expect(localDay(at(iso), tz)).toBe(day);
		});
	});

	describe('Europe/Kaliningrad (UTC+2): the day starts at 22:00 UTC of the previous date', () => {
		const tz = 'Europe/Kaliningrad';
		it.each([
			['2026-11-25T21:59:59Z', '2026-11-25'],
			['2026-11-25T22:00:00Z', '2026-11-26'],
			['2026-11-24T22:00:00Z', '2026-11-25'],
			['2026-07-01T21:59:59Z', '2026-07-01'],
			['2026-07-01T22:00:00Z', '2026-07-02']
		])('%s is %s', (iso, day) => {
			expect(localDay(at(iso), tz)).toBe(day);
		});
	});

	describe('Europe/Moscow (UTC+3): the day starts at 21:00 UTC of the previous date', () => {
		const tz = 'Europe/Moscow';
		it.each([
			['2026-11-25T20:59:59Z', '2026-11-25'],
			['2026-11-25T21:00:00Z', '2026-11-26'],
			['2026-06-15T20:59:59Z', '2026-06-15'],
			['2026-06-15T21:00:00Z', '2026-06-16']
		])('%s is %s', (iso, day) => {
			expect(localDay(at(iso), tz)).toBe(day);
		});

		it('uses the time zone database, not a fixed offset (Moscow was UTC+4 until 26 Oct 2014)', () => {
			expect(localDay(at('2014-07-01T20:30:00Z'), tz)).toBe('2014-07-02');
			expect(localDay(at('2015-07-01T20:30:00Z'), tz)).toBe('2015-07-01');
		});
	});

	describe('Asia/Kamchatka (UTC+12): the day starts at 12:00 UTC of the previous date', () => {
		const tz = 'Asia/Kamchatka';
		it.each([
			['2026-11-25T11:59:59Z', '2026-11-25'],
			['2026-11-25T12:00:00Z', '2026-11-26'],
			['2026-12-31T11:59:59Z', '2026-12-31'],
			['2026-12-31T12:00:00Z', '2027-01-01']
		])('%s is %s', (iso, day) => {
			expect(localDay(at(iso), tz)).toBe(day);
		});
	});

	it('one instant is a different date from Kaliningrad to Kamchatka', () => {
		const instant = at('2026-11-25T21:30:00Z');
		expect(localDay(instant, 'Europe/Kaliningrad')).toBe('2026-11-25');
		expect(localDay(instant, 'Europe/Moscow')).toBe('2026-11-26');
		expect(localDay(instant, 'Asia/Vladivostok')).toBe('2026-11-26');
		expect(localDay(instant, 'Asia/Kamchatka')).toBe('2026-11-26');
		expect(localDay(instant, 'UTC')).toBe('2026-11-25');
	});

	it('pads month and day to two digits', () => {
		expect(localDay(at('2026-01-05T12:00:00Z'), 'Europe/Moscow')).toBe('2026-01-05');
		expect(localDay(at('2026-01-05T12:00:00Z'), 'Europe/Moscow')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('does not depend on the time zone of the machine it runs on', () => {
		// The local getters of a plain Date follow process.env.TZ; the office's day must not.
		const saved = process.env.TZ;
		try {
			for (const machine of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Europe/Berlin', 'Asia/Kamchatka']) {
				process.env.TZ = machine;
				expect(localDay(at('2026-11-25T23:30:00Z'), 'Europe/Moscow')).toBe('2026-11-26');
				expect(localDay(at('2026-11-25T13:59:59Z'), 'Asia/Vladivostok')).toBe('2026-11-25');
				expect(localDay(at('2026-11-25T22:00:00Z'), 'Europe/Kaliningrad')).toBe('2026-11-26');
				expect(startOfLocalDay(at('2026-11-25T12:00:00Z'), 'Asia/Kamchatka').toISOString()).toBe('2026-11-25T12:00:00.000Z');
				expect(startOfLocalDay(at('2026-03-29T10:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
				expect(startOfLocalDay(at('2026-10-25T01:30:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-10-24T22:00:00.000Z');
			}
		} finally {
			if (saved === undefined) delete process.env.TZ;
			else process.env.TZ = saved;
		}
	});
});

describe('startOfLocalDay', () => {
	it.each([
		['Asia/Vladivostok', '2026-11-25T13:59:59Z', '2026-11-24T14:00:00.000Z'],
		['Asia/Vladivostok', '2026-11-25T14:00:00Z', '2026-11-25T14:00:00.000Z'],
		['Asia/Vladivostok', '2026-11-25T20:00:00Z', '2026-11-25T14:00:00.000Z'],
		['Europe/Kaliningrad', '2026-11-25T21:59:59Z', '2026-11-24T22:00:00.000Z'],
		['Europe/Kaliningrad', '2026-11-25T22:00:00Z', '2026-11-25T22:00:00.000Z'],
		['Europe/Moscow', '2026-11-25T12:00:00Z', '2026-11-24T21:00:00.000Z'],
		['Europe/Moscow', '2026-11-25T21:00:00Z', '2026-11-25T21:00:00.000Z'],
		['Asia/Kamchatka', '2026-11-25T11:59:59Z', '2026-11-24T12:00:00.000Z'],
		['Asia/Kamchatka', '2026-11-25T12:00:00Z', '2026-11-25T12:00:00.000Z'],
		['Europe/Moscow', '2014-10-26T12:00:00Z', '2014-10-25T20:00:00.000Z']
	])('%s at %s: the day started at %s', (tz, iso, start) => {
		expect(startOfLocalDay(at(iso), tz).toISOString()).toBe(start);
	});

	it('returns midnight itself when given local midnight', () => {
		const midnight = at('2026-11-25T14:00:00Z');
		expect(startOfLocalDay(midnight, 'Asia/Vladivostok').getTime()).toBe(midnight.getTime());
	});

	it('returns a plain Date', () => {
		const start = startOfLocalDay(at('2026-11-25T12:00:00Z'), 'Europe/Moscow');
		expect(Object.getPrototypeOf(start)).toBe(Date.prototype);
	});

	describe('on daylight-saving switch days (Europe/Berlin)', () => {
		const tz = 'Europe/Berlin';

		it('spring forward, 29 March 2026: the day starts at 23:00 UTC (CET) and lasts 23 hours', () => {
			for (const iso of [
				'2026-03-28T23:00:00Z',
				'2026-03-29T00:59:59Z',
				'2026-03-29T01:00:00Z',
				'2026-03-29T10:00:00Z',
				'2026-03-29T21:59:59Z'
			]) {
				expect(localDay(at(iso), tz)).toBe('2026-03-29');
				expect(startOfLocalDay(at(iso), tz).toISOString()).toBe('2026-03-28T23:00:00.000Z');
			}
			const next = startOfLocalDay(at('2026-03-30T10:00:00Z'), tz);
			expect(next.toISOString()).toBe('2026-03-29T22:00:00.000Z');
			expect(next.getTime() - startOfLocalDay(at('2026-03-29T10:00:00Z'), tz).getTime()).toBe(23 * HOUR);
		});

		it('fall back, 25 October 2026: the day starts at 22:00 UTC (CEST) and lasts 25 hours', () => {
			// 00:30Z and 01:30Z are both 02:30 local, before and after the clocks go back.
			for (const iso of [
				'2026-10-24T22:00:00Z',
				'2026-10-25T00:30:00Z',
				'2026-10-25T01:30:00Z',
				'2026-10-25T12:00:00Z',
				'2026-10-25T22:59:59Z'
			]) {
				expect(localDay(at(iso), tz)).toBe('2026-10-25');
				expect(startOfLocalDay(at(iso), tz).toISOString()).toBe('2026-10-24T22:00:00.000Z');
			}
			const next = startOfLocalDay(at('2026-10-26T10:00:00Z'), tz);
			expect(next.toISOString()).toBe('2026-10-25T23:00:00.000Z');
			expect(next.getTime() - startOfLocalDay(at('2026-10-25T10:00:00Z'), tz).getTime()).toBe(25 * HOUR);
		});

		it('the days around the switches last 24 hours', () => {
			const length = (iso: string) => {
				const start = startOfLocalDay(at(iso), tz);
				return startOfLocalDay(new Date(start.getTime() + 26 * HOUR), tz).getTime() - start.getTime();
			};
			expect(length('2026-03-28T12:00:00Z')).toBe(24 * HOUR);
			expect(length('2026-03-30T12:00:00Z')).toBe(24 * HOUR);
			expect(length('2026-10-24T12:00:00Z')).toBe(24 * HOUR);
			expect(length('2026-10-26T12:00:00Z')).toBe(24 * HOUR);
		});
	});

	describe('agrees with localDay at every hour of a year', () => {
		it.each(['Europe/Kaliningrad', 'Europe/Moscow', 'Asia/Vladivostok', 'Asia/Kamchatka', 'Europe/Berlin'])('%s', (tz) => {
			const from = at('2026-01-01T00:00:00Z').getTime();
			for (let t = from; t < from + 366 * 24 * HOUR; t += 5 * HOUR + 17 * 60_000) {
				const now = new Date(t);
				const start = startOfLocalDay(now, tz);
				const day = localDay(now, tz);
				// the start is at or before now, on the same local day, and a millisecond earlier is the day before
				expect(start.getTime()).toBeLessThanOrEqual(t);
				expect(t - start.getTime()).toBeLessThan(25 * HOUR);
				expect(localDay(start, tz)).toBe(day);
				expect(localDay(new Date(start.getTime() - 1), tz)).not.toBe(day);
				expect(localDay(new Date(start.getTime() - 1), tz) < day).toBe(true);
			}
		});
	});
});

describe('isValidTimeZone', () => {
	it.each(['Europe/Moscow', 'Europe/Kaliningrad', 'Asia/Vladivostok', 'Asia/Kamchatka', 'Europe/Berlin', 'UTC'])('accepts %s', (tz) => {
		expect(isValidTimeZone(tz)).toBe(true);
	});

	it.each(['Mars/Olympus', '', 'Moscow', 'Europe/Moskva', 'not a zone'])('rejects %j', (tz) => {
		expect(isValidTimeZone(tz)).toBe(false);
	});
});
