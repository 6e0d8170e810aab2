import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { adminScope } from '$lib/server/admin/scope';
import { addOfficeDevice, listOfficeDevices, pairingQr, renameOfficeDevice, revokeOfficeDevice } from '$lib/server/admin/devices';
import { formAction } from '$lib/server/edge/form';
import { pageLoad } from '$lib/server/edge/page';
import { deviceCreate, devicePatch } from '$lib/schemas/admin-devices';
import { idParam } from '$lib/schemas/common';

/** An office's kiosks and boards: add (token, link and QR shown once), rename, revoke. */
export const load = pageLoad(async ({ locals, url, params }) => {
	const scope = adminScope(requireStaff(locals, url, { roles: ['admin', 'supervisor'] }));
	const a = await app();
	return { devices: await listOfficeDevices(a.db.sql, scope, params.office, a.sockets) };
}) satisfies PageServerLoad;

const roles = { staff: ['admin', 'supervisor'] } as const;

export const actions = {
	add: formAction(
		deviceCreate,
		async ({ input, staff, event }) => {
			const made = await addOfficeDevice((await app()).db.sql, adminScope(staff), event.params.office, input);
			const pairUrl = event.url.origin + made.pairPath;
			return { added: { name: made.device.name, token: made.token, pairUrl, qr: await pairingQr(pairUrl) } };
		},
		roles
	),
	rename: formAction(
		devicePatch.extend({ id: idParam }),
		async ({ input, staff, event }) => {
			await renameOfficeDevice((await app()).db.sql, adminScope(staff), event.params.office, input.id, input.name);
			return { renamed: input.id };
		},
		roles
	),
	revoke: formAction(
		z.object({ id: idParam }),
		async ({ input, staff, event }) => {
			const a = await app();
			await revokeOfficeDevice(a.db.sql, adminScope(staff), event.params.office, input.id, a.sockets);
			return { revoked: input.id };
		},
		roles
	)
} satisfies Actions;
