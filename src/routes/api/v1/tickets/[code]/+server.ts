import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/edge/api';
import { app } from '$lib/server/app';
import { ticketStatus } from '$lib/server/queue';
import { publicCode } from '$lib/schemas/common';

/** A ticket's status by its public code: anyone holding the code (the QR on the ticket) may read it. */
export const GET: RequestHandler = endpoint(async ({ params }) => {
	const { db } = await app();
	return ticketStatus(db.sql, publicCode.parse(params.code));
});
