import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, NEEDS_SERVER, usingServer, type TestDatabase } from '../helpers/db';
import { startSmsSink, type SmsSink } from '../helpers/sms-sink';
import { connect } from '../../src/lib/server/db/connect';
import { enqueue, type NewNotice } from '../../src/lib/server/notices/outbox';
import { createSender, DEFAULT_BACKOFF_MS } from '../../src/lib/server/notices/sender';
import { webhookSms } from '../../src/lib/server/notices/channels/sms-webhook';

/**
 * The outbox sender against a real HTTP gateway (tests/helpers/sms-sink.ts, signature checked):
 * retries with backoff on a moved clock, `failed` with the reason, at most once per notice, and
 * two senders on one PostgreSQL never sending the same notice.
 */
let db: TestDatabase;
let sink: SmsSink;
let clock = new Date('2026-11-23T09:00:00Z');
const now = () => clock;
const MIN = 60_000;

beforeAll(async () => {
	db = await createTestDatabase();
	sink = await startSmsSink();
});
afterAll(async () => {
	await sink?.close();
	await db?.close();
});
beforeEach(async () => {
	await db.sql`delete from notifications`;
	sink.received.length = 0;
	sink.accepted.length = 0;
	sink.answer = () => 200;
	clock = new Date('2026-11-23T09:00:00Z');
});

const sms = (text: string, to = '+79161234567'): NewNotice => ({
	officeId: null,
	kind: 'ticket_called',
	channel: 'sms',
	recipient: to,
	locale: 'ru',
	body: { text }
});
const state = async (id: number) =>
	(
		await db.sql<{ state: string; attempts: number; lastError: string | null; dueAt: Date; providerId: string | null }[]>`
		select state, attempts, last_error, due_at, provider_id from notifications where id = ${id}`
	)[0]!;
const onlyId = async () => (await db.sql<{ id: number }[]>`select id from notifications`)[0]!.id;

