import { endpoint } from '$lib/server/api/endpoint';
import { reply } from '$lib/server/api/operation';
import { findOffice } from '$lib/server/offices/offices';
import { issueTicket } from '$lib/server/queue';
import { actorOf } from '$lib/server/edge/principal';
import { issuedTicketReply } from '$lib/server/edge/issued-ticket';
import { idempotencyHeaders, issueTicketBody, issuedTicket } from '$lib/schemas/tickets';
import { officePath } from '$lib/schemas/params';

/**
 * Issue a ticket. Kiosks authenticate with their device token (Bearer); staff with their
 * session. The `Idempotency-Key` header (or `idempotencyKey` field) makes a retry safe.
 */
export const POST = endpoint(
	{
		id: 'issueTicket',
		summary: 'Issue a ticket',
		tags: ['tickets'],
		auth: ['kiosk', 'staff'],
		params: officePath,
		headers: idempotencyHeaders,
		body: issueTicketBody,
		responses: {
			201: issuedTicket.describe('Issued'),
			200: issuedTicket.describe('Issued before with this idempotency key: the same ticket')
		},
		errors: ['office_not_found', 'wrong_office', 'service_not_found', 'service_inactive', 'priority_not_allowed', 'idempotency_conflict']
	},
	async ({ app, event, principal, params, headers, body }) => {
		const office = await findOffice(app.db.sql, params.office);
		const issued = await issueTicket(app.ctx, actorOf(principal)!, {
			officeId: office.id,
			serviceId: body.serviceId,
			priorityReason: body.priorityReason ?? null,
			idempotencyKey: headers['idempotency-key'] ?? body.idempotencyKey ?? null,
			source: principal.kind === 'device' ? 'kiosk' : 'api'
		});
		return reply(issued.duplicate ? 200 : 201, issuedTicketReply(issued, event.url.origin));
	}
);
