import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { io as connectClient } from 'socket.io-client';
import { createTestDatabase, NEEDS_SERVER, usingServer, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { spawnNode } from '../helpers/chaos';
import { addDevice } from '../../src/lib/server/auth/devices';
import { addStaffUser } from '../../src/lib/server/auth/staff';
import { createSession } from '../../src/lib/server/auth/sessions';
import { officeDevices } from '../../src/lib/server/live/dashboard';
import { STALE_AFTER_SEC } from '../../src/lib/server/live/presence-store';
import { socketOptions, type TalonSocket } from '../../src/lib/realtime/feed';
import type { DeviceStatus } from '../../src/lib/admin/live';

/**
 * Device presence with several server processes (issue 14, item 1): a board connected to node A
 * is online on the live dashboard of a supervisor connected to node B — in the `live:devices`
 * push and in what any node reads — offline when it leaves, and offline once node A is killed
 * (its rows are ignored `STALE_AFTER_SEC` after its last write). Before, each process knew only
 * its own sockets: with three nodes two thirds of a hall's devices showed as offline.
 * Child processes, not in-process nodes: in one process the nodes would share the memory this
 * is about.
 */
let db: TestDatabase;
let f: Fixture;
let boardToken: string;
let cookie: string;
const children: ChildProcess[] = [];
const sockets: TalonSocket[] = [];

function client(port: number, opts: { auth?: Record<string, string>; cookie?: string }): TalonSocket {
	const s: TalonSocket = connectClient(`http://127.0.0.1:${port}`, {
		...socketOptions,
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		auth: opts.auth ?? {},
		extraHeaders: opts.cookie ? { cookie: opts.cookie } : undefined
	});
	sockets.push(s);
	return s;
}

describe.skipIf(!usingServer())(`device presence across nodes ${usingServer() ? '' : NEEDS_SERVER}`, () => {
	beforeAll(async () => {
		db = await createTestDatabase();
		f = await makeOffice(db.sql, { desks: 1 });
		boardToken = (await addDevice(db.sql, { officeId: f.officeId, kind: 'display', name: 'Табло в зале' })).token;
		const admin = await addStaffUser(db.sql, {
			login: 'head',
			password: 'correct horse battery',
			roles: ['admin'],
			officeIds: [f.officeId]
		});
		cookie = `talon_session=${(await createSession(db.sql, admin.id)).token}`;
	}, 120_000);
	afterAll(async () => {
		for (const s of sockets) s.close();
		for (const c of children) c.kill('SIGKILL');
		await db?.close();
	});

	it(
		'a board on node A is online for a supervisor on node B, offline when it leaves and when node A dies',
		{ timeout: 180_000 },
		async () => {
			const [a, b] = await Promise.all([
				spawnNode(process.env.TEST_DATABASE_URL!, db.schema!),
				spawnNode(process.env.TEST_DATABASE_URL!, db.schema!)
			]);
			children.push(a!.child, b!.child);
			const boardId = (await db.sql<{ id: number }[]>`select id from devices where kind = 'display'`)[0]!.id;
			const onlineIn = (list: DeviceStatus[] | undefined) => list?.find((d) => d.deviceId === boardId)?.online;

			const supervisor = client(b!.port, { cookie });
			const pushes: DeviceStatus[][] = [];
			supervisor.on('live:devices', (m) => pushes.push(m.devices));
			const joined = await supervisor.timeout(10_000).emitWithAck('live:join', { officeId: f.officeId });
			expect(joined.error).toBeUndefined();
			expect(onlineIn(joined.data!.devices)).toBe(false);

			const board = client(a!.port, { auth: { deviceToken: boardToken } });
			await new Promise<void>((resolve, reject) => {
				board.once('connect', () => resolve());
				board.once('connect_error', reject);
			});
			// The push made on node A reaches the dashboard on node B, and says online.
			await expect.poll(() => onlineIn(pushes.at(-1)), { timeout: 10_000 }).toBe(true);
			// What any node reads (here: the test's own pool) says so too.
			expect(onlineIn(await officeDevices(db.sql, f.officeId))).toBe(true);

			board.close();
			await expect.poll(() => onlineIn(pushes.at(-1)), { timeout: 10_000 }).toBe(false);
			expect(onlineIn(await officeDevices(db.sql, f.officeId))).toBe(false);

			// Node A dies with the board on it: no goodbye; its rows stop counting after STALE_AFTER_SEC.
			const again = client(a!.port, { auth: { deviceToken: boardToken } });
			await new Promise<void>((resolve) => again.once('connect', () => resolve()));
			await expect.poll(async () => onlineIn(await officeDevices(db.sql, f.officeId)), { timeout: 10_000 }).toBe(true);
			a!.child.kill('SIGKILL');
			const killedAt = Date.now();
			await expect
				.poll(async () => onlineIn(await officeDevices(db.sql, f.officeId)), { timeout: (STALE_AFTER_SEC + 10) * 1000, interval: 500 })
				.toBe(false);
			expect(Date.now() - killedAt).toBeLessThan((STALE_AFTER_SEC + 10) * 1000);
		}
	);
});