describe('the outbox sender', () => {
	it('a gateway that fails twice then accepts: delivered once, after 1 and 5 minutes', async () => {
		await enqueue(db.sql, [sms('Талон П001: Вас вызывают к окну 5')], clock);
		const id = await onlyId();
		sink.answer = (_m, nth) => (nth <= 2 ? 503 : 200);
		const sender = createSender({ sql: db.sql, channels: { sms: webhookSms({ url: sink.url, secret: sink.secret }) }, now });

		expect(await sender.tick()).toBe(1);
		expect(await state(id)).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringContaining('503') });
		expect((await state(id)).dueAt.getTime() - clock.getTime()).toBe(1 * MIN);
		// Not due yet: nothing is sent early.
		expect(await sender.tick()).toBe(0);

		clock = new Date(clock.getTime() + 1 * MIN);
		expect(await sender.tick()).toBe(1);
		expect((await state(id)).dueAt.getTime() - clock.getTime()).toBe(5 * MIN);
		clock = new Date(clock.getTime() + 5 * MIN);
		expect(await sender.tick()).toBe(1);
		expect(await state(id)).toMatchObject({ state: 'sent', attempts: 3, lastError: null, providerId: `gw-${id}` });

		clock = new Date(clock.getTime() + 60 * MIN);
		expect(await sender.drain()).toBe(0);
		expect(sink.received.map((m) => m.text)).toEqual(Array(3).fill('Талон П001: Вас вызывают к окну 5'));
		expect(sink.received.filter((_m, i) => i === 2)).toEqual([
			{ id: String(id), to: '+79161234567', text: 'Талон П001: Вас вызывают к окну 5' }
		]);
		expect(sink.badSignatures).toBe(0);
	});

	it('a gateway down for the whole window: four attempts (0, +1, +5, +30 min), then failed with the reason', async () => {
		await enqueue(db.sql, [sms('Талон П002: перед вами 2')], clock);
		const id = await onlyId();
		sink.answer = () => 500;
		const sender = createSender({ sql: db.sql, channels: { sms: webhookSms({ url: sink.url, secret: sink.secret }) }, now });
		for (const wait of [0, ...DEFAULT_BACKOFF_MS]) {
			clock = new Date(clock.getTime() + wait);
			expect(await sender.tick()).toBe(1);
		}
		expect(await state(id)).toMatchObject({ state: 'failed', attempts: 4, lastError: 'SMS gateway answered 500: gateway trouble' });
		clock = new Date(clock.getTime() + 24 * 60 * MIN);
		expect(await sender.tick()).toBe(0);
		expect(sink.received).toHaveLength(4);
	});

	it('a refusal that a retry cannot change (400) fails at once', async () => {
		await enqueue(db.sql, [sms('x')], clock);
		sink.answer = () => 400;
		const sender = createSender({ sql: db.sql, channels: { sms: webhookSms({ url: sink.url, secret: sink.secret }) }, now });
		await sender.tick();
		expect(await state(await onlyId())).toMatchObject({ state: 'failed', attempts: 1 });
	});

	it('a wrong secret is refused by the gateway, so the signature is really checked', async () => {
		await enqueue(db.sql, [sms('x')], clock);
		const sender = createSender({ sql: db.sql, channels: { sms: webhookSms({ url: sink.url, secret: 'another-secret-0123456' }) }, now });
		await sender.tick();
		expect(sink.badSignatures).toBe(1);
		expect(sink.received).toHaveLength(0);
		sink.badSignatures = 0;
	});

	it('a notice left `sending` by a dead process is failed as interrupted after the lease, never sent again', async () => {
		await enqueue(db.sql, [sms('y')], clock);
		const id = await onlyId();
		await db.sql`update notifications set state = 'sending', attempts = 1, claimed_at = ${clock} where id = ${id}`;
		const sender = createSender({
			sql: db.sql,
			channels: { sms: webhookSms({ url: sink.url, secret: sink.secret }) },
			now,
			leaseMs: 5 * MIN
		});
		clock = new Date(clock.getTime() + 4 * MIN);
		await sender.tick();
		expect((await state(id)).state).toBe('sending');
		clock = new Date(clock.getTime() + 2 * MIN);
		await sender.tick();
		expect(await state(id)).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/^interrupted/) });
		expect(sink.received).toHaveLength(0);
	});

	it('a rate limit spreads the sending out: 30 notices at 50 per second take at least 0.6 s, all sent once', async () => {
		await enqueue(
			db.sql,
			Array.from({ length: 30 }, (_, i) => sms(`r${i}`)),
			clock
		);
		const sender = createSender({
			sql: db.sql,
			channels: { sms: webhookSms({ url: sink.url, secret: sink.secret }) },
			now,
			batch: 10,
			ratePerSecond: 50
		});
		const started = performance.now();
		expect(await sender.drain()).toBe(30);
		// Three rounds of 10, each given 10 / 50 s = 200 ms: a lower bound, which a slow machine only exceeds.
		expect(performance.now() - started).toBeGreaterThanOrEqual(590);
		expect(new Set(sink.accepted.map((m) => m.id)).size).toBe(30);
		expect(sink.received).toHaveLength(30);
	});

	it.skipIf(!usingServer())(`two sender processes on one PostgreSQL never send the same notice ${NEEDS_SERVER}`, async () => {
		const N = 200;
		await enqueue(
			db.sql,
			Array.from({ length: N }, (_, i) => sms(`n${i}`)),
			clock
		);
		// A second connection pool to the same schema: what a second server process has.
		const other = await connect({ url: process.env.TEST_DATABASE_URL!, schema: db.schema!, max: 5 });
		sink.answer = (_m, nth) => (Math.random() < 0.2 && nth === 1 ? 503 : 200);
		const channel = () => webhookSms({ url: sink.url, secret: sink.secret });
		// Small rounds and several loops per process, so the claims really overlap.
		const opts = { now, batch: 5, backoffMs: [0, 0, 0] };
		const a = createSender({ ...opts, sql: db.sql, channels: { sms: channel() }, node: 'a' });
		const b = createSender({ ...opts, sql: other.sql, channels: { sms: channel() }, node: 'b' });
		try {
			await Promise.all([a, b, a, b, a, b].map((s) => s.drain()));
			const rows = await db.sql<{ state: string; claimedBy: string; n: number }[]>`
				select state, claimed_by, count(*)::int as n from notifications group by 1, 2 order by 1, 2`;
			expect(rows.filter((r) => r.state !== 'sent')).toEqual([]);
			// Both took part.
			expect(rows.map((r) => r.claimedBy).sort()).toEqual(['a', 'b']);
			// Each notice accepted by the gateway exactly once.
			const accepted = new Map<string, number>();
			for (const m of sink.accepted) accepted.set(m.id, (accepted.get(m.id) ?? 0) + 1);
			expect(accepted.size).toBe(N);
			expect([...accepted.values()].filter((n) => n !== 1)).toEqual([]);
			const [sum] = await db.sql<{ attempts: number }[]>`select sum(attempts)::int as attempts from notifications`;
			// Every request the gateway saw is one attempt of one claim: none was sent by both.
			expect(sink.received.length).toBe(sum!.attempts);
		} finally {
			await other.close();
		}
	});
});
