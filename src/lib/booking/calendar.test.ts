import { describe, expect, it } from 'vitest';
import { calendarWeeks } from './calendar';

describe('calendarWeeks', () => {
	it('lays the window out in weeks that start on Monday, padded with empty cells at both ends', () => {
		// 2025-03-05 is a Wednesday; 2025-03-11 a Tuesday.
		const weeks = calendarWeeks('2025-03-05', '2025-03-11', new Map([['2025-03-06', 4]]));
		expect(weeks).toHaveLength(2);
		expect(weeks.every((w) => w.length === 7)).toBe(true);
		expect(weeks[0]!.slice(0, 2)).toEqual([null, null]);
		expect(weeks[0]![2]).toEqual({ day: '2025-03-05', date: 5, free: 0 });
		expect(weeks[0]![3]).toEqual({ day: '2025-03-06', date: 6, free: 4 });
		expect(weeks[1]!.map((c) => c?.date ?? null)).toEqual([10, 11, null, null, null, null, null]);
	});
});
