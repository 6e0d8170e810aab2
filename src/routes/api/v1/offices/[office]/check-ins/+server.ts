import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { TalonError } from '$lib/errors';
import { endpoint, readJson, requestKey, ticketIssuer } from '$lib/server/edge/api';
import { app } from '$lib/server/app';
import { findOffice } from '$lib/server/offices/offices';
import { checkIn } from '$lib/server/queue';
import { actorOf } from '$lib/server/edge/principal';
import { idempotencyKey } from '$lib/schemas/common';
import { toErrorBody } from '$lib/server/edge/errors';

const body = z.object({ code: z.string().min(1).max(200), idempotencyKey: idempotencyKey.optional() });

/**
 * Check-in with a booking code at a kiosk: `POST { code, idempotencyKey? }` with the kiosk's
 * device token (or a staff session) -> 201 `{ ticket, publicCode, ahead, estimatedWaitSec,
 * appointmentAt }`. Refusals: 404 booking_not_found, 409 booking_too_early (with
 * `params.opensAt`), booking_too_late, booking_not_active.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const principal = await ticketIssuer(event);
	const input = body.parse(await readJson(event));
	const key = requestKey(event, input.idempotencyKey);
	const { db, ctx } = await app();
	const office = await findOffice(db.sql, event.params.office);
	try {
		const done = await checkIn(ctx, actorOf(principal)!, { officeId: office.id, code: input.code, idempotencyKey: key ?? null });
		return json(
			{
				ticket: done.ticket,
				publicCode: done.publicCode,
				statusUrl: `${event.url.origin}/t/${done.publicCode}`,
				ahead: done.position.ahead,
				estimatedWaitSec: done.position.estimatedWaitSec,
				appointmentAt: done.appointmentAt,
				duplicate: done.duplicate
			},
			{ status: done.duplicate ? 200 : 201, headers: { 'cache-control': 'no-store' } }
		);
	} catch (e) {
		// "Too early" carries when to come back, for a kiosk that wants to show it its own way.
		if (e instanceof TalonError && e.code === 'booking_too_early') {
			const { status, body } = toErrorBody(e, event.locals.locale);
			return json({ error: { ...body, params: { opensAt: e.params.opensAt } } }, { status, headers: { 'cache-control': 'no-store' } });
		}
		throw e;
	}
});
