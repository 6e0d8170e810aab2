import { describe, expect, it } from 'vitest';
import { officeClock } from './clock';

describe('office clock', () => {
	it("shows the office's local time, not the board PC's", () => {
		const at = new Date('2026-11-25T21:30:00Z');
		expect(officeClock(at, 'Europe/Moscow', 'ru-RU')).toEqual({ time: '00:30', date: 'Четверг, 26 ноября' });
		expect(officeClock(at, 'Europe/Kaliningrad', 'ru-RU').time).toBe('23:30');
		expect(officeClock(at, 'Asia/Kamchatka', 'en-GB')).toEqual({ time: '09:30', date: 'Thursday 26 November' });
	});
});
