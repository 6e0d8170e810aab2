import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { ticketStatus } from '$lib/server/queue';
import { publicCode } from '$lib/schemas/common';
import { ticketStatus as statusSchema } from '$lib/schemas/tickets';

/** A ticket's status by its public code: anyone holding the code (the QR on the ticket) may read it. */
export const GET = endpoint(
	{
		id: 'ticketStatus',
		summary: 'A ticket’s status by its public code',
		tags: ['tickets'],
		auth: 'public',
		params: z.object({ code: publicCode.describe('The public code from the issued ticket (its QR)') }),
		responses: { 200: statusSchema },
		errors: ['ticket_not_found']
	},
	async ({ app, params }) => ticketStatus(app.db.sql, params.code)
);
