/** Date and time of the office (its IANA zone), for the board's header. */
export function officeClock(now: Date, timeZone: string, dateLocale: string): { time: string; date: string } {
	const time = new Intl.DateTimeFormat(dateLocale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
	const date = new Intl.DateTimeFormat(dateLocale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(now);
	return { time, date: date.charAt(0).toUpperCase() + date.slice(1) };
}
