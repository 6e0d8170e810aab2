import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { bookingByToken, cancelBooking, moveBooking } from '$lib/server/booking/bookings';
import { moveBody } from '$lib/server/booking/input';
import { limitBooking } from '$lib/server/booking/rate-limit';
import { bookingView } from '$lib/server/booking/view';
import { bookingReply } from '$lib/schemas/booking';

const reads = (event: RequestEvent) => limitBooking(event.getClientAddress(), 'read');
const writes = (event: RequestEvent) => limitBooking(event.getClientAddress(), 'write');
const params = z.object({ token: z.string().describe('The manage token given when the booking was made') });

/** Read a booking by its manage token. */
export const GET = endpoint(
	{
		id: 'getBooking',
		summary: 'Read a booking',
		tags: ['booking'],
		auth: 'public',
		limit: reads,
		params,
		responses: { 200: bookingReply },
		errors: ['booking_not_found']
	},
	async ({ app, params }) => ({ booking: bookingView(await bookingByToken(app.db.sql, params.token)) })
);

/** Cancel: the place is free for others at once. */
export const DELETE = endpoint(
	{
		id: 'cancelBooking',
		summary: 'Cancel a booking (its place is free at once)',
		tags: ['booking'],
		auth: 'public',
		limit: writes,
		params,
		responses: { 200: bookingReply },
		errors: ['booking_not_found', 'booking_not_active']
	},
	async ({ app, params }) => ({ booking: bookingView(await cancelBooking(app.db.sql, params.token, new Date())) })
);

/** Move: atomic — on `slot_taken` the booking keeps its old time. */
export const PATCH = endpoint(
	{
		id: 'moveBooking',
		summary: 'Move a booking to another start time',
		description: 'All or nothing: on a refusal the booking keeps its time.',
		tags: ['booking'],
		auth: 'public',
		limit: writes,
		params,
		body: moveBody,
		responses: { 200: bookingReply },
		errors: [
			'booking_not_found',
			'booking_not_active',
			'service_not_found',
			'service_inactive',
			'booking_closed',
			'slot_unavailable',
			'slot_taken',
			'booking_limit'
		]
	},
	async ({ app, params, body }) => ({ booking: bookingView(await moveBooking(app.db.sql, params.token, body.startsAt, new Date())) })
);
