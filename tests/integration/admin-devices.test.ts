import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { adminWorld, auditRows, type AdminWorld } from '../helpers/admin';
import { startRealtime, until, type RealtimeHarness } from '../helpers/realtime';
import { addOfficeDevice, listOfficeDevices, pairingQr, renameOfficeDevice, revokeOfficeDevice } from '../../src/lib/server/admin/devices';
import { socketControl } from '../../src/lib/server/realtime/control';
import { authenticateDevice } from '../../src/lib/server/auth/devices';

/** Devices (issue 11, item 5): token once, rename, revoke reaching an open socket, online and printer state, scope. */
let db: TestDatabase;
let w: AdminWorld;
let rt: RealtimeHarness;

beforeAll(async () => {
	db = await createTestDatabase();
	w = await adminWorld(db.sql);
	rt = await startRealtime(db.sql);
});
afterAll(async () => {
	await rt?.close();
	await db?.close();
});

describe('devices', () => {
	it('adding answers the token once with its pairing path; the audit row has no token', async () => {
		const kiosk = await addOfficeDevice(db.sql, w.scope.supervisor, 'north', { kind: 'kiosk', name: 'Киоск у входа' });
		expect(kiosk.token).toMatch(/^[a-z2-7]{32}$/);
		expect(kiosk.pairPath).toBe(`/kiosk?pair=${kiosk.token}`);
		expect(kiosk.device).toMatchObject({ kind: 'kiosk', name: 'Киоск у входа', revokedAt: null, online: false, printer: 'no_agent' });
		expect(await authenticateDevice(db.sql, kiosk.token)).toMatchObject({ deviceId: kiosk.device.id, officeId: w.north });
		const board = await addOfficeDevice(db.sql, w.scope.admin, w.north, { kind: 'display', name: 'Табло' });
		expect(board.pairPath).toBe(`/display#token=${board.token}`);
		expect(board.device.printer).toBeNull();
		const rows = (await auditRows(db.sql)).filter((r) => r.entity === 'device');
		expect(rows.map((r) => [r.action, r.after])).toEqual([
			['create', { kind: 'kiosk', name: 'Киоск у входа' }],
			['create', { kind: 'display', name: 'Табло' }]
		]);
		expect(JSON.stringify(rows)).not.toContain(kiosk.token);
		expect(await pairingQr(`http://talon.test${kiosk.pairPath}`)).toMatch(/^<svg/);
	});

	it('a supervisor of another office is refused, and a device of another office is not found', async () => {
		await expect(listOfficeDevices(db.sql, w.scope.supervisor, 'south')).rejects.toMatchObject({ code: 'forbidden' });
		await expect(addOfficeDevice(db.sql, w.scope.supervisor, 'south', { kind: 'kiosk', name: 'Чужой' })).rejects.toMatchObject({
			code: 'forbidden'
		});
		const south = await addOfficeDevice(db.sql, w.scope.admin, 'south', { kind: 'kiosk', name: 'Южный киоск' });
		await expect(revokeOfficeDevice(db.sql, w.scope.supervisor, 'north', south.device.id)).rejects.toMatchObject({
			code: 'device_not_found'
		});
		await expect(renameOfficeDevice(db.sql, w.scope.supervisor, 'north', south.device.id, 'Мой')).rejects.toMatchObject({
			code: 'device_not_found'
		});
		expect(await authenticateDevice(db.sql, south.token)).not.toBeNull();
	});

	it('renames with a before → after audit row', async () => {
		const [d] = await listOfficeDevices(db.sql, w.scope.admin, 'north');
		const renamed = await renameOfficeDevice(db.sql, w.scope.admin, 'north', d!.id, 'Киоск 2');
		expect(renamed.name).toBe('Киоск 2');
		expect((await auditRows(db.sql)).at(-1)).toMatchObject({ action: 'update', before: { name: d!.name }, after: { name: 'Киоск 2' } });
	});

	it('revoking ends the open socket at once; it is refused when it comes back; the list shows online and revoked', async () => {
		const sockets = socketControl(rt.io);
		const { device, token } = await addOfficeDevice(db.sql, w.scope.admin, 'north', { kind: 'kiosk', name: 'На отзыв' });
		const socket = rt.client({ deviceToken: token, lang: 'ru' });
		await until(() => socket.connected, 5000, 'connect');
		expect((await listOfficeDevices(db.sql, w.scope.admin, 'north', sockets)).find((d) => d.id === device.id)?.online).toBe(true);
		let reason = '';
		let refused = '';
		socket.on('disconnect', (r) => (reason = r));
		socket.on('connect_error', (e) => (refused = e.message));

		const revoked = await revokeOfficeDevice(db.sql, w.scope.supervisor, 'north', device.id, sockets);
		expect(revoked.revokedAt).not.toBeNull();
		await until(() => reason !== '', 5000, 'the server ends the socket');
		expect(reason).toBe('io server disconnect');
		socket.connect(); // what the kiosk page does on a server disconnect
		await until(() => refused !== '', 5000, 'the handshake refuses it');
		expect(refused).toBe('device_unauthorized');
		expect(await authenticateDevice(db.sql, token)).toBeNull();
		const listed = (await listOfficeDevices(db.sql, w.scope.admin, 'north', sockets)).find((d) => d.id === device.id);
		expect(listed).toMatchObject({ online: false, printer: null, revokedAt: expect.any(String) });
		expect((await auditRows(db.sql)).at(-1)).toMatchObject({ action: 'revoke', staffLogin: 'boss', after: { revoked: true } });
		// Revoking again changes nothing and records nothing.
		const n = (await auditRows(db.sql)).length;
		await revokeOfficeDevice(db.sql, w.scope.admin, 'north', device.id, sockets);
		expect((await auditRows(db.sql)).length).toBe(n);
	});
});
