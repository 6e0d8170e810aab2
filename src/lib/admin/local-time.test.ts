import { describe, expect, it } from 'vitest';
import { instantToLocalInput, localInputToInstant } from './local-time';

describe('office wall time in a datetime-local field', () => {
	it('reads the wall time in the office zone, not the browser’s', () => {
		expect(localInputToInstant('2026-12-01T13:00', 'Europe/Moscow')?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
		expect(localInputToInstant('2026-12-01T13:00', 'Asia/Kamchatka')?.toISOString()).toBe('2026-12-01T01:00:00.000Z');
		expect(instantToLocalInput('2026-12-01T01:00:00.000Z', 'Asia/Kamchatka')).toBe('2026-12-01T13:00');
		expect(instantToLocalInput('2026-12-31T21:30:00.000Z', 'Europe/Kaliningrad')).toBe('2026-12-31T23:30');
		expect(instantToLocalInput(null, 'UTC')).toBe('');
	});
	it('refuses what is not a wall time', () => {
		for (const bad of ['', '2026-02-30T10:00', '2026-12-01 10:00', '2026-12-01T24:00', 'завтра'])
			expect(localInputToInstant(bad, 'UTC')).toBeNull();
	});
});
