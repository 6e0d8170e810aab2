import QRCode from 'qrcode';
import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import { pairingPath, type DeviceCreate, type DeviceView } from '$lib/schemas/admin-devices';
import { generateToken, hashToken } from '$lib/server/auth/tokens';
import { printers } from '$lib/server/kiosk/printer-status';
import { noSockets, type SocketControl } from '$lib/server/realtime/control';
import { officeInScope } from './offices-in-scope';
import type { AdminScope } from './scope';
import { audit } from './audit';

/**
 * Kiosks and boards of an office (issue 11, item 5): add one (its token is answered once, with
 * the pairing link and a QR code of it), rename, revoke. Revoking ends the device's open sockets
 * once committed: the screen reconnects, is refused at the handshake and shows its pairing
 * screen. `online` and the printer state are what this server process knows (the adapter
 * answers for the others' sockets; printer states are kept by the process the agent talks to).
 */
interface DeviceRow {
	id: number;
	officeId: number;
	kind: DeviceView['kind'];
	name: string;
	createdAt: Date;
	lastSeenAt: Date | null;
	revokedAt: Date | null;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function rows(sql: Sql, officeId: number, id?: number): Promise<DeviceRow[]> {
	return sql<DeviceRow[]>`
		select id, office_id, kind, name, created_at, last_seen_at, revoked_at from devices
		where office_id = ${officeId} ${id === undefined ? sql`` : sql`and id = ${id}`}
		order by revoked_at is not null, kind, name, id`;
}

async function views(list: DeviceRow[], sockets: SocketControl): Promise<DeviceView[]> {
	const online = await sockets.online(list.filter((d) => !d.revokedAt).map((d) => d.id));
	return list.map((d) => ({
		id: d.id,
		officeId: d.officeId,
		kind: d.kind,
		name: d.name,
		createdAt: d.createdAt.toISOString(),
		lastSeenAt: iso(d.lastSeenAt),
		revokedAt: iso(d.revokedAt),
		online: online.has(d.id),
		printer: d.kind === 'kiosk' && !d.revokedAt ? printers.get(d.id).state : null
	}));
}

export async function listOfficeDevices(sql: Sql, scope: AdminScope, office: string | number, sockets = noSockets): Promise<DeviceView[]> {
	const o = await officeInScope(sql, scope, office);
	return views(await rows(sql, o.id), sockets);
}

/** A new device: its token is answered here once (only its hash is kept) with the pairing path. */
export async function addOfficeDevice(
	sql: Sql,
	scope: AdminScope,
	office: string | number,
	input: DeviceCreate
): Promise<{ device: DeviceView; token: string; pairPath: string }> {
	const o = await officeInScope(sql, scope, office);
	if (o.archived) throw new TalonError('office_not_found', { office: o.slug });
	const { id, token } = await sql.begin(async (tx) => {
		// As auth's addDevice, inside this transaction: only the token's hash is stored.
		const token = generateToken();
		const [row] = await tx<{ id: number }[]>`
			insert into devices (office_id, kind, name, token_hash) values (${o.id}, ${input.kind}, ${input.name}, ${hashToken(token)}) returning id`;
		const made = { id: row!.id, token };
		await audit(tx, {
			actor: scope,
			officeId: o.id,
			entity: 'device',
			entityId: made.id,
			action: 'create',
			after: { kind: input.kind, name: input.name }
		});
		return made;
	});
	const [device] = await views(await rows(sql, o.id, id), noSockets);
	return { device: device!, token, pairPath: pairingPath(input.kind, token) };
}

export async function renameOfficeDevice(
	sql: Sql,
	scope: AdminScope,
	office: string | number,
	id: number,
	name: string
): Promise<DeviceView> {
	const o = await officeInScope(sql, scope, office);
	await sql.begin(async (tx) => {
		const [before] = await tx<{ name: string }[]>`select name from devices where id = ${id} and office_id = ${o.id} for update`;
		if (!before) throw new TalonError('device_not_found');
		if (before.name === name) return;
		await tx`update devices set name = ${name} where id = ${id}`;
		await audit(tx, {
			actor: scope,
			officeId: o.id,
			entity: 'device',
			entityId: id,
			action: 'update',
			before: { name: before.name },
			after: { name }
		});
	});
	const [device] = await views(await rows(sql, o.id, id), noSockets);
	return device!;
}

/** Revokes a device (again: nothing more happens) and ends its open sockets. */
export async function revokeOfficeDevice(
	sql: Sql,
	scope: AdminScope,
	office: string | number,
	id: number,
	sockets: SocketControl = noSockets
): Promise<DeviceView> {
	const o = await officeInScope(sql, scope, office);
	await sql.begin(async (tx) => {
		const [row] = await tx<{ name: string; revokedAt: Date | null }[]>`
			select name, revoked_at from devices where id = ${id} and office_id = ${o.id} for update`;
		if (!row) throw new TalonError('device_not_found');
		if (row.revokedAt) return;
		await tx`update devices set revoked_at = now() where id = ${id}`;
		await audit(tx, {
			actor: scope,
			officeId: o.id,
			entity: 'device',
			entityId: id,
			action: 'revoke',
			before: { name: row.name, revoked: false },
			after: { revoked: true }
		});
	});
	sockets.endDevices([id]);
	const [device] = await views(await rows(sql, o.id, id), noSockets);
	return device!;
}

/** The pairing link as a QR code (SVG markup) for the device's camera-less setup: scan with a phone, open on the device. */
export function pairingQr(url: string): Promise<string> {
	return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}
