import type { RequestHandler } from './$types';
import { TalonError } from '$lib/errors';
import { endpoint } from '$lib/server/api';

/**
 * Check-in with a booking code at a kiosk: `POST { code, idempotencyKey? }` with the kiosk's
 * device token -> 201 like ticket issuance, plus `appointmentAt`. Online booking is a separate
 * issue; until it lands this answers 503 `unavailable`, which the kiosk explains to the visitor.
 */
export const POST: RequestHandler = endpoint(async () => {
	throw new TalonError('unavailable');
});
