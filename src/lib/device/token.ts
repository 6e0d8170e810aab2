import type { DeviceKind } from '$lib/domain/states';
import type { z } from 'zod';
import type { deviceIdentity } from '$lib/schemas/devices';

/**
 * A kiosk's or board's device token lives in the browser's localStorage (the device is paired
 * once by an admin typing or scanning the token). Browser-only module.
 */
const key = (kind: DeviceKind) => `talon.device.${kind}.token`;

export function storedToken(kind: DeviceKind): string | null {
	try {
		return localStorage.getItem(key(kind));
	} catch {
		return null;
	}
}

export function storeToken(kind: DeviceKind, token: string): void {
	localStorage.setItem(key(kind), token.trim().toLowerCase());
}

export function forgetToken(kind: DeviceKind): void {
	localStorage.removeItem(key(kind));
}

/** The answer of `GET /api/v1/device` (its schema is the API's). */
export type DeviceIdentity = z.output<typeof deviceIdentity>;

/** `null` when the server does not know the token (unpaired or revoked); throws when offline. */
export async function whoAmI(token: string): Promise<DeviceIdentity | null> {
	const res = await fetch('/api/v1/device', { headers: { authorization: `Bearer ${token}` } });
	if (res.status === 401) return null;
	if (!res.ok) throw new Error(`device check failed: ${res.status}`);
	return res.json();
}
