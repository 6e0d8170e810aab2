import Holidays from 'date-holidays';

/**
 * Public holidays of Russia (non-working days by law) between two dates, from `date-holidays`.
 * Transferred days off change every year by government decree; an admin enters those as
 * office exceptions, which win over this list (domain/slots.ts `planFor`).
 */
const ru = new Holidays('RU');
// Computing a year's rules costs milliseconds of CPU; every slot lookup needs them, so keep each year.
const byYear = new Map<number, string[]>();

function yearHolidays(y: number): string[] {
	let days = byYear.get(y);
	if (!days) {
		days = ru
			.getHolidays(y)
			.filter((h) => h.type === 'public')
			.map((h) => h.date.slice(0, 10));
		byYear.set(y, days);
	}
	return days;
}

export function publicHolidays(first: string, last: string): Set<string> {
	const out = new Set<string>();
	const y0 = Number(first.slice(0, 4));
	const y1 = Number(last.slice(0, 4));
	for (let y = y0; y <= y1; y++) {
		for (const day of yearHolidays(y)) if (day >= first && day <= last) out.add(day);
	}
	return out;
}
