import { endpoint } from '$lib/server/api/endpoint';
import { findOffice } from '$lib/server/offices/offices';
import { deviceIdentity } from '$lib/schemas/devices';

/**
 * "Who am I" for a paired device (Bearer token): its kind, name and office. A kiosk or board
 * checks its stored token with this on start; 401 means unpaired or revoked: show pairing.
 */
export const GET = endpoint(
	{
		id: 'whoAmI',
		summary: 'The calling device: its kind, name and office',
		description: 'A kiosk or board checks its stored token with this on start: 401 means unpaired or revoked.',
		tags: ['devices'],
		auth: ['device'],
		responses: { 200: deviceIdentity },
		errors: ['office_not_found']
	},
	async ({ app, principal }) => ({
		device: { id: principal.device.deviceId, kind: principal.device.kind, name: principal.device.name },
		office: await findOffice(app.db.sql, principal.device.officeId)
	})
);
