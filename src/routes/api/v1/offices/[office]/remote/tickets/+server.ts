import { endpoint } from '$lib/server/api/endpoint';
import { reply } from '$lib/server/api/operation';
import { findOffice } from '$lib/server/offices/offices';
import { joinRemotely } from '$lib/server/remote/remote';
import { limitJoinByAddress } from '$lib/server/remote/rate-limit';
import { issuedTicketReply } from '$lib/server/edge/issued-ticket';
import { officePath } from '$lib/schemas/params';
import { remoteTicket, remoteTicketBody } from '$lib/schemas/remote';

/** Remote joining, step 2: the SMS code buys a ticket for a remote-allowed service. */
export const POST = endpoint(
	{
		id: 'joinQueueRemotely',
		summary: 'Take a ticket from a phone with the SMS code',
		description:
			'201 with the ticket, its status page link and the check-in code to type at the kiosk on arrival (until then the ticket keeps its place but is not called, unless the office calls remote tickets before arrival). The phone gets the ticket’s SMS notices ("3 ahead", the call). 400 `code_invalid` (wrong, expired or 3 tries spent), 400 `remote_not_allowed`, 409 `remote_ticket_exists` (one active remote ticket per phone and office).',
		tags: ['notices', 'tickets'],
		auth: 'public',
		limit: (event) => limitJoinByAddress(event.getClientAddress()),
		params: officePath,
		body: remoteTicketBody,
		responses: { 201: remoteTicket },
		errors: ['office_not_found', 'service_not_found', 'service_inactive', 'remote_not_allowed', 'code_invalid', 'remote_ticket_exists']
	},
	async ({ app, event, params, body }) => {
		const office = await findOffice(app.db.sql, params.office);
		const joined = await joinRemotely(app.ctx, office.id, { ...body, locale: event.locals.locale }, new Date());
		return reply(201, { ...issuedTicketReply(joined, event.url.origin), checkinCode: joined.checkinCode });
	}
);
