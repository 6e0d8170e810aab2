import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { addDevice } from '../../src/lib/server/auth/devices';
import { issueTicket } from '../../src/lib/server/queue';
import { TalonError } from '../../src/lib/errors';
import { startRealtime } from '../helpers/realtime';
import { isLoopback, mayReadMetrics, renderMetrics, setLiveSources, timedCommand } from '../../src/lib/server/ops/metrics';

/** `GET /metrics`'s content (the route itself, its access rule and HTTP latencies: tests/e2e/ops.spec.ts). */
let db: TestDatabase;
let f: Fixture;
let kiosks: number[];
beforeAll(async () => {
	db = await createTestDatabase();
	const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000);
	f = await makeOffice(db.sql, { slug: 'metrics-office', now: () => fiveMinutesAgo });
	kiosks = [];
	for (const name of ['Киоск 1', 'Киоск 2', 'Киоск 3'])
		kiosks.push((await addDevice(db.sql, { officeId: f.officeId, kind: 'kiosk', name })).id);
	const board = await addDevice(db.sql, { officeId: f.officeId, kind: 'display', name: 'Табло' });
	await db.sql`update devices set revoked_at = now() where id = ${kiosks[2]!}`;
	setLiveSources({
		sockets: () => [
			{ kind: 'staff' },
			{ kind: 'kiosk', deviceId: kiosks[0]! },
			{ kind: 'kiosk_agent', deviceId: kiosks[0]! },
			{ kind: 'display', deviceId: board.id },
			{ kind: 'public' },
			{ kind: 'public' }
		],
		printerState: (id) => (id === kiosks[0] ? 'online' : 'no_agent')
	});
});
afterAll(() => db?.close());

