import { TZDate } from '@date-fns/tz';

/**
 * Slot generation for online booking: which start times of a service an office offers on a day
 * and how many citizens each may take. Pure: the clock, the time zone, the plan and the public
 * holidays all come in as arguments (STYLE.md: unlike cal.com's generator, nothing is read from
 * the environment), so the tests pin nothing.
 *
 * Glossary: слот (slot) — a start time a citizen can book; доля записи (booking share) — the part
 * of desk time kept for bookings, the rest stays for walk-ins with tickets from the kiosk.
 */

/** Opening hours of one day, in minutes after local midnight (480 = 08:00). */
export interface DayPlan {
	openMin: number;
	closeMin: number;
	/** Lunch break; both null when there is none. */
	breakStartMin?: number | null;
	breakEndMin?: number | null;
}

/** An exception for one calendar day: closed (holiday) or open with these hours (shortened or extra day). */
export type DayException = { kind: 'closed' } | ({ kind: 'open' } & DayPlan);

export interface Schedule {
	/** IANA zone of the office; every day and time below is local to it. */
	timeZone: string;
	/** Weekday 1 = Monday .. 7 = Sunday; a missing weekday is a day off. */
	weekly: Readonly<Partial<Record<number, DayPlan>>>;
	/** By `YYYY-MM-DD`; wins over the weekly plan and over public holidays. */
	exceptions: Readonly<Record<string, DayException>>;
	/** Public holidays (`YYYY-MM-DD`): closed unless an exception opens the day. */
	holidays: ReadonlySet<string>;
}

export interface SlotRules {
	/** Minutes between possible starts; a service's slots are this step rounded up to fit its duration. Default 15. */
	stepMin: number;
	/** Share of desk time kept for bookings, 0..1. */
	bookingShare: number;
	/** A slot must start at least this many minutes after `now`. */
	minLeadMin: number;
	/** Days after today (local) that can be booked; today counts as day 0. */
	horizonDays: number;
}

export interface SlotQuery {
	schedule: Schedule;
	rules: SlotRules;
	/** Duration of the service, minutes. */
	durationMin: number;
	/** Desks that serve the service (and work while the office is open). */
	deskCount: number;
	now: Date;
}

export interface Slot {
	startsAt: Date;
	/** Local wall time `HH:MM`. */
	time: string;
	/** Places for bookings in this slot (before subtracting those already taken). */
	capacity: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function minutesToTime(min: number): string {
	return `${pad(Math.floor(min / 60))}:${pad(min % 60)}`;
}

/** `YYYY-MM-DD` plus n calendar days (no time zone involved: a calendar date is not an instant). */
export function addDays(day: string, n: number): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

/** 1 = Monday .. 7 = Sunday. */
export function weekdayOf(day: string): number {
	const w = new Date(`${day}T00:00:00Z`).getUTCDay();
	return w === 0 ? 7 : w;
}

export function isDay(s: string): boolean {
	return /^\d{4}-\d{2}-\d{2}$/.test(s) && addDays(s, 0) === s;
}

/** The office's calendar day at `now`. */
export function localDayOf(now: Date, timeZone: string): string {
	const d = new TZDate(now.getTime(), timeZone);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The instant of a local wall time on a local day. */
export function localInstant(day: string, minutes: number, timeZone: string): Date {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return new Date(new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, 0, 0, timeZone).getTime());
}

/**
 * `localInstant` for many times of one day. A time zone conversion is costly (it was a third of
 * the CPU of 500 booking clients, bench/README.md), and a day almost always has one UTC offset:
 * when midnight and the day's last minute share it, every time of the day is plain arithmetic;
 * on a day the clocks change, each time is converted on its own.
 */
export function dayClock(day: string, timeZone: string): (minutes: number) => Date {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	const wall = (minutes: number) => Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
	const first = wall(0) - localInstant(day, 0, timeZone).getTime();
	const last = wall(24 * 60 - 1) - localInstant(day, 24 * 60 - 1, timeZone).getTime();
	if (first !== last) return (minutes) => localInstant(day, minutes, timeZone);
	return (minutes) => new Date(wall(minutes) - first);
}

/** The hours of a day after exceptions and holidays, or null when the office is closed. */
export function planFor(schedule: Schedule, day: string): DayPlan | null {
	const ex = schedule.exceptions[day];
	if (ex) return ex.kind === 'closed' ? null : ex;
	if (schedule.holidays.has(day)) return null;
	return schedule.weekly[weekdayOf(day)] ?? null;
}

/** Working stretches of a day: before and after the break. */
function stretches(plan: DayPlan): [number, number][] {
	const { openMin, closeMin, breakStartMin, breakEndMin } = plan;
	if (breakStartMin == null || breakEndMin == null || breakEndMin <= openMin || breakStartMin >= closeMin) return [[openMin, closeMin]];
	return [
		[openMin, Math.max(openMin, breakStartMin)],
		[Math.min(closeMin, breakEndMin), closeMin]
	];
}

/** A service's slot length: the step rounded up so one desk can take one booked visitor per slot. */
export function slotLength(durationMin: number, stepMin: number): number {
	return Math.max(1, Math.ceil(durationMin / stepMin)) * stepMin;
}

/**
 * Places per slot. `desks × share` is rarely whole (3 desks × 0.5 = 1.5), so the fraction is
 * carried from slot to slot: slot i gets floor((i+1)·c) − floor(i·c). Over a day the booked
 * places add up to desks × share × slots, and no slot gets more than ceil(c).
 */
export function capacityOf(index: number, deskCount: number, share: number): number {
	const c = Math.max(0, deskCount) * Math.min(1, Math.max(0, share));
	const eps = 1e-9;
	return Math.floor((index + 1) * c + eps) - Math.floor(index * c + eps);
}

/** Every slot of a day by the plan alone (no lead time, no horizon), with its capacity. */
export function daySlots(q: Omit<SlotQuery, 'now'>, day: string): Slot[] {
	const plan = planFor(q.schedule, day);
	if (!plan) return [];
	const len = slotLength(q.durationMin, q.rules.stepMin);
	const out: Slot[] = [];
	let index = 0;
	const at = dayClock(day, q.schedule.timeZone);
	for (const [from, to] of stretches(plan)) {
		for (let t = from; t + len <= to; t += len) {
			out.push({
				startsAt: at(t),
				time: minutesToTime(t),
				capacity: capacityOf(index++, q.deskCount, q.rules.bookingShare)
			});
		}
	}
	return out;
}

/** The days a citizen may pick from: today (local) .. today + horizon. */
export function bookingWindow(q: Pick<SlotQuery, 'schedule' | 'rules' | 'now'>): { first: string; last: string } {
	const first = localDayOf(q.now, q.schedule.timeZone);
	return { first, last: addDays(first, q.rules.horizonDays) };
}

/** Slots of a day that can be booked now: inside the horizon, after the lead time, with capacity. */
export function bookableSlots(q: SlotQuery, day: string): Slot[] {
	const { first, last } = bookingWindow(q);
	if (day < first || day > last) return [];
	const earliest = q.now.getTime() + q.rules.minLeadMin * 60_000;
	return daySlots(q, day).filter((s) => s.capacity > 0 && s.startsAt.getTime() >= earliest);
}

/** Is `startsAt` one of the day's bookable slots? Returns it (with capacity) or null. */
export function findSlot(q: SlotQuery, startsAt: Date): Slot | null {
	const day = localDayOf(startsAt, q.schedule.timeZone);
	return bookableSlots(q, day).find((s) => s.startsAt.getTime() === startsAt.getTime()) ?? null;
}
