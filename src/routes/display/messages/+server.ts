import type { RequestHandler } from './$types';
import { TalonError } from '$lib/errors';
import { jsonEndpoint, principalOf } from '$lib/server/api/endpoint';
import { app } from '$lib/server/app';
import { boardMessages } from '$lib/server/display/messages';

/** The running line of the calling board's office (display device token as Bearer). */
export const GET: RequestHandler = jsonEndpoint(async (event) => {
	const principal = await principalOf(event);
	if (principal.kind !== 'device' || principal.device.kind !== 'display') throw new TalonError('unauthorized');
	const { db } = await app();
	return { messages: await boardMessages(db.sql, principal.device.officeId) };
});
