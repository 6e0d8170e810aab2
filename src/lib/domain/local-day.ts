import { TZDate } from '@date-fns/tz';

/**
 * The office's calendar day (`YYYY-MM-DD`) at instant `now`, in its IANA time zone.
 * Numbering restarts when this changes, i.e. at local midnight: Vladivostok's day starts
 * at 14:00 UTC of the previous date, Kaliningrad's at 22:00 UTC.
 */
export function localDay(now: Date, timeZone: string): string {
	const d = new TZDate(now.getTime(), timeZone);
	const y = d.getFullYear();
	const m = String(d.getMonth() + 1).padStart(2, '0');
	const day = String(d.getDate()).padStart(2, '0');
	return `${y}-${m}-${day}`;
}

/** The instant of local midnight that starts the office's day containing `now`. */
export function startOfLocalDay(now: Date, timeZone: string): Date {
	const d = new TZDate(now.getTime(), timeZone);
	const midnight = new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), 0, 0, 0, 0, timeZone);
	return new Date(midnight.getTime());
}

export function isValidTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone }).format(0);
		return true;
	} catch {
		return false;
	}
}
