import { endpoint } from '$lib/server/api/endpoint';
import { reply } from '$lib/server/api/operation';
import { findOffice } from '$lib/server/offices/offices';
import { requestCode } from '$lib/server/remote/remote';
import { limitCodeByAddress, limitCodeByPhone } from '$lib/server/remote/rate-limit';
import { officePath } from '$lib/schemas/params';
import { remoteCodeBody, remoteCodeSent } from '$lib/schemas/remote';

/** Remote joining, step 1: a 6-digit code by SMS to the visitor's phone. */
export const POST = endpoint(
	{
		id: 'requestRemoteCode',
		summary: 'Send a one-time SMS code for joining the queue from a phone',
		description:
			'202 once the SMS is queued (a new request replaces the previous code: 5 minutes, 3 tries). 400 `invalid_input` (fields.phone) for a number that is not Russian; 400 `remote_not_allowed` when the office has no service open to remote joining; 429 per phone and per client address.',
		tags: ['notices'],
		auth: 'public',
		limit: (event) => limitCodeByAddress(event.getClientAddress()),
		params: officePath,
		body: remoteCodeBody,
		responses: { 202: remoteCodeSent },
		errors: ['office_not_found', 'remote_not_allowed']
	},
	async ({ app, event, params, body }) => {
		const office = await findOffice(app.db.sql, params.office);
		await limitCodeByPhone(office.id, body.phone);
		const { expiresAt } = await requestCode(app.db.sql, office.id, body.phone, event.locals.locale, new Date());
		return reply(202, { expiresAt: expiresAt.toISOString() });
	}
);
