import { addDays, weekdayOf } from '$lib/domain/slots';

export interface CalendarCell {
	day: string;
	/** Day of the month. */
	date: number;
	free: number;
}

/** Weeks (Monday first) covering `first..last`, each cell marked with its free places. */
export function calendarWeeks(first: string, last: string, free: ReadonlyMap<string, number>): (CalendarCell | null)[][] {
	const weeks: (CalendarCell | null)[][] = [];
	let week: (CalendarCell | null)[] = Array.from({ length: weekdayOf(first) - 1 }, () => null);
	for (let d = first; d <= last; d = addDays(d, 1)) {
		week.push({ day: d, date: Number(d.slice(8)), free: free.get(d) ?? 0 });
		if (week.length === 7) {
			weeks.push(week);
			week = [];
		}
	}
	if (week.length) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
	return weeks;
}
