import { endpoint } from '$lib/server/api/endpoint';
import { reply } from '$lib/server/api/operation';
import { findOffice } from '$lib/server/offices/offices';
import { checkIn } from '$lib/server/queue';
import { actorOf } from '$lib/server/edge/principal';
import { issuedTicketReply } from '$lib/server/edge/issued-ticket';
import { checkInBody, idempotencyHeaders, issuedTicket } from '$lib/schemas/tickets';
import { officePath } from '$lib/schemas/params';

/** Check-in at a kiosk: a booking code (the booking becomes an appointment ticket) or a phone ticket's check-in code. */
export const POST = endpoint(
	{
		id: 'checkIn',
		summary: 'Check in with a booking code (the booking becomes a ticket) or a phone ticket’s check-in code',
		description:
			'An appointment ticket (served first once its time has come), or an ordinary one for a late visitor where the office allows it (`appointmentAt` null). `booking_too_early` carries `error.params.opensAt`. The check-in code of a ticket taken from a phone (`/q/{office}`, shown as a QR on its `/t/{publicCode}` page) checks that ticket in: it keeps its number and place and may now be called (`ticket.checked_in` goes to the office); a repeat answers 200 with the same ticket.',
		tags: ['tickets', 'booking'],
		auth: ['kiosk', 'staff'],
		params: officePath,
		headers: idempotencyHeaders,
		body: checkInBody,
		responses: {
			201: issuedTicket.describe('Checked in'),
			200: issuedTicket.describe('Checked in before with this idempotency key: the same ticket')
		},
		errors: [
			'office_not_found',
			'wrong_office',
			'booking_not_found',
			'booking_too_early',
			'booking_too_late',
			'booking_not_active',
			'service_not_found',
			'service_inactive'
		]
	},
	async ({ app, event, principal, params, headers, body }) => {
		const office = await findOffice(app.db.sql, params.office);
		const done = await checkIn(app.ctx, actorOf(principal)!, {
			officeId: office.id,
			code: body.code,
			idempotencyKey: headers['idempotency-key'] ?? body.idempotencyKey ?? null
		});
		return reply(done.duplicate ? 200 : 201, issuedTicketReply(done, event.url.origin));
	}
);
