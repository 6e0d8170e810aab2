import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { startEmbedded, type EmbeddedDatabase } from '../../src/lib/server/db/embedded';
import { createGate, gatedBegin } from '../../src/lib/server/db/transactions';
import { createTestDatabase, usingServer, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { issueTicket } from '../../src/lib/server/queue';
import { isTalonError } from '../../src/lib/errors';

/**
 * Issue 15 #2: a herd of requests killed the server inside postgres.js's `begin` (a BEGIN sent
 * behind pipelined queries without reserving its connection). The driver's race is made
 * deterministic here with `max_pipeline: 2` and connections held busy: a BEGIN then lands on a
 * connection that already carries a pipelined query.
 */
type Raw = postgres.Sql<{}>;

/** Holds every connection busy, pipelines one plain query on each, then starts transactions. */
async function hostileRound(sql: Raw, connections: number): Promise<{ errors: string[]; txids: string[] }> {
	const hold = Array.from({ length: connections }, () => sql`select pg_sleep(0.2)`.execute());
	await new Promise((r) => setTimeout(r, 20));
	const plain = Array.from({ length: connections }, (_, i) => sql`select ${i}::int as i`.execute());
	const txs = Array.from({ length: connections + 2 }, () =>
		sql.begin(async (tx) => {
			const [a] = await tx<{ x: string }[]>`select txid_current()::text as x`;
			await tx`select 1`;
			const [b] = await tx<{ x: string }[]>`select txid_current()::text as x`;
			if (a!.x !== b!.x) throw new Error('a statement of this transaction ran outside it');
			return a!.x;
		})
	);
	const settled = await Promise.allSettled([...hold, ...plain, ...txs]);
	const errors = settled.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
	const txids = settled.slice(hold.length + plain.length).flatMap((r) => (r.status === 'fulfilled' ? [String(r.value)] : []));
	return { errors, txids };
}

/**
 * BEGIN is written together with the body's first statement (one round trip). That statement
 * must still run inside the transaction, also when it is new to the connection (the driver then
 * parses it first and runs it after a round trip of its own): a body that writes and then throws
 * leaves nothing, and every statement of a body sees one transaction id.
 */
async function firstStatementInside(sql: Raw): Promise<void> {
	const table = `pipelined_begin_${Math.random().toString(36).slice(2, 8)}`;
	await sql.unsafe(`create table ${table} (n int)`);
	try {
		for (let n = 0; n < 5; n++) {
			await sql
				.begin(async (tx) => {
					// A new statement text each round: the driver has never prepared it on this connection.
					await tx.unsafe(`insert into ${table} (n) values ($1) returning ${n} as round`, [n]);
					throw new Error('roll back');
				})
				.catch((e: Error) => expect(e.message).toBe('roll back'));
		}
		expect(await sql.unsafe(`select count(*)::int as c from ${table}`)).toEqual([{ c: 0 }]);
		const [first, last] = await sql.begin(async (tx) => {
			const a = await tx.unsafe(`select txid_current()::text as x, ${Math.random()} as fresh`);
			const b = await tx`select txid_current()::text as x`;
			return [a[0]!.x, b[0]!.x];
		});
		expect(first).toBe(last);
	} finally {
		await sql.unsafe(`drop table ${table}`);
	}
}

describe('transactions under a herd', () => {
	describe.skipIf(!usingServer())('on a PostgreSQL server pool (needs TEST_DATABASE_URL: the race is between connections)', () => {
		const url = process.env.TEST_DATABASE_URL!;

		it('the driver alone still breaks (UNSAFE_TRANSACTION) in this round — the reason for the gate', async () => {
			const sql = postgres(url, { max: 3, max_pipeline: 2, onnotice: () => {} } as postgres.Options<{}>) as Raw;
			try {
				const errors: string[] = [];
				for (let round = 0; round < 5; round++) errors.push(...(await hostileRound(sql, 3)).errors);
				expect(errors.some((m) => m.includes('UNSAFE_TRANSACTION'))).toBe(true);
			} finally {
				await sql.end({ timeout: 2 });
			}
		});

		it("the body's first statement, sent with BEGIN, runs inside the transaction", async () => {
			const sql = postgres(url, { max: 3, onnotice: () => {} }) as Raw;
			sql.begin = gatedBegin(sql, createGate({ limit: 3 })) as Raw['begin'];
			try {
				await firstStatementInside(sql);
			} finally {
				await sql.end({ timeout: 2 });
			}
		});

		it('gated transactions on reserved connections never fail and never share a transaction', async () => {
			const sql = postgres(url, { max: 3, max_pipeline: 2, onnotice: () => {} } as postgres.Options<{}>) as Raw;
			sql.begin = gatedBegin(sql, createGate({ limit: 3 })) as Raw['begin'];
			try {
				const txids: string[] = [];
				for (let round = 0; round < 10; round++) {
					const r = await hostileRound(sql, 3);
					expect(r.errors).toEqual([]);
					txids.push(...r.txids);
				}
				expect(txids).toHaveLength(50);
				expect(new Set(txids).size).toBe(50);
			} finally {
				await sql.end({ timeout: 2 });
			}
		});
	});

	describe('on the embedded database (one connection)', () => {
		let embedded: EmbeddedDatabase;
		beforeAll(async () => {
			embedded = await startEmbedded('memory://');
		});
		afterAll(async () => {
			await embedded?.stop();
		});

		it("the body's first statement, sent with BEGIN, runs inside the transaction", async () => {
			const sql = postgres(embedded.url, { max: 1, onnotice: () => {} }) as Raw;
			sql.begin = gatedBegin(sql, createGate({ limit: 1 })) as Raw['begin'];
			try {
				await firstStatementInside(sql);
			} finally {
				await sql.end({ timeout: 2 });
			}
		});

		it('gated transactions behind pipelined queries all commit, each in a transaction of its own', async () => {
			// Without the gate this round ends the test process: `Cannot set properties of undefined
			// (setting 'onclose')`, then an uncaught TypeError in Query.handler.
			const sql = postgres(embedded.url, { max: 1, max_pipeline: 2, onnotice: () => {} } as postgres.Options<{}>) as Raw;
			sql.begin = gatedBegin(sql, createGate({ limit: 1 })) as Raw['begin'];
			try {
				const txids: string[] = [];
				for (let round = 0; round < 5; round++) {
					const r = await hostileRound(sql, 1);
					expect(r.errors).toEqual([]);
					txids.push(...r.txids);
				}
				expect(new Set(txids).size).toBe(15);
			} finally {
				await sql.end({ timeout: 2 });
			}
		});
	});

	describe('the engine: 500 tickets from 200 concurrent clients', () => {
		let db: TestDatabase;
		let f: Fixture;
		beforeAll(async () => {
			// A short wait makes some requests `busy` even on a fast machine, so retries are exercised.
			db = await createTestDatabase({ max: 4, txWaitMs: 300 });
			f = await makeOffice(db.sql);
		});
		afterAll(async () => {
			await db?.close();
		});

		it('answers each request with a ticket or busy; a retry with the same key returns the committed ticket', async () => {
			const keys = Array.from({ length: 500 }, (_, i) => `herd-${String(i).padStart(6, '0')}`);
			const first = new Map<string, { number: string; id: number }>();
			let busy = 0;
			let next = 0;
			const issue = (key: string) =>
				issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk', idempotencyKey: key });
			await Promise.all(
				Array.from({ length: 200 }, async () => {
					while (next < keys.length) {
						const key = keys[next++]!;
						try {
							const t = await issue(key);
							first.set(key, { number: t.ticket.number, id: t.ticket.id });
						} catch (e) {
							if (!isTalonError(e) || e.code !== 'busy') throw e;
							busy++;
						}
					}
				})
			);
			// Every request was answered: a ticket or `busy`, nothing else.
			expect(first.size + busy).toBe(500);
			// Retry everything, one at a time: refused ones get their ticket now; answered ones get the same ticket.
			for (const key of keys) {
				let t;
				for (;;) {
					try {
						t = await issue(key);
						break;
					} catch (e) {
						if (!isTalonError(e) || e.code !== 'busy') throw e;
					}
				}
				const before = first.get(key);
				if (before) {
					expect(t.duplicate).toBe(true);
					expect(t.ticket.id).toBe(before.id);
				}
			}
			const [row] = await db.sql<{ n: number; numbers: number }[]>`
				select count(*)::int as n, count(distinct number)::int as numbers from tickets where office_id = ${f.officeId}`;
			expect(row).toEqual({ n: 500, numbers: 500 });
		});
	});
});
