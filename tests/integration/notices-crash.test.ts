import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createTestDatabase, NEEDS_SERVER, usingServer, type TestDatabase } from '../helpers/db';
import { makeOffice } from '../helpers/fixture';
import { startSmsSink, type SmsSink } from '../helpers/sms-sink';
import { createBooking } from '../../src/lib/server/booking/bookings';
import { setBookingPlan } from '../../src/lib/server/booking/plan';
import { enqueue } from '../../src/lib/server/notices/outbox';

/**
 * kill -9 around the outbox, with real processes (tests/helpers/notice-process.ts) on one
 * PostgreSQL: a notice committed with its cause survives the process dying before it was sent and
 * is sent once by the next process; a process dying in the middle of a send leaves a notice that
 * is never sent a second time (it becomes `failed: interrupted`, the window the design leaves).
 * Needs a server: the embedded database cannot be shared between processes.
 */
const SERVER = NEEDS_SERVER.replace('the embedded database has one connection, so nothing contends', 'processes share it');
let db: TestDatabase;
let sink: SmsSink;
const children: ChildProcess[] = [];

beforeAll(async () => {
	db = await createTestDatabase();
	sink = await startSmsSink();
});
afterAll(async () => {
	for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
	await sink?.close();
	await db?.close();
});

function spawnNotices(mode: 'cause' | 'send', extra: Record<string, string> = {}): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/notice-process.ts'], {
		env: {
			...process.env,
			TSX_TSCONFIG_PATH: 'tsconfig.node.json',
			NOTICE_MODE: mode,
			NOTICE_DB_URL: process.env.TEST_DATABASE_URL!,
			NOTICE_DB_SCHEMA: db.schema!,
			NOTICE_SINK_URL: sink.url,
			NOTICE_SINK_SECRET: sink.secret,
			TALON_LOG: 'warn',
			...extra
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.push(child);
	let err = '';
	child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
	return new Promise((resolve, reject) => {
		child.stdout!.on('data', (c: Buffer) => {
			if (/committed|sending/.test(c.toString())) resolve(child);
		});
		child.on('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
	});
}

async function kill9(child: ChildProcess): Promise<void> {
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGKILL');
	await exited;
}

async function until(check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
	const end = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 25));
	}
}

const row = async (id: number) =>
	(await db.sql<{ state: string; lastError: string | null }[]>`select state, last_error from notifications where id = ${id}`)[0]!;

describe('the outbox across kill -9', () => {
	it.skipIf(!usingServer())(`killed after the cause committed, before sending: the next process sends it, once ${SERVER}`, async () => {
		const f = await makeOffice(db.sql, { slug: 'crash-office' });
		await setBookingPlan(db.sql, f.officeId);
		const { booking, token } = await createBooking(
			db.sql,
			{
				officeId: f.officeId,
				serviceId: f.services.a,
				startsAt: new Date('2031-03-04T07:00:00Z'),
				name: 'Анна',
				phone: '+79161234567',
				email: null
			},
			new Date('2031-03-01T07:00:00Z')
		);
		await db.sql`update notifications set state = 'sent' where booking_id = ${booking.id}`; // the confirmation is not this test's

		const cause = await spawnNotices('cause', { NOTICE_TOKEN: token });
		await kill9(cause);
		const [n] = await db.sql<{ id: number; state: string }[]>`
			select id, state from notifications where booking_id = ${booking.id} and kind = 'booking_cancelled'`;
		expect(n).toMatchObject({ state: 'pending' });
		expect(sink.received).toHaveLength(0);

		const restarted = await spawnNotices('send');
		await until(async () => (await row(n!.id)).state === 'sent');
		// A second restart finds nothing to send again.
		await kill9(restarted);
		const again = await spawnNotices('send');
		await new Promise((r) => setTimeout(r, 500));
		await kill9(again);
		expect(sink.accepted.map((m) => m.text)).toEqual([`Запись ${booking.code} на 04.03 10:00 отменена`]);
		expect(sink.received).toHaveLength(1);
	});

	it.skipIf(!usingServer())(
		`killed while the gateway has the message: never sent a second time, failed as interrupted ${SERVER}`,
		async () => {
			sink.received.length = 0;
			sink.accepted.length = 0;
			const [{ id }] = (await (async () => {
				await enqueue(
					db.sql,
					[
						{
							officeId: null,
							kind: 'ticket_called',
							channel: 'sms',
							recipient: '+79161234568',
							locale: 'ru',
							body: { text: 'Талон П001: Вас вызывают к окну 5' }
						}
					],
					new Date()
				);
				return db.sql<{ id: number }[]>`select max(id)::int as id from notifications`;
			})()) as unknown as [{ id: number }];
			sink.answer = () => 'hang';
			const first = await spawnNotices('send', { NOTICE_LEASE_MS: '1000' });
			await until(() => sink.received.length === 1);
			await kill9(first);
			expect((await row(id)).state).toBe('sending');
			sink.release();
			sink.answer = () => 200;

			const second = await spawnNotices('send', { NOTICE_LEASE_MS: '1000' });
			await until(async () => (await row(id)).state === 'failed');
			await kill9(second);
			expect((await row(id)).lastError).toMatch(/^interrupted/);
			expect(sink.received).toHaveLength(1);
		}
	);
});
