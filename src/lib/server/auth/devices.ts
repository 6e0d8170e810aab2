import type { Sql } from '$lib/server/db/connect';
import type { DeviceKind } from '$lib/domain/states';
import { TalonError } from '$lib/errors';
import { generateToken, hashToken } from './tokens';

/** A kiosk or a board, paired to one office by a token an admin created. */
export interface DevicePrincipal {
	deviceId: number;
	officeId: number;
	kind: DeviceKind;
	name: string;
}

export interface DeviceRow {
	id: number;
	officeId: number;
	officeSlug: string;
	kind: DeviceKind;
	name: string;
	createdAt: Date;
	lastSeenAt: Date | null;
	revokedAt: Date | null;
}

/** Creates a device and returns its token: shown once, only the hash is kept. */
export async function addDevice(
	sql: Sql,
	input: { officeId: number; kind: DeviceKind; name: string }
): Promise<{ id: number; token: string }> {
	const token = generateToken();
	const [row] = await sql<{ id: number }[]>`
		insert into devices (office_id, kind, name, token_hash) values (${input.officeId}, ${input.kind}, ${input.name}, ${hashToken(token)})
		returning id`;
	return { id: row!.id, token };
}

export async function revokeDevice(sql: Sql, deviceId: number): Promise<void> {
	const [row] = await sql`update devices set revoked_at = coalesce(revoked_at, now()) where id = ${deviceId} returning id`;
	if (!row) throw new TalonError('not_found');
}

export async function listDevices(sql: Sql, officeId?: number): Promise<DeviceRow[]> {
	return [
		...(await sql<DeviceRow[]>`
			select d.id, d.office_id, o.slug as office_slug, d.kind, d.name, d.created_at, d.last_seen_at, d.revoked_at
			from devices d join offices o on o.id = d.office_id
			${officeId ? sql`where d.office_id = ${officeId}` : sql``}
			order by d.id`)
	];
}

export async function authenticateDevice(sql: Sql, token: string): Promise<DevicePrincipal | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const [row] = await sql<{ id: number; officeId: number; kind: DeviceKind; name: string }[]>`
		update devices d set last_seen_at = now() where token_hash = ${hashToken(token)} and revoked_at is null
			-- An archived office's devices are refused until it is restored (admin).
			and exists (select 1 from offices o where o.id = d.office_id and o.archived_at is null)
		returning id, office_id, kind, name`;
	return row ? { deviceId: row.id, officeId: row.officeId, kind: row.kind, name: row.name } : null;
}
