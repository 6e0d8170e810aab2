import { describe, expect, it } from 'vitest';
import { displayMinutes, estimateWaitSeconds, rollingAverageSeconds } from './estimate';

describe('estimateWaitSeconds', () => {
	it('is visitors ahead x average service time / open desks', () => {
		expect(estimateWaitSeconds({ ahead: 6, averageServiceSeconds: 600, openDesks: 3, configuredDesks: 5 })).toBe(1200);
		expect(estimateWaitSeconds({ ahead: 4, averageServiceSeconds: 300, openDesks: 1, configuredDesks: 4 })).toBe(1200);
		expect(estimateWaitSeconds({ ahead: 1, averageServiceSeconds: 420, openDesks: 1, configuredDesks: 1 })).toBe(420);
	});

	it('shrinks as more desks open', () => {
		const wait = (openDesks: number) => estimateWaitSeconds({ ahead: 12, averageServiceSeconds: 600, openDesks, configuredDesks: 4 });
		expect([wait(1), wait(2), wait(3), wait(4)]).toEqual([7200, 3600, 2400, 1800]);
	});

	it('uses open desks, not configured ones, when some are open', () => {
		expect(estimateWaitSeconds({ ahead: 10, averageServiceSeconds: 60, openDesks: 2, configuredDesks: 10 })).toBe(300);
	});

	it('rounds to whole seconds', () => {
		expect(estimateWaitSeconds({ ahead: 1, averageServiceSeconds: 100, openDesks: 3, configuredDesks: 3 })).toBe(33);
		expect(estimateWaitSeconds({ ahead: 2, averageServiceSeconds: 100, openDesks: 3, configuredDesks: 3 })).toBe(67);
		expect(Number.isInteger(estimateWaitSeconds({ ahead: 7, averageServiceSeconds: 333, openDesks: 4, configuredDesks: 4 }))).toBe(true);
	});

	it('falls back to the configured desks before any desk opens', () => {
		expect(estimateWaitSeconds({ ahead: 6, averageServiceSeconds: 600, openDesks: 0, configuredDesks: 2 })).toBe(1800);
		expect(estimateWaitSeconds({ ahead: 3, averageServiceSeconds: 600, openDesks: 0, configuredDesks: 1 })).toBe(1800);
	});

	it('is null when no desk serves the service at all', () => {
		expect(estimateWaitSeconds({ ahead: 5, averageServiceSeconds: 600, openDesks: 0, configuredDesks: 0 })).toBeNull();
		expect(estimateWaitSeconds({ ahead: 0, averageServiceSeconds: 600, openDesks: 0, configuredDesks: 0 })).toBeNull();
	});

	it('is 0 when nobody is ahead', () => {
		expect(estimateWaitSeconds({ ahead: 0, averageServiceSeconds: 600, openDesks: 2, configuredDesks: 2 })).toBe(0);
		expect(estimateWaitSeconds({ ahead: 0, averageServiceSeconds: 600, openDesks: 0, configuredDesks: 3 })).toBe(0);
	});

	it('treats a negative count ahead as nobody ahead', () => {
		expect(estimateWaitSeconds({ ahead: -2, averageServiceSeconds: 600, openDesks: 1, configuredDesks: 1 })).toBe(0);
	});

	it('grows in proportion to the visitors ahead and to the average service time', () => {
		const base = { averageServiceSeconds: 240, openDesks: 2, configuredDesks: 2 };
		expect(estimateWaitSeconds({ ...base, ahead: 10 })).toBe(2 * estimateWaitSeconds({ ...base, ahead: 5 })!);
		expect(estimateWaitSeconds({ ...base, ahead: 5, averageServiceSeconds: 480 })).toBe(2 * estimateWaitSeconds({ ...base, ahead: 5 })!);
	});
});

describe('rollingAverageSeconds', () => {
	it('is the mean of the recent durations once there are enough of them', () => {
		expect(rollingAverageSeconds([300, 600, 900], 1200)).toBe(600);
		expect(rollingAverageSeconds([100, 200, 300, 400], 1200)).toBe(250);
	});

	it('rounds the mean to whole seconds', () => {
		expect(rollingAverageSeconds([100, 100, 101], 999)).toBe(100);
		expect(rollingAverageSeconds([100, 101, 101], 999)).toBe(101);
	});

	it('falls back to the expected duration below the default minimum of 3 samples', () => {
		expect(rollingAverageSeconds([], 900)).toBe(900);
		expect(rollingAverageSeconds([60], 900)).toBe(900);
		expect(rollingAverageSeconds([60, 120], 900)).toBe(900);
		expect(rollingAverageSeconds([60, 120, 180], 900)).toBe(120);
	});

	it('honours a custom minimum of samples', () => {
		expect(rollingAverageSeconds([60, 120, 180], 900, 5)).toBe(900);
		expect(rollingAverageSeconds([60, 120, 180, 240, 300], 900, 5)).toBe(180);
		expect(rollingAverageSeconds([60], 900, 1)).toBe(60);
	});

	it('ignores zero, negative, NaN and infinite durations', () => {
		expect(rollingAverageSeconds([300, 0, -50, Number.NaN, 600, Number.POSITIVE_INFINITY, 900, Number.NEGATIVE_INFINITY], 1200)).toBe(600);
	});

	it('does not count ignored durations towards the minimum of samples', () => {
		expect(rollingAverageSeconds([300, 0, Number.NaN, -1, 600], 1200)).toBe(1200);
		expect(rollingAverageSeconds([0, 0, 0, 0], 1200)).toBe(1200);
	});
});

describe('displayMinutes', () => {
	it('is null when there is no estimate', () => {
		expect(displayMinutes(null)).toBeNull();
	});

	it('is 0 when there is no wait', () => {
		expect(displayMinutes(0)).toBe(0);
		expect(displayMinutes(-30)).toBe(0);
	});

	it('never shows 0 when there is any wait at all', () => {
		expect(displayMinutes(1)).toBe(1);
		expect(displayMinutes(0.4)).toBe(1);
	});

	it.each([
		[1, 1],
		[59, 1],
		[60, 1],
		[61, 2],
		[120, 2],
		[121, 3],
		[9 * 60, 9],
		[9 * 60 + 1, 10],
		[10 * 60, 10]
	])('rounds %i s up to whole minutes up to 10: %i', (seconds, minutes) => {
		expect(displayMinutes(seconds)).toBe(minutes);
	});

	it.each([
		[10 * 60 + 1, 15],
		[11 * 60, 15],
		[15 * 60, 15],
		[15 * 60 + 1, 20],
		[20 * 60, 20],
		[23 * 60, 25],
		[25 * 60, 25],
		[26 * 60, 30],
		[60 * 60, 60],
		[61 * 60, 65],
		[119 * 60, 120]
	])('rounds %i s above 10 minutes up to a multiple of 5: %i', (seconds, minutes) => {
		expect(displayMinutes(seconds)).toBe(minutes);
	});

	it('never shows less than the real wait, and above 10 minutes always a multiple of 5', () => {
		for (let s = 1; s <= 3 * 3600; s += 7) {
			const m = displayMinutes(s)!;
			expect(m * 60).toBeGreaterThanOrEqual(s);
			if (m > 10) expect(m % 5).toBe(0);
			expect(m * 60 - s).toBeLessThan(m > 10 ? 5 * 60 : 60);
		}
	});
});
