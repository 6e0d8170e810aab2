import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { reply } from '$lib/server/api/operation';
import { createAlert } from '$lib/server/notices/alerts';
import { limitAlerts } from '$lib/server/notices/rate-limit';
import { publicCode } from '$lib/schemas/common';
import { alertView, newAlertBody } from '$lib/schemas/notices';

/**
 * "Tell me when I am near": an SMS, e-mail or push notice when the ticket has `ahead` or fewer
 * visitors before it, and another when it is called. Anyone holding the ticket's code may set it.
 */
export const POST = endpoint(
	{
		id: 'createTicketAlert',
		summary: 'Ask to be told when the turn nears and when called',
		description:
			'201 with the alert (the contact masked). 400 `invalid_input` for a phone that is not a Russian number or a bad e-mail address; 409 `alert_exists` for a second alert on the same channel (delete it first); 409 `ticket_state_conflict` once the ticket is served or closed.',
		tags: ['tickets', 'notices'],
		auth: 'public',
		limit: (event) => limitAlerts(event.getClientAddress(), event.params.code ?? ''),
		params: z.object({ code: publicCode.describe('The public code from the issued ticket (its QR)') }),
		body: newAlertBody,
		responses: { 201: alertView },
		errors: ['ticket_not_found', 'ticket_state_conflict', 'alert_exists']
	},
	async ({ app, event, params, body }) => reply(201, await createAlert(app.db.sql, params.code, body, event.locals.locale, new Date()))
);
