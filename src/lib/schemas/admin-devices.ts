import { z } from 'zod';
import { DeviceKind } from '$lib/domain/states';
import { printerStates } from '$lib/kiosk/types';

/** Kiosks and boards as the administration sees them (issue 11, item 5). */
const name = z.string().trim().min(1).max(100).describe('What staff call it: «Киоск у входа», «Табло в зале»');

export const deviceCreate = z.object({ kind: z.enum(DeviceKind), name }).meta({ id: 'AdminDeviceCreate' });
export const devicePatch = z.object({ name }).meta({ id: 'AdminDevicePatch' });
export type DeviceCreate = z.output<typeof deviceCreate>;

export const deviceView = z
	.object({
		id: z.int(),
		officeId: z.int(),
		kind: z.enum(DeviceKind),
		name: z.string(),
		createdAt: z.iso.datetime(),
		lastSeenAt: z.iso.datetime().nullable().describe('Its last sign of life: a connection or an API call with its token'),
		revokedAt: z.iso.datetime().nullable(),
		online: z.boolean().describe('Has an open connection now'),
		printer: z
			.enum(printerStates)
			.nullable()
			.describe("A kiosk's printer as its agent reports it (`no_agent`: no agent connected); null for a board")
	})
	.meta({ id: 'AdminDevice', description: 'A kiosk or a board; never its token.' });
export type DeviceView = z.output<typeof deviceView>;

export const devicePairing = z
	.object({
		device: deviceView,
		token: z.string().describe('The device token, shown this once'),
		pairUrl: z.string().describe('Open this on the device (or scan its QR code) to pair it')
	})
	.meta({ id: 'AdminDevicePairing' });

/** Where a device pairs with its token: the kiosk reads `?pair=`, the board `#token=` (never sent to a server log). */
export function pairingPath(kind: z.output<typeof deviceCreate>['kind'], token: string): string {
	return kind === 'kiosk' ? `/kiosk?pair=${token}` : `/display#token=${token}`;
}
