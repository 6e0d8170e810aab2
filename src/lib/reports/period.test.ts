import { describe, expect, it } from 'vitest';
import { presetRange, shiftDay } from './period';

describe('period presets', () => {
	it('counts in whole office days, today included', () => {
		expect(presetRange('today', '2026-03-01')).toEqual({ from: '2026-03-01', to: '2026-03-01' });
		expect(presetRange('yesterday', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
		expect(presetRange('week', '2026-03-01')).toEqual({ from: '2026-02-23', to: '2026-03-01' });
		expect(presetRange('month', '2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
	});
	it('crosses years and leap days', () => {
		expect(shiftDay('2024-03-01', -1)).toBe('2024-02-29');
		expect(shiftDay('2026-01-01', -1)).toBe('2025-12-31');
	});
});
