import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectClient } from 'socket.io-client';
import { createTestDatabase, NEEDS_SERVER, usingServer, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { until } from '../helpers/realtime';
import { startNode, type TalonNode } from '../helpers/node';
import { socketControl } from '../../src/lib/server/realtime/control';
import { addDevice } from '../../src/lib/server/auth/devices';
import { issueTicket, officeSnapshot, callNext, type Actor } from '../../src/lib/server/queue';
import { limitBooking, rateLimitJobs, shareBookingLimits } from '../../src/lib/server/booking/rate-limit';
import { runJob } from '../../src/lib/server/jobs/scheduler';
import { isTalonError } from '../../src/lib/errors';
import { socketOptions, type TalonSocket } from '../../src/lib/realtime/feed';
import type { QueueEvent } from '../../src/lib/realtime/types';
import type { PrintJob } from '../../src/lib/kiosk/types';

/**
 * Several Talon nodes on one PostgreSQL schema (issue 14, item 1): three in-process nodes, each
 * with its own pool, Socket.IO server, publisher and cluster (src/lib/server/realtime/cluster.ts),
 * exactly as src/lib/server/app.ts wires a node on a PostgreSQL server. LISTEN/NOTIFY needs a
 * server: on the embedded database there is one process and nothing to prove.
 */
const system: Actor = { kind: 'system' };
let db: TestDatabase;
let f: Fixture;
let nodes: TalonNode[] = [];
let boardToken: string;
let kioskToken: string;
const sockets: TalonSocket[] = [];

function client(node: TalonNode, auth: Record<string, unknown>): TalonSocket {
	const s: TalonSocket = connectClient(node.url, {
		...socketOptions,
		reconnectionDelay: 50,
		reconnectionDelayMax: 200,
		transports: ['websocket'],
		auth,
		forceNew: true
	});
	sockets.push(s);
	return s;
}

async function board(node: TalonNode): Promise<QueueEvent[]> {
	const s = client(node, { deviceToken: boardToken });
	const seen: QueueEvent[] = [];
	s.on('queue:event', (e) => seen.push(e));
	const ack = await s.timeout(5000).emitWithAck('office:join', { officeId: f.officeId });
	expect(ack.error).toBeUndefined();
	return seen;
}

describe.skipIf(!usingServer())(`three nodes on one PostgreSQL ${usingServer() ? '' : NEEDS_SERVER}`, () => {
	beforeAll(async () => {
		db = await createTestDatabase();
		f = await makeOffice(db.sql, { desks: 3 });
		boardToken = (await addDevice(db.sql, { officeId: f.officeId, kind: 'display', name: 'Board' })).token;
		kioskToken = (await addDevice(db.sql, { officeId: f.officeId, kind: 'kiosk', name: 'Kiosk' })).token;
		const url = process.env.TEST_DATABASE_URL!;
		nodes = await Promise.all([0, 1, 2].map(() => startNode({ url, schema: db.schema!, pollMs: 60_000 })));
	});
	afterAll(async () => {
		shareBookingLimits(null);
		for (const s of sockets) s.close();
		await Promise.all(nodes.map((n) => n.close()));
		await db?.close();
	});

	it('commands on every node reach the boards on every node, each event once, in seq order', async () => {
		const seen = await Promise.all(nodes.map((n) => board(n)));
		const start = (await officeSnapshot(db.sql, f.officeId)).seq;
		// 30 issues at once, spread over the three nodes, then calls on each: commits interleave.
		await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				issueTicket(nodes[i % 3]!.ctx, system, { officeId: f.officeId, serviceId: i % 2 ? f.services.a : f.services.b, source: 'kiosk' })
			)
		);
		await Promise.all(f.desks.map((deskId, i) => callNext(nodes[i]!.ctx, system, { deskId })));
		const end = (await officeSnapshot(db.sql, f.officeId)).seq;
		expect(end - start).toBe(33);
		await until(() => seen.every((list) => list.length >= 33), 10_000, 'every board to hear 33 events');
		const expected = Array.from({ length: 33 }, (_, i) => start + 1 + i);
		for (const list of seen) expect(list.map((e) => e.seq)).toEqual(expected);
		// The same payload whichever node committed it: one read from the log, one sent at commit.
		expect(seen[1]).toEqual(seen[0]);
		expect(seen[2]).toEqual(seen[0]);
	});

	it('the node that committed an event does not read it back from the log; the others read each once', async () => {
		await new Promise((r) => setTimeout(r, 300)); // earlier tests' reads settle
		const before = nodes.map((n) => ({ ...n.cluster.stats }));
		for (let i = 0; i < 10; i++)
			await issueTicket(nodes[0]!.ctx, system, { officeId: f.officeId, serviceId: f.services.b, source: 'kiosk' });
		await new Promise((r) => setTimeout(r, 300));
		const read = nodes.map((n, i) => n.cluster.stats.events - before[i]!.events);
		expect(read[0]).toBe(0);
		expect(read[1]).toBe(10);
		expect(read[2]).toBe(10);
	});

	it('a node whose LISTEN connection dropped catches up from the log, in order', async () => {
		const seen = await board(nodes[1]!);
		const start = (await officeSnapshot(db.sql, f.officeId)).seq;
		// Cut every node's LISTEN connection (postgres.js runs all of a pool's LISTENs on one
		// connection; its last statement names the rooms channel): notifies sent until it is back
		// are lost; the reconnect's sweep and the periodic one make up for them from the log.
		const cut = await db.sql`
			select pg_terminate_backend(pid) from pg_stat_activity
			where query like ${'listen %talon_rooms_' + db.schema + '%'} and pid <> pg_backend_pid()`;
		expect(cut.length).toBe(3);
		for (let i = 0; i < 5; i++)
			await issueTicket(nodes[0]!.ctx, system, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		await until(() => seen.length >= 5, 10_000, 'node 1 to catch up');
		expect(seen.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5].map((i) => start + i));
	});

	it('a kiosk ticket issued through node A is printed once by its agent on node B', async () => {
		const screen = client(nodes[0]!, { deviceToken: kioskToken });
		const agent = client(nodes[1]!, { deviceToken: kioskToken, agent: true });
		const screenHeard: string[] = [];
		screen.on('print:taken', () => screenHeard.push('taken'));
		screen.on('print:done', () => screenHeard.push('done'));
		let available = 0;
		agent.on('print:available', () => available++);
		await until(() => screen.connected && agent.connected, 5000, 'kiosk sockets');
		// Jobs of the earlier tests' kiosk tickets are not this test's: print them first.
		const old = await agent.timeout(5000).emitWithAck('print:pending', {});
		if (old.data?.length)
			await agent
				.timeout(5000)
				.emitWithAck('print:ack', { installationId: old.data[0]!.installationId, jobIds: old.data.map((j: PrintJob) => j.jobId) });
		screenHeard.length = 0;

		const issued = await screen.timeout(5000).emitWithAck('kiosk:issue', {
			officeId: f.officeId,
			serviceId: f.services.a,
			idempotencyKey: 'multi-node-print-1'
		});
		expect(issued.error).toBeUndefined();
		// The push crossed from node A to the agent on node B.
		await until(() => available > 0, 5000, 'print:available on node B');
		const pending = await agent.timeout(5000).emitWithAck('print:pending', {});
		expect(pending.data?.map((j: PrintJob) => j.publicCode)).toEqual([issued.data!.publicCode]);
		const acked = await agent
			.timeout(5000)
			.emitWithAck('print:ack', { installationId: pending.data![0]!.installationId, jobIds: [pending.data![0]!.jobId] });
		expect(acked.data?.acknowledged).toEqual([pending.data![0]!.jobId]);
		// The screen on node A hears that the agent on node B took and printed it.
		await until(() => screenHeard.includes('taken') && screenHeard.includes('done'), 5000, 'print:taken and print:done on node A');
		// Printed once: nothing is pending any more, from any node.
		for (const n of nodes) {
			const again = client(n, { deviceToken: kioskToken, agent: true });
			const left = await again.timeout(5000).emitWithAck('print:pending', {});
			expect(left.data).toEqual([]);
			again.close();
		}
		const [job] = await db.sql<{ deliveries: number; printed: boolean }[]>`
			select deliveries, printed_at is not null as printed from print_jobs where ticket_id = ${issued.data!.ticket.id}`;
		expect(job).toEqual({ deliveries: 1, printed: true });
	});

	it("the administration's disconnect reaches a device's socket on another node", async () => {
		const other = await addDevice(db.sql, { officeId: f.officeId, kind: 'display', name: 'Board C' });
		const s = client(nodes[2]!, { deviceToken: other.token });
		const reasons: string[] = [];
		s.on('disconnect', (reason) => reasons.push(reason));
		await until(() => s.connected, 5000, 'board connected to node C');
		// Node A ends the device's sockets (a revocation does this after its commit).
		socketControl(nodes[0]!.io, nodes[0]!.cluster.end).endDevices([other.id]);
		await until(() => reasons.includes('io server disconnect'), 5000, 'the socket on node C ended by the server');
	});

	it('booking rate limits count once across nodes', async () => {
		const ip = '203.0.113.77';
		let allowed = 0;
		let refused: unknown = null;
		for (let i = 0; i < 40 && !refused; i++) {
			// Each request lands on another node (another pool): the count is the database's.
			shareBookingLimits(nodes[i % 3]!.db.sql);
			try {
				await limitBooking(ip, 'write');
				allowed++;
			} catch (e) {
				refused = e;
			}
		}
		expect(allowed).toBe(20); // TALON_BOOKING_WRITES_PER_10MIN's default
		expect(isTalonError(refused) && refused.code).toBe('rate_limited');
		// Counted in the database, not in this process's memory (where in-process nodes would share it anyway).
		const [row] = await db.sql<{ points: number }[]>`select points from rate_limits where key = ${'book-w:' + ip}`;
		expect(row?.points).toBe(21);
		// Another address has its own allowance.
		await expect(limitBooking('203.0.113.78', 'write')).resolves.toBeUndefined();
		// Windows that ended are deleted by the job (run once across nodes under its lock).
		const later = new Date(Date.now() + 11 * 60_000);
		expect(await runJob(db.sql, rateLimitJobs[0]!, later)).toEqual({ outcome: 'done', rows: 2 });
		expect(await db.sql`select key from rate_limits`).toEqual([]);
	});
});
