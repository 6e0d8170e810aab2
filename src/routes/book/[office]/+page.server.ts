import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { findOffice } from '$lib/server/offices/offices';
import { bookAndConfirm, loadFlow, otherFreeSlots } from '$lib/server/booking/flow';
import { newBookingBody } from '$lib/server/booking/input';
import { limitBooking } from '$lib/server/booking/rate-limit';
import { formAction } from '$lib/server/edge/form';
import { pageLoad } from '$lib/server/edge/page';
import { bookingMessages } from '$lib/i18n/booking';

export const load = pageLoad(async ({ params, url }) => {
	const { db } = await app();
	return { flow: await loadFlow(db.sql, { office: params.office, url, now: new Date() }) };
}) satisfies PageServerLoad;

export const actions = {
	book: formAction(
		newBookingBody,
		async ({ input, event, locale }) => {
			const { db } = await app();
			const office = await findOffice(db.sql, event.params.office);
			const { token, sent } = await bookAndConfirm(
				db.sql,
				{ ...input, officeId: office.id, source: 'online' },
				{ locale, origin: event.url.origin }
			);
			redirect(303, `/book/manage/${token}?new=1${sent ? '&sent=1' : ''}`);
		},
		{
			before: (event) => limitBooking(event.getClientAddress(), 'write'),
			messages: (locale) => bookingMessages(locale).fieldErrors,
			// The time went to someone else: show what is free on that day right now.
			refused: async (e, { input, event }) => ({
				fresh: await otherFreeSlots((await app()).db.sql, e, { office: event.params.office, ...input })
			})
		}
	)
} satisfies Actions;