/** One sample's value from the text format, by metric name and labels. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
	const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
	for (const line of text.split('\n')) {
		if (!line.startsWith(name + '{') && !line.startsWith(name + ' ')) continue;
		const inside = line.slice(name.length).match(/^\{([^}]*)\}/)?.[1] ?? '';
		if (want.every((w) => inside.split(',').includes(w))) return Number(line.split(' ').at(-1));
	}
	return undefined;
}

describe('metrics', () => {
	it('counts waiting tickets and the longest wait per office and service', async () => {
		for (let i = 0; i < 3; i++) await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.b, source: 'kiosk' });
		const { body, contentType } = await renderMetrics(db.sql);
		expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
		const a = { office: 'metrics-office', service: `П ${f.services.a}` };
		const b = { office: 'metrics-office', service: `К ${f.services.b}` };
		expect(sample(body, 'talon_waiting_tickets', a)).toBe(3);
		expect(sample(body, 'talon_waiting_tickets', b)).toBe(1);
		const longest = sample(body, 'talon_longest_wait_seconds', a)!;
		expect(longest).toBeGreaterThanOrEqual(295);
		expect(longest).toBeLessThan(400);
		expect(sample(body, 'talon_metrics_database_up', {})).toBe(1);
		// process metrics come along
		expect(body).toContain('process_resident_memory_bytes');
	});

	it('counts sockets by kind, devices by state and printers by state', async () => {
		const { body } = await renderMetrics(db.sql);
		expect(sample(body, 'talon_sockets', { kind: 'public' })).toBe(2);
		expect(sample(body, 'talon_sockets', { kind: 'kiosk_agent' })).toBe(1);
		expect(sample(body, 'talon_sockets', { kind: 'staff' })).toBe(1);
		const office = 'metrics-office';
		expect(sample(body, 'talon_devices', { office, kind: 'kiosk', state: 'connected' })).toBe(1);
		expect(sample(body, 'talon_devices', { office, kind: 'kiosk', state: 'disconnected' })).toBe(1);
		expect(sample(body, 'talon_devices', { office, kind: 'kiosk', state: 'revoked' })).toBe(1);
		expect(sample(body, 'talon_devices', { office, kind: 'display', state: 'connected' })).toBe(1);
		expect(sample(body, 'talon_printers', { office, state: 'online' })).toBe(1);
		expect(sample(body, 'talon_printers', { office, state: 'no_agent' })).toBe(1);
	});

	it('times commands by name with their outcome', async () => {
		await timedCommand('desk:call-next', 'socket', async () => 1);
		await expect(
			timedCommand('desk:call-next', 'socket', async () => {
				throw new TalonError('desk_closed');
			})
		).rejects.toThrow();
		await expect(
			timedCommand('issueTicket', 'http', async () => {
				throw new Error('bug');
			})
		).rejects.toThrow('bug');
		const { body } = await renderMetrics(db.sql);
		const count = (labels: Record<string, string>) => sample(body, 'talon_command_duration_seconds_count', labels);
		expect(count({ command: 'desk:call-next', via: 'socket', outcome: 'ok' })).toBe(1);
		expect(count({ command: 'desk:call-next', via: 'socket', outcome: 'refused' })).toBe(1);
		expect(count({ command: 'issueTicket', via: 'http', outcome: 'error' })).toBe(1);
	});

	it('times socket commands where they are handled (the `on` of every command)', async () => {
		const rt = await startRealtime(db.sql);
		try {
			const board = await addDevice(db.sql, { officeId: f.officeId, kind: 'display', name: 'Табло 2' });
			const socket = rt.client({ deviceToken: board.token });
			const ack = await socket.timeout(5000).emitWithAck('office:snapshot', { officeId: f.officeId });
			expect(ack).toHaveProperty('data');
			const refused = await socket.timeout(5000).emitWithAck('desk:pause', { deskId: f.desks[0]! });
			expect(refused).toMatchObject({ error: { code: 'forbidden' } });
			const { body } = await renderMetrics(db.sql);
			expect(sample(body, 'talon_command_duration_seconds_count', { command: 'office:snapshot', via: 'socket', outcome: 'ok' })).toBe(1);
			expect(sample(body, 'talon_command_duration_seconds_count', { command: 'desk:pause', via: 'socket', outcome: 'refused' })).toBe(1);
		} finally {
			await rt.close();
		}
	});

	it('counts the notices outbox per channel and state, and how long the oldest due notice has waited', async () => {
		const empty = await renderMetrics(db.sql);
		// every channel and state is present from the start, at 0, so an alert can watch it
		expect(sample(empty.body, 'talon_notices', { channel: 'push', state: 'failed' })).toBe(0);
		expect(sample(empty.body, 'talon_notices_oldest_due_seconds', { channel: 'sms' })).toBe(0);
		const add = (channel: string, state: string, dueSecondsAgo: number, n = 1) => db.sql`
			insert into notifications (office_id, kind, channel, recipient, state, due_at, created_at)
			select ${f.officeId}, 'ticket_called', ${channel}, '+79990000000', ${state},
				now() - make_interval(secs => ${dueSecondsAgo}), now()
			from generate_series(1, ${n})`;
		await add('sms', 'pending', 120, 2);
		await add('sms', 'pending', -600); // due in ten minutes: in the depth, not in the lag
		await add('sms', 'sending', 10);
		await add('sms', 'sent', 900, 5);
		await add('email', 'failed', 3600, 3);
		await add('email', 'pending', -60);
		const { body } = await renderMetrics(db.sql);
		expect(sample(body, 'talon_notices', { channel: 'sms', state: 'pending' })).toBe(3);
		expect(sample(body, 'talon_notices', { channel: 'sms', state: 'sending' })).toBe(1);
		expect(sample(body, 'talon_notices', { channel: 'sms', state: 'failed' })).toBe(0);
		expect(sample(body, 'talon_notices', { channel: 'email', state: 'failed' })).toBe(3);
		expect(sample(body, 'talon_notices', { channel: 'email', state: 'pending' })).toBe(1);
		expect(sample(body, 'talon_notices', { channel: 'push', state: 'pending' })).toBe(0);
		expect(sample(body, 'talon_notices', { channel: 'sms', state: 'sent' })).toBeUndefined();
		const lag = sample(body, 'talon_notices_oldest_due_seconds', { channel: 'sms' })!;
		expect(lag).toBeGreaterThanOrEqual(119);
		expect(lag).toBeLessThan(200);
		expect(sample(body, 'talon_notices_oldest_due_seconds', { channel: 'email' })).toBe(0);
		await db.sql`delete from notifications where office_id = ${f.officeId}`;
		const after = await renderMetrics(db.sql);
		expect(sample(after.body, 'talon_notices', { channel: 'sms', state: 'pending' })).toBe(0);
	});

	it('opens to loopback callers, and to others only with the token', () => {
		for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(isLoopback(address)).toBe(true);
		for (const address of ['10.0.0.5', '::ffff:10.0.0.5', '128.0.0.1', 'fe80::1']) expect(isLoopback(address)).toBe(false);
		const token = 'a-long-metrics-token-1234';
		expect(mayReadMetrics({ address: '10.0.0.5', authorization: null, token: undefined })).toBe(false);
		expect(mayReadMetrics({ address: '10.0.0.5', authorization: `Bearer ${token}`, token: undefined })).toBe(false);
		expect(mayReadMetrics({ address: '10.0.0.5', authorization: `Bearer ${token}`, token })).toBe(true);
		expect(mayReadMetrics({ address: '10.0.0.5', authorization: `Bearer ${token}x`, token })).toBe(false);
		expect(mayReadMetrics({ address: '127.0.0.1', authorization: null, token })).toBe(true);
	});
});
