import type { RequestHandler } from './$types';
import { endpoint, readJson } from '$lib/server/edge/api';
import { app } from '$lib/server/app';
import { bookingByToken, cancelBooking, moveBooking } from '$lib/server/booking/bookings';
import { moveBody } from '$lib/server/booking/input';
import { limitBooking } from '$lib/server/booking/rate-limit';
import { bookingView } from '$lib/server/booking/view';

/** Read a booking by its manage token. */
export const GET: RequestHandler = endpoint(async (event) => {
	await limitBooking(event.getClientAddress(), 'read');
	const { db } = await app();
	return { booking: bookingView(await bookingByToken(db.sql, event.params.token)) };
});

/** Cancel: the place is free for others at once. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	await limitBooking(event.getClientAddress(), 'write');
	const { db } = await app();
	return { booking: bookingView(await cancelBooking(db.sql, event.params.token, new Date())) };
});

/** Move: `{ startsAt }`; atomic — on `slot_taken` the booking keeps its old time. */
export const PATCH: RequestHandler = endpoint(async (event) => {
	await limitBooking(event.getClientAddress(), 'write');
	const { startsAt } = moveBody.parse(await readJson(event));
	const { db } = await app();
	return { booking: bookingView(await moveBooking(db.sql, event.params.token, startsAt, new Date())) };
});
