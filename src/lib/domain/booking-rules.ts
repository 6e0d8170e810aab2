import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { SlotRules } from './slots';

/**
 * Pure rules of a booking: the code a citizen types, the phone they give, the check-in window.
 * No clock and no database: `now` and the office's settings come in as arguments.
 */

/** Booking states; mirrored by the `check` on bookings.state in migrations/0005_booking.sql. */
export const BookingState = {
	booked: 'booked',
	checkedIn: 'checked_in',
	cancelled: 'cancelled',
	missed: 'missed'
} as const;
export type BookingState = (typeof BookingState)[keyof typeof BookingState];

/**
 * Letters and digits that cannot be mistaken for one another when read aloud, typed on a kiosk or
 * copied from a phone: no 0/O/Q/D, 1/I/L/J, 2/Z, 5/S, 8/B, V (U), G. 20 symbols, 6 long:
 * 6.4·10⁷ codes, so a random guess for a live booking is hopeless and collisions are retried.
 */
export const CODE_ALPHABET = 'ACEFHKMNPRTUWXY34679';
export const CODE_LENGTH = 6;

export function newBookingCode(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
	const out: string[] = [];
	while (out.length < CODE_LENGTH) {
		// Rejection sampling: bytes past the last whole multiple of the alphabet would bias it.
		for (const b of random(CODE_LENGTH * 2)) {
			if (b < 256 - (256 % CODE_ALPHABET.length) && out.length < CODE_LENGTH) out.push(CODE_ALPHABET[b % CODE_ALPHABET.length]!);
		}
	}
	return out.join('');
}

const cyrillic: Record<string, string> = { А: 'A', С: 'C', Е: 'E', Н: 'H', К: 'K', М: 'M', Р: 'P', Т: 'T', Х: 'X', У: 'Y' };

/** What a person typed or a scanner read (`ack-947`, `ACK 947`, a QR with a URL) → the code, or null. */
export function normalizeCode(input: string): string | null {
	const tail =
		input
			.trim()
			.split(/[/=#?]/)
			.pop() ?? '';
	// A Russian keyboard types А С Е Н К М Р Т Х У for the Latin letters that look the same.
	const code = [...tail.toUpperCase().replace(/[\s-]/g, '')].map((ch) => cyrillic[ch] ?? ch).join('');
	if (code.length !== CODE_LENGTH) return null;
	for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
	return code;
}

/** A Russian mobile or landline number (+7) in E.164 (`+79161234567`), or null. */
export function normalizePhone(input: string): string | null {
	const raw = input.trim();
	if (!/^[+\d\s()-]{10,20}$/.test(raw)) return null;
	// "8 916 ..." is how most Russians write +7 916 ...
	const digits = raw.replace(/\D/g, '');
	const e164 = raw.startsWith('+')
		? `+${digits}`
		: digits.length === 11 && (digits[0] === '8' || digits[0] === '7')
			? `+7${digits.slice(1)}`
			: digits.length === 10
				? `+7${digits}`
				: null;
	if (!e164) return null;
	const phone = parsePhoneNumberFromString(e164);
	if (!phone || phone.countryCallingCode !== '7' || phone.country !== 'RU' || !phone.isValid()) return null;
	return phone.number;
}

/** `+7 916 123-45-67` for people. */
export function formatPhone(e164: string): string {
	const m = e164.match(/^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/);
	return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : e164;
}

/** What a booking checked in after its window gets; mirrored by the `check` on booking_settings.late_policy. */
export const LatePolicy = {
	ordinary: 'ordinary',
	refuse: 'refuse'
} as const;
export type LatePolicy = (typeof LatePolicy)[keyof typeof LatePolicy];

export interface CheckInWindow {
	/** Minutes before the start when check-in opens. */
	beforeMin: number;
	/** Minutes after the start when it closes. */
	afterMin: number;
	/** After the window: an ordinary ticket, or a refusal. */
	latePolicy: LatePolicy;
}

/**
 * An office's booking rules: the one shape of a `booking_settings` row (columns `slot_step_min`,
 * `checkin_before_min`, `checkin_after_min` are `stepMin`, `beforeMin`, `afterMin` here; the
 * rest by name). Read and written only in server/booking/schedule.ts.
 */
export interface BookingSettings extends SlotRules, CheckInWindow {
	/** Days after the visit when name, phone and e-mail are erased. */
	retentionDays: number;
	/** Close on Russia's public holidays unless an exception opens the day. */
	publicHolidays: boolean;
}

/**
 * The rules an office starts with, and the only source of them: the code always writes every
 * column, so the column defaults in migrations/0005_booking.sql (an applied migration, not to be
 * edited) are never what an office gets.
 */
export const defaultBookingSettings: Readonly<BookingSettings> = {
	bookingShare: 0.5,
	stepMin: 15,
	minLeadMin: 60,
	horizonDays: 14,
	beforeMin: 30,
	afterMin: 15,
	latePolicy: LatePolicy.ordinary,
	retentionDays: 30,
	publicHolidays: true
};

export type CheckInVerdict = { kind: 'on_time' } | { kind: 'too_early'; opensAt: Date } | { kind: 'late_ordinary' } | { kind: 'too_late' };

export function checkInVerdict(startsAt: Date, now: Date, w: CheckInWindow): CheckInVerdict {
	const opensAt = new Date(startsAt.getTime() - w.beforeMin * 60_000);
	const closesAt = windowClosesAt(startsAt, w);
	if (now.getTime() < opensAt.getTime()) return { kind: 'too_early', opensAt };
	if (now.getTime() <= closesAt.getTime()) return { kind: 'on_time' };
	return w.latePolicy === 'ordinary' ? { kind: 'late_ordinary' } : { kind: 'too_late' };
}

/** After this instant a booking never checked in is `missed`. */
export function windowClosesAt(startsAt: Date, w: Pick<CheckInWindow, 'afterMin'>): Date {
	return new Date(startsAt.getTime() + w.afterMin * 60_000);
}
