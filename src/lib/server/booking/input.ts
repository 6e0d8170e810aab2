import { z } from 'zod';
import { normalizePhone } from '$lib/domain/booking-rules';
import { isDay } from '$lib/domain/slots';
import { idParam } from '$lib/schemas/common';

/**
 * Validation of what citizens (and staff on the phone) send, one place for the API and the
 * form actions. Messages are codes; the pages translate them (i18n/booking.ts).
 */
export const dayParam = z.string().refine(isDay, 'day');
export const startsAtParam = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const citizenInput = z.object({
	name: z.string().trim().min(2, 'name').max(100, 'name'),
	phone: z.string().transform((s, ctx) => {
		const p = normalizePhone(s);
		if (!p) ctx.addIssue({ code: 'custom', message: 'phone' });
		return p ?? '';
	}),
	email: z
		.string()
		.trim()
		.max(200, 'email')
		.transform((s) => (s === '' ? null : s))
		.pipe(z.email('email').nullable())
		.nullish()
		.transform((s) => s ?? null)
});

export const newBookingBody = citizenInput.extend({
	serviceId: idParam,
	startsAt: startsAtParam,
	consent: z.literal(true, 'consent')
});

export const moveBody = z.object({ startsAt: startsAtParam });
