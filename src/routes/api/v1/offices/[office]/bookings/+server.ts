import { endpoint } from '$lib/server/api/endpoint';
import { reply } from '$lib/server/api/operation';
import { findOffice } from '$lib/server/offices/offices';
import { createBooking } from '$lib/server/booking/bookings';
import { newBookingBody } from '$lib/server/booking/input';
import { limitBooking } from '$lib/server/booking/rate-limit';
import { manageUrl } from '$lib/server/booking/confirm';
import { bookingView } from '$lib/server/booking/view';
import { createdBooking } from '$lib/schemas/booking';
import { officePath } from '$lib/schemas/params';

const body = newBookingBody.extend({
	name: newBookingBody.shape.name.describe("The visitor's name as they will give it at the desk"),
	phone: newBookingBody.shape.phone.describe('A Russian number: +7 and 10 digits (8… and spaces, dashes, brackets accepted)'),
	email: newBookingBody.shape.email.describe('Optional: the confirmation with a calendar file goes there'),
	consent: newBookingBody.shape.consent.describe('Consent to the processing of personal data')
});

/**
 * Book a slot -> 201 with the booking, its code and the manage token (shown once). 409
 * `slot_taken` when the last place went to someone else a moment earlier: ask `GET .../slots` again.
 */
export const POST = endpoint(
	{
		id: 'createBooking',
		summary: 'Book a slot',
		description:
			'409 `slot_taken` when its last place just went to someone else (ask for the slots again), `booking_limit` for a second booking of one phone, service and day.',
		tags: ['booking'],
		auth: 'public',
		limit: (event) => limitBooking(event.getClientAddress(), 'write'),
		params: officePath,
		body,
		responses: { 201: createdBooking.describe('Booked: the token is shown once') },
		errors: [
			'office_not_found',
			'service_not_found',
			'service_inactive',
			'booking_closed',
			'slot_unavailable',
			'slot_taken',
			'booking_limit'
		]
	},
	async ({ app, event, params, body }) => {
		const office = await findOffice(app.db.sql, params.office);
		const { booking, token } = await createBooking(
			app.db.sql,
			{ ...body, officeId: office.id, source: 'api', notify: { locale: event.locals.locale, origin: event.url.origin } },
			new Date()
		);
		// The confirmation is in the outbox (committed with the booking); the sender delivers it.
		return reply(201, {
			booking: bookingView(booking),
			token,
			manageUrl: manageUrl(event.url.origin, token),
			emailed: booking.email !== null
		});
	}
);
