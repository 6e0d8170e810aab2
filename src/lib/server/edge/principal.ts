import type { Sql } from '$lib/server/db/connect';
import type { Actor } from '$lib/server/queue';
import { authenticateDevice, type DevicePrincipal } from '$lib/server/auth/devices';
import { SESSION_COOKIE, validateSession, type StaffPrincipal } from '$lib/server/auth/sessions';

/** Who is on the other end of a request or a socket: staff (session), a device (token), or anyone. */
export type Principal = { kind: 'staff'; staff: StaffPrincipal } | { kind: 'device'; device: DevicePrincipal } | { kind: 'public' };

export function cookieValue(header: string | undefined, name: string): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const [k, ...v] = part.trim().split('=');
		if (k === name) return decodeURIComponent(v.join('='));
	}
	return null;
}

/** A device token (`Authorization: Bearer`, or `auth.deviceToken` on a socket) wins over a session cookie. */
export async function resolvePrincipal(sql: Sql, input: { deviceToken?: string | null; cookieHeader?: string }): Promise<Principal | null> {
	if (input.deviceToken) {
		const device = await authenticateDevice(sql, input.deviceToken);
		return device ? { kind: 'device', device } : null;
	}
	const session = cookieValue(input.cookieHeader, SESSION_COOKIE);
	if (session) {
		const staff = await validateSession(sql, session);
		return staff ? { kind: 'staff', staff } : { kind: 'public' };
	}
	return { kind: 'public' };
}

export function actorOf(p: Principal): Actor | null {
	if (p.kind === 'staff') return { kind: 'staff', staffId: p.staff.staffId, officeIds: p.staff.officeIds };
	if (p.kind === 'device') return { kind: 'device', deviceId: p.device.deviceId, officeId: p.device.officeId };
	return null;
}

export function mayWatchOffice(p: Principal, officeId: number): boolean {
	// Admins administer every office, so they may follow any office's queue (the live dashboard, issue 12).
	if (p.kind === 'staff') return p.staff.roles.includes('admin') || p.staff.officeIds.includes(officeId);
	if (p.kind === 'device') return p.device.officeId === officeId;
	return false;
}
