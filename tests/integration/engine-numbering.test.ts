import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice } from '../helpers/fixture';
import { issueTicket } from '../../src/lib/server/queue';
import { ticketLabel } from '../../src/lib/domain/numbering';

/**
 * Ticket numbers: per office, per prefix, per local day, consecutive under any concurrency.
 * On a real PostgreSQL (TEST_DATABASE_URL) the parallel issues contend on a pool of 10
 * connections; on PGlite they run one at a time and prove the arithmetic only.
 */

let db: TestDatabase;
beforeAll(async () => {
	db = await createTestDatabase({ max: 10 });
});
afterAll(() => db?.close());

let slugs = 0;
const slug = () => `numbering-${++slugs}`;
/**
 * A clock fixed in the middle of an office day that ticks 1 ms per reading: a run that
 * happens to cross the real midnight must not split the tickets over two service days.
 */
const ticking = (iso = '2026-11-25T09:00:00.000Z') => {
	let t = new Date(iso).getTime();
	return () => new Date(t++);
};

interface Row {
	seq: number;
	number: string;
	serviceDay: string;
	prefix: string;
}

async function ticketsOf(officeId: number): Promise<Row[]> {
	return [...(await db.sql<Row[]>`select seq, number, service_day, prefix from tickets where office_id = ${officeId} order by prefix, service_day, seq`)];
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
/** 1,000 transactions one at a time on the embedded database took 76 s on this 2-core machine under other jobs' load. */
const HEAVY_MS = 300_000;

describe('ticket numbering', () => {
	it('1,000 parallel issues on one prefix get 1..1000 once each; the label wraps after П999', async () => {
		const f = await makeOffice(db.sql, { slug: slug(), now: ticking() });
		const N = 1000;
		const results = await Promise.all(
			range(N).map(() => issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' }))
		);
		expect(new Set(results.map((r) => r.ticket.id)).size).toBe(N);
		expect(new Set(results.map((r) => r.publicCode)).size).toBe(N);

		const rows = await ticketsOf(f.officeId);
		expect(rows.map((r) => r.seq)).toEqual(range(N));
		expect(rows.map((r) => r.number)).toEqual(range(N).map((s) => ticketLabel('П', s)));
		expect(rows[0]!.number).toBe('П001');
		expect(rows[998]!.number).toBe('П999');
		expect(rows[999]!.number).toBe('П001');
		expect(new Set(rows.map((r) => r.serviceDay)).size).toBe(1);

		// What each caller was told matches the row: labels П001..П999 once, П001 twice.
		const told = new Map<string, number>();
		for (const r of results) told.set(r.ticket.number, (told.get(r.ticket.number) ?? 0) + 1);
		expect(told.size).toBe(999);
		expect(told.get('П001')).toBe(2);

		// One ticket.issued per ticket, numbered 1..1000 in the office's log.
		const [log] = await db.sql<{ count: number; min: number; max: number; tickets: number }[]>`
			select count(*)::int, min(seq), max(seq), count(distinct ticket_id)::int as tickets
			from events where office_id = ${f.officeId} and type = 'ticket.issued'`;
		expect(log).toEqual({ count: N, min: 1, max: N, tickets: N });
		expect(f.published.map((e) => e.seq).sort((a, b) => a - b)).toEqual(range(N));
	}, HEAVY_MS);

	it('two prefixes count independently, even interleaved in parallel', async () => {
		const f = await makeOffice(db.sql, { slug: slug(), now: ticking() });
		const results = await Promise.all(
			range(120).map((i) =>
				issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: i % 3 === 0 ? f.services.b : f.services.a, source: 'kiosk' })
			)
		);
		const rows = await ticketsOf(f.officeId);
		expect(rows.filter((r) => r.prefix === 'П').map((r) => r.number)).toEqual(range(80).map((s) => ticketLabel('П', s)));
		expect(rows.filter((r) => r.prefix === 'К').map((r) => r.number)).toEqual(range(40).map((s) => ticketLabel('К', s)));
		expect(results.filter((r) => r.ticket.number.startsWith('К'))).toHaveLength(40);
	});

	it('two offices count independently', async () => {
		const f = await makeOffice(db.sql, { slug: slug(), now: ticking() });
		const g = await makeOffice(db.sql, { slug: slug(), now: ticking() });
		const issued = await Promise.all(
			range(40).map((i) => {
				const o = i % 2 ? f : g;
				return issueTicket(o.ctx, o.actor, { officeId: o.officeId, serviceId: o.services.a, source: 'kiosk' });
			})
		);
		expect(issued).toHaveLength(40);
		for (const o of [f, g]) expect((await ticketsOf(o.officeId)).map((r) => r.seq)).toEqual(range(20));
	});

	/** Issues at fixed instants for an office in `timeZone`, one after another. */
	async function issueAt(timeZone: string, instants: string[]) {
		let now = new Date(0);
		const f = await makeOffice(db.sql, { slug: slug(), timeZone, now: () => now });
		const issued = [];
		for (const iso of instants) {
			now = new Date(iso);
			issued.push(await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' }));
		}
		return { f, issued, rows: await ticketsOf(f.officeId) };
	}

	it('numbering restarts at local midnight in Asia/Vladivostok (UTC+10): 14:00 UTC', async () => {
		const { issued, rows } = await issueAt('Asia/Vladivostok', [
			'2026-11-25T13:58:00Z', // 23:58 local, 25 November
			'2026-11-25T13:59:00Z', // 23:59
			'2026-11-25T14:01:00Z', // 00:01, 26 November
			'2026-11-25T14:02:00Z'
		]);
		expect(issued.map((t) => t.ticket.number)).toEqual(['П001', 'П002', 'П001', 'П002']);
		expect(rows.map((r) => [r.serviceDay, r.number])).toEqual([
			['2026-11-25', 'П001'],
			['2026-11-25', 'П002'],
			['2026-11-26', 'П001'],
			['2026-11-26', 'П002']
		]);
	});

	it('numbering restarts at local midnight in Europe/Kaliningrad (UTC+2): 22:00 UTC', async () => {
		const { issued, rows } = await issueAt('Europe/Kaliningrad', [
			'2026-11-25T21:58:00Z', // 23:58 local, 25 November
			'2026-11-25T21:59:00Z', // 23:59
			'2026-11-25T22:01:00Z', // 00:01, 26 November
			'2026-11-25T22:05:00Z'
		]);
		expect(issued.map((t) => t.ticket.number)).toEqual(['П001', 'П002', 'П001', 'П002']);
		expect(rows.map((r) => [r.serviceDay, r.number])).toEqual([
			['2026-11-25', 'П001'],
			['2026-11-25', 'П002'],
			['2026-11-26', 'П001'],
			['2026-11-26', 'П002']
		]);
	});

	it('the same UTC instant is a different local day in Kaliningrad and Vladivostok', async () => {
		// 2026-01-31T15:00Z is 17:00 on 31 January in Kaliningrad and 01:00 on 1 February in Vladivostok.
		const k = await issueAt('Europe/Kaliningrad', ['2026-01-31T15:00:00Z']);
		const v = await issueAt('Asia/Vladivostok', ['2026-01-31T15:00:00Z']);
		expect(k.rows.map((r) => r.serviceDay)).toEqual(['2026-01-31']);
		expect(v.rows.map((r) => r.serviceDay)).toEqual(['2026-02-01']);
	});
});
