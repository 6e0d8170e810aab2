import { z } from 'zod';
import type { RequestHandler } from './$types';
import { endpoint, readJson, requestKey, ticketIssuer } from '$lib/server/edge/api';
import { app } from '$lib/server/app';
import { findOffice } from '$lib/server/offices/offices';
import { issueTicket } from '$lib/server/queue';
import { actorOf } from '$lib/server/edge/principal';
import { id, idempotencyKey, priorityReason } from '$lib/schemas/common';

const body = z.object({
	serviceId: id,
	priorityReason: priorityReason.nullish(),
	idempotencyKey: idempotencyKey.optional()
});

/**
 * Issue a ticket. Kiosks authenticate with their device token (Bearer); staff with their
 * session. The `Idempotency-Key` header (or `idempotencyKey` field) makes a retry safe.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const principal = await ticketIssuer(event);
	const input = body.parse(await readJson(event));
	const key = requestKey(event, input.idempotencyKey);
	const { db, ctx } = await app();
	const office = await findOffice(db.sql, event.params.office);
	const issued = await issueTicket(ctx, actorOf(principal)!, {
		officeId: office.id,
		serviceId: input.serviceId,
		priorityReason: input.priorityReason ?? null,
		idempotencyKey: key ?? null,
		source: principal.kind === 'device' ? 'kiosk' : 'api'
	});
	return Response.json(
		{
			ticket: issued.ticket,
			publicCode: issued.publicCode,
			statusUrl: `${event.url.origin}/t/${issued.publicCode}`,
			ahead: issued.position.ahead,
			estimatedWaitSec: issued.position.estimatedWaitSec,
			duplicate: issued.duplicate
		},
		{ status: issued.duplicate ? 200 : 201, headers: { 'cache-control': 'no-store' } }
	);
});
