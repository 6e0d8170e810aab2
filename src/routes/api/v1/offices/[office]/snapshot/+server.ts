import type { RequestHandler } from './$types';
import { TalonError } from '$lib/errors';
import { endpoint, principalOf } from '$lib/server/edge/api';
import { app } from '$lib/server/app';
import { findOffice } from '$lib/server/offices/offices';
import { officeSnapshot } from '$lib/server/queue';
import { mayWatchOffice } from '$lib/server/edge/principal';

/** The office's queue as of its last event (devices of the office and its staff). */
export const GET: RequestHandler = endpoint(async (event) => {
	const principal = await principalOf(event);
	const { db } = await app();
	const office = await findOffice(db.sql, event.params.office);
	if (!mayWatchOffice(principal, office.id)) throw new TalonError(principal.kind === 'public' ? 'unauthorized' : 'wrong_office');
	return officeSnapshot(db.sql, office.id);
});
