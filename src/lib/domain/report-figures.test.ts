import { describe, expect, it } from 'vitest';
import { figures, legsOf, localBucket, percentile, withinTargetPct, type Leg } from './report-figures';
import { DAY, TARGET, dayTickets, expectedDay, localAt } from './report-figures.fixture';

function dayLegs(timeZone: string): Leg[] {
	return dayTickets.flatMap((t) => {
		const steps = [
			{ type: 'ticket.issued' as const, at: localAt(t.arrived, timeZone) },
			...t.steps.map((s) => ({ type: s.type, at: localAt(s.at, timeZone), toServiceTargetSec: s.to ? TARGET[s.to] : undefined })),
			// The nightly job closes what is still open (ticket 12).
			...(t.steps.length === 0 ? [{ type: 'ticket.expired' as const, at: localAt('+03:00', timeZone) }] : [])
		];
		return legsOf(
			t.n,
			{
				arrivedAt: localAt(t.arrived, timeZone),
				appointmentAt: t.appointment ? localAt(t.appointment, timeZone) : null,
				targetWaitSec: TARGET[t.service]
			},
			steps
		);
	});
}

describe('percentile (percentile_cont)', () => {
	it('interpolates between the closest ranks', () => {
		expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
		expect(percentile([240, 360, 540, 540, 540, 600, 600, 600, 1140, 1200], 0.9)).toBeCloseTo(1146, 9);
		expect(percentile([7], 0.9)).toBe(7);
		expect(percentile([], 0.5)).toBeNull();
	});
	it('does not depend on the order of the values', () => {
		expect(percentile([1800, 60, 600], 0.5)).toBe(600);
	});
});

describe('within target', () => {
	it('counts a wait equal to the target as within it and ignores legs never called', () => {
		expect(
			withinTargetPct([
				{ waitSec: 600, targetWaitSec: 600 },
				{ waitSec: 601, targetWaitSec: 600 },
				{ waitSec: null, targetWaitSec: 600 }
			])
		).toBe(50);
		expect(withinTargetPct([{ waitSec: null, targetWaitSec: 600 }])).toBeNull();
	});
});

describe('the worked day of 12 tickets', () => {
	it('gives the hand-computed figures', () => {
		expect(figures(dayLegs('Asia/Vladivostok'))).toEqual(expectedDay);
	});

	it('has two legs for the transferred ticket, the second against the new service target', () => {
		const legs = dayLegs('Asia/Vladivostok').filter((l) => l.ticketId === 6);
		expect(legs).toEqual([
			{ ticketId: 6, leg: 1, waitSec: 600, serviceSec: 240, targetWaitSec: 600, outcome: 'transferred' },
			{ ticketId: 6, leg: 2, waitSec: 900, serviceSec: 600, targetWaitSec: 1200, outcome: 'done' }
		]);
	});

	it('lets an appointment wait from its slot, not from an early arrival', () => {
		expect(dayLegs('Europe/Kaliningrad').find((l) => l.ticketId === 4)!.waitSec).toBe(120);
	});

	it('counts the ticket crossing midnight with the 20 minutes it waited', () => {
		expect(dayLegs('Europe/Kaliningrad').find((l) => l.ticketId === 11)).toMatchObject({ waitSec: 1200, serviceSec: 540, outcome: 'done' });
	});

	it('is the same day in Kaliningrad and Vladivostok, nine hours apart', () => {
		expect(figures(dayLegs('Europe/Kaliningrad'))).toEqual(figures(dayLegs('Asia/Vladivostok')));
		expect(localAt('09:00', 'Europe/Kaliningrad').getTime() - localAt('09:00', 'Asia/Vladivostok').getTime()).toBe(8 * 3600_000);
	});
});

describe('local buckets', () => {
	it('puts one instant on different days and hours in Vladivostok and Kaliningrad', () => {
		const at = new Date('2026-03-02T15:30:00Z');
		expect(localBucket(at, 'Asia/Vladivostok')).toEqual({ day: '2026-03-03', isoWeekday: 2, hour: 1 });
		expect(localBucket(at, 'Europe/Kaliningrad')).toEqual({ day: DAY, isoWeekday: 1, hour: 17 });
	});
	it('keeps the late ticket on the day it arrived', () => {
		expect(localBucket(localAt('23:50', 'Asia/Vladivostok'), 'Asia/Vladivostok')).toEqual({ day: DAY, isoWeekday: 1, hour: 23 });
	});
});
