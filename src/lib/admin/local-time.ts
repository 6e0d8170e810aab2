import { isDay, localDayOf, localInstant } from '$lib/domain/slots';

/**
 * An `<input type="datetime-local">` value (`2026-12-01T13:00`) is a wall time in the office, not
 * in the admin's browser: these convert it to and from an instant in the office's time zone.
 */
export function localInputToInstant(value: string, timeZone: string): Date | null {
	const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
	if (!m || !isDay(m[1]!)) return null;
	const h = Number(m[2]);
	const min = Number(m[3]);
	if (h > 23 || min > 59) return null;
	return localInstant(m[1]!, h * 60 + min, timeZone);
}

export function instantToLocalInput(iso: string | null, timeZone: string): string {
	if (!iso) return '';
	const at = new Date(iso);
	const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
	return `${localDayOf(at, timeZone)}T${time}`;
}
