import { z } from 'zod';
import { BookingState } from '$lib/domain/booking-rules';

/** Shapes the booking endpoints answer with (their inputs are `server/booking/input.ts`). */

export const bookingView = z
	.object({
		code: z.string().describe('The booking code a visitor types at the kiosk'),
		state: z.enum(BookingState),
		officeId: z.int(),
		serviceId: z.int(),
		startsAt: z.iso.datetime(),
		durationMin: z.int(),
		day: z.iso.date().describe("The office's local day of the visit"),
		name: z.string().nullable().describe('Null once erased after the retention period'),
		phone: z.string().nullable(),
		email: z.string().nullable()
	})
	.meta({ id: 'Booking', description: 'A booking as its manage-token holder sees it.' });

export const bookingReply = z.object({ booking: bookingView });

export const createdBooking = z.object({
	booking: bookingView,
	token: z.string().describe('The manage token: shown once, only its hash is kept'),
	manageUrl: z.url().describe('The page to cancel or move the booking'),
	emailed: z.boolean().describe('A confirmation to the e-mail address is queued (the outbox sends it, with retries)')
});

export const freeSlots = z
	.object({
		date: z.iso.date(),
		timeZone: z.string(),
		slots: z.array(
			z.object({
				startsAt: z.iso.datetime(),
				time: z.string().describe('Local wall time `HH:MM`'),
				free: z.int().positive().describe('Places still free')
			})
		)
	})
	.meta({ id: 'FreeSlots', description: 'With `date`: the free start times of that day.' });

export const freeDays = z
	.object({
		timeZone: z.string(),
		first: z.iso.date().describe('The booking horizon: first bookable day'),
		last: z.iso.date(),
		days: z.array(z.object({ day: z.iso.date(), free: z.int().positive() }))
	})
	.meta({ id: 'FreeDays', description: 'Without `date`: the days within the booking horizon that still have free places.' });
