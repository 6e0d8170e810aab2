import { error, fail, redirect } from '@sveltejs/kit';
import { ZodError } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { isTalonError } from '$lib/errors';
import { errorMessage } from '$lib/i18n/errors';
import { app } from '$lib/server/app';
import { findOffice } from '$lib/server/offices/offices';
import { bookingDetails, createBooking } from '$lib/server/booking/bookings';
import { formValues, loadFlow } from '$lib/server/booking/flow';
import { newBookingBody } from '$lib/server/booking/input';
import { limitBooking } from '$lib/server/booking/rate-limit';
import { mailConfirmation } from '$lib/server/booking/confirm';
import { freeSlots } from '$lib/server/booking/slots';
import { localDayOf } from '$lib/domain/slots';

export const load = (async ({ params, url, locals }) => {
	const { db } = await app();
	try {
		return { flow: await loadFlow(db.sql, { office: params.office, url, now: new Date() }) };
	} catch (e) {
		// An office that does not exist is the visitor's typo, not our failure.
		if (isTalonError(e)) error(e.status, errorMessage(locals.locale, e.code, e.params));
		throw e;
	}
}) satisfies PageServerLoad;

export const actions = {
	book: async (event) => {
		const form = await event.request.formData();
		const values = formValues(form);
		const locale = event.locals.locale;
		const { db } = await app();
		try {
			await limitBooking(event.getClientAddress(), 'write');
			const input = newBookingBody.parse({ ...values, consent: values.consent === 'on' ? true : undefined, email: values.email });
			const office = await findOffice(db.sql, event.params.office);
			const { booking, token } = await createBooking(db.sql, { ...input, officeId: office.id, source: 'online' }, new Date());
			const sent = await mailConfirmation(await bookingDetails(db.sql, booking), locale, event.url.origin, token);
			redirect(303, `/book/manage/${token}?new=1${sent ? '&sent=1' : ''}`);
		} catch (e) {
			if (e instanceof ZodError) {
				const fields: Record<string, string> = {};
				for (const issue of e.issues) fields[String(issue.path[0] ?? '_')] ??= issue.message;
				return fail(400, { values, fields });
			}
			if (isTalonError(e)) {
				// The time went to someone else: show what is free on that day right now.
				let fresh = null;
				if (e.code === 'slot_taken' || e.code === 'slot_unavailable') {
					const office = await findOffice(db.sql, event.params.office);
					const day = localDayOf(new Date(values.startsAt!), office.timeZone);
					fresh = await freeSlots(db.sql, { officeId: office.id, serviceId: Number(values.serviceId), day, now: new Date() }).catch(() => []);
				}
				return fail(e.status, { values, code: e.code, message: errorMessage(locale, e.code, e.params), fresh });
			}
			throw e;
		}
	}
} satisfies Actions;
