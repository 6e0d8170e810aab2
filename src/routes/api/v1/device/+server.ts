import type { RequestHandler } from './$types';
import { TalonError } from '$lib/errors';
import { endpoint, principalOf } from '$lib/server/edge/api';
import { app } from '$lib/server/app';
import { findOffice } from '$lib/server/offices/offices';

/**
 * "Who am I" for a paired device (Bearer token): its kind, name and office. A kiosk or board
 * checks its stored token with this on start; 401 means unpaired or revoked: show pairing.
 */
export const GET: RequestHandler = endpoint(async (event) => {
	const principal = await principalOf(event);
	if (principal.kind !== 'device') throw new TalonError('unauthorized');
	const { db } = await app();
	const office = await findOffice(db.sql, principal.device.officeId);
	return { device: { id: principal.device.deviceId, kind: principal.device.kind, name: principal.device.name }, office };
});
