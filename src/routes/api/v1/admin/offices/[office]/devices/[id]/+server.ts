import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { adminScope } from '$lib/server/admin/scope';
import { renameOfficeDevice, revokeOfficeDevice } from '$lib/server/admin/devices';
import { devicePatch, deviceView } from '$lib/schemas/admin-devices';
import { idParam } from '$lib/schemas/common';
import { officeKey } from '$lib/schemas/params';

const path = z.object({ office: officeKey, id: idParam.describe('Device id') });

export const PATCH = endpoint(
	{
		id: 'adminRenameDevice',
		summary: 'Rename a kiosk or a board',
		tags: ['admin'],
		auth: ['staff'],
		params: path,
		body: devicePatch,
		responses: { 200: z.object({ device: deviceView }) },
		errors: ['office_not_found', 'device_not_found']
	},
	async ({ app, principal, params, body }) => ({
		device: await renameOfficeDevice(app.db.sql, adminScope(principal.staff), params.office, params.id, body.name)
	})
);

/** Revoke: its token stops working and an open kiosk or board returns to its pairing screen at once. */
export const DELETE = endpoint(
	{
		id: 'adminRevokeDevice',
		summary: 'Revoke a kiosk or a board',
		tags: ['admin'],
		auth: ['staff'],
		params: path,
		responses: { 200: z.object({ device: deviceView }) },
		errors: ['office_not_found', 'device_not_found']
	},
	async ({ app, principal, params }) => ({
		device: await revokeOfficeDevice(app.db.sql, adminScope(principal.staff), params.office, params.id, app.sockets)
	})
);
