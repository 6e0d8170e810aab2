import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { reply } from '$lib/server/api/operation';
import { adminScope } from '$lib/server/admin/scope';
import { addOfficeDevice, listOfficeDevices } from '$lib/server/admin/devices';
import { deviceCreate, devicePairing, deviceView } from '$lib/schemas/admin-devices';
import { officePath } from '$lib/schemas/params';

export const GET = endpoint(
	{
		id: 'adminListDevices',
		summary: "An office's kiosks and boards: last seen, online now, the kiosk's printer",
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		responses: { 200: z.object({ devices: z.array(deviceView) }) },
		errors: ['office_not_found']
	},
	async ({ app, principal, params }) => ({
		devices: await listOfficeDevices(app.db.sql, adminScope(principal.staff), params.office, app.sockets)
	})
);

/** A new kiosk or board; the answer carries its token and pairing link this once. */
export const POST = endpoint(
	{
		id: 'adminAddDevice',
		summary: 'Add a kiosk or a board (token shown once)',
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		body: deviceCreate,
		responses: { 201: devicePairing },
		errors: ['office_not_found']
	},
	async ({ app, principal, params, body, event }) => {
		const made = await addOfficeDevice(app.db.sql, adminScope(principal.staff), params.office, body);
		return reply(201, { device: made.device, token: made.token, pairUrl: event.url.origin + made.pairPath });
	}
);
