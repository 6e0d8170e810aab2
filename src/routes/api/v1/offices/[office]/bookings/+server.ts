import type { RequestHandler } from './$types';
import { endpoint, readJson } from '$lib/server/edge/api';
import { app } from '$lib/server/app';
import { findOffice } from '$lib/server/offices/offices';
import { bookingDetails, createBooking } from '$lib/server/booking/bookings';
import { newBookingBody } from '$lib/server/booking/input';
import { limitBooking } from '$lib/server/booking/rate-limit';
import { mailConfirmation, manageUrl } from '$lib/server/booking/confirm';
import { bookingView } from '$lib/server/booking/view';

/**
 * Book a slot: `{ serviceId, startsAt, name, phone, email?, consent: true }` -> 201 with the
 * booking, its code and the manage token (shown once). 409 `slot_taken` when the last place went
 * to someone else a moment earlier: ask `GET .../slots` again.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	await limitBooking(event.getClientAddress(), 'write');
	const input = newBookingBody.parse(await readJson(event));
	const { db } = await app();
	const office = await findOffice(db.sql, event.params.office);
	const { booking, token } = await createBooking(db.sql, { ...input, officeId: office.id, source: 'api' }, new Date());
	const emailed = await mailConfirmation(await bookingDetails(db.sql, booking), event.locals.locale, event.url.origin, token);
	return Response.json(
		{ booking: bookingView(booking), token, manageUrl: manageUrl(event.url.origin, token), emailed },
		{ status: 201, headers: { 'cache-control': 'no-store' } }
	);
});
