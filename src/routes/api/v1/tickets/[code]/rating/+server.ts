import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { reply } from '$lib/server/api/operation';
import { rateByCode } from '$lib/server/ratings/ratings';
import { publicCode } from '$lib/schemas/common';
import { rating, ratingBody } from '$lib/schemas/ratings';

/** A visitor rates their finished visit, by the ticket's public code: once, within 24 hours. */
export const POST = endpoint(
	{
		id: 'rateTicket',
		summary: 'Rate a finished visit (once, within 24 hours of its end)',
		description:
			'Anyone holding the public code (the QR on the ticket) may rate the visit once it is finished: 201 the first time, ' +
			'409 `already_rated` after, 400 `ticket_not_finished` before the finish and `rating_closed` 24 hours after it. ' +
			'The rating belongs to the ticket, its service, desk and operator; it is never edited.',
		tags: ['tickets'],
		auth: 'public',
		params: z.object({ code: publicCode.describe('The public code from the issued ticket (its QR)') }),
		body: ratingBody,
		responses: { 201: rating },
		errors: ['ticket_not_found', 'ticket_not_finished', 'rating_closed', 'already_rated']
	},
	async ({ app, params, body }) => reply(201, await rateByCode(app.db.sql, params.code, body))
);
