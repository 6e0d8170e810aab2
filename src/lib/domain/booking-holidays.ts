import Holidays from 'date-holidays';

/**
 * Public holidays of Russia (non-working days by law) between two dates, from `date-holidays`.
 * Transferred days off change every year by government decree; an admin enters those as
 * office exceptions, which win over this list (domain/slots.ts `planFor`).
 */
const ru = new Holidays('RU');

export function publicHolidays(first: string, last: string): Set<string> {
	const out = new Set<string>();
	const y0 = Number(first.slice(0, 4));
	const y1 = Number(last.slice(0, 4));
	for (let y = y0; y <= y1; y++) {
		for (const h of ru.getHolidays(y)) {
			const day = h.date.slice(0, 10);
			if (h.type === 'public' && day >= first && day <= last) out.add(day);
		}
	}
	return out;
}
