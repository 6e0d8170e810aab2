/** The period presets of /admin/reports, in the office's days (`today` is its local date). */
export const periodPresets = ['today', 'yesterday', 'week', 'month', 'custom'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

/** `week`: the last 7 days with today; `month`: the last 30 days with today. */
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, today: string): { from: string; to: string } {
	switch (preset) {
		case 'today':
			return { from: today, to: today };
		case 'yesterday':
			return { from: shiftDay(today, -1), to: shiftDay(today, -1) };
		case 'week':
			return { from: shiftDay(today, -6), to: today };
		case 'month':
			return { from: shiftDay(today, -29), to: today };
	}
}

export function shiftDay(day: string, n: number): string {
	const d = new Date(day + 'T00:00:00Z');
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}
