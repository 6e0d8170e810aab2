import { z } from 'zod';
import { LatePolicy } from '$lib/domain/booking-rules';

/** An office's booking plan as the administration edits it (issue 11, item 6). Times are `HH:MM` in the office. */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'time' });
export const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
export const toHhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const hours = z
	.object({ open: hhmm, close: hhmm, breakStart: hhmm.nullable().default(null), breakEnd: hhmm.nullable().default(null) })
	.refine((h) => toMin(h.open) < toMin(h.close), { error: 'order', path: ['close'] })
	.refine((h) => (h.breakStart === null) === (h.breakEnd === null), { error: 'break', path: ['breakEnd'] })
	.refine(
		(h) =>
			h.breakStart === null ||
			h.breakEnd === null ||
			(toMin(h.open) <= toMin(h.breakStart) && toMin(h.breakStart) < toMin(h.breakEnd) && toMin(h.breakEnd) <= toMin(h.close)),
		{ error: 'break', path: ['breakStart'] }
	);

export const bookingPlan = z
	.object({
		bookingShare: z.number().min(0).max(1).describe('Share of desk time kept for bookings (0..1)'),
		stepMin: z.int().min(5).max(240).describe('Slots start every so many minutes'),
		minLeadMin: z.int().min(0).max(10080).describe('Book at least so many minutes ahead'),
		horizonDays: z.int().min(1).max(365).describe('Book at most so many days ahead'),
		beforeMin: z.int().min(0).max(240).describe('Check-in opens so many minutes before the slot'),
		afterMin: z.int().min(0).max(240).describe('…and closes so many minutes after its start'),
		latePolicy: z.enum(LatePolicy).describe('A late visitor gets an ordinary ticket, or is refused'),
		retentionDays: z.int().min(1).max(3650).describe("Days after the visit when the citizen's data is erased"),
		publicHolidays: z.boolean().describe("Closed on Russia's public holidays unless an exception opens the day"),
		week: z
			.array(hours.safeExtend({ weekday: z.int().min(1).max(7).describe('1 = Monday … 7 = Sunday') }))
			.max(7)
			.refine((w) => new Set(w.map((d) => d.weekday)).size === w.length, { error: 'weekday' })
			.describe('Working days; a weekday not listed is a day off')
	})
	.meta({ id: 'AdminBookingPlan' });
export type BookingPlanInput = z.output<typeof bookingPlan>;

export const dayException = z
	.discriminatedUnion('kind', [
		z.object({ day: z.iso.date(), kind: z.literal('closed'), note: z.string().trim().max(200).default('') }),
		hours.safeExtend({ day: z.iso.date(), kind: z.literal('open'), note: z.string().trim().max(200).default('') })
	])
	.meta({ id: 'AdminDayException', description: 'A holiday (`closed`), or a shortened or extra working day (`open` with hours)' });
export type DayExceptionInput = z.output<typeof dayException>;

export const dayExceptionView = z
	.object({
		day: z.iso.date(),
		kind: z.enum(['closed', 'open']),
		open: z.string().nullable(),
		close: z.string().nullable(),
		breakStart: z.string().nullable(),
		breakEnd: z.string().nullable(),
		note: z.string()
	})
	.meta({ id: 'AdminDayExceptionView' });
export type DayExceptionView = z.output<typeof dayExceptionView>;

/** The next days' free places per bookable service if a plan were saved (the plan page's preview). */
export interface PlanPreview {
	/** Local days `YYYY-MM-DD`, today first. */
	days: string[];
	services: {
		id: number;
		nameRu: string;
		nameEn: string;
		deskCount: number;
		days: { day: string; free: number; firstTime: string | null }[];
	}[];
}
