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
	return [
		...(await db.sql<
			Row[]
		>`select seq, number, service_day, prefix from tickets where office_id = ${officeId} order by prefix, service_day, seq`)
	];
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
/** 1,000 transactions one at a time on the embedded database took 76 s on this 2-core machine under other jobs' load. */
const HEAVY_MS = 300_000;

describe('ticket numbering', () => {
	it(
		'999 parallel issues on one prefix get П001..П999 once each; past 999 only numbers no longer live are given again',
		async () => {
			const f = await makeOffice(db.sql, { slug: slug(), now: ticking() });
			const N = 999;
			const results = await Promise.all(
				range(N).map(() => issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' }))
			);
			expect(new Set(results.map((r) => r.ticket.id)).size).toBe(N);
			expect(new Set(results.map((r) => r.publicCode)).size).toBe(N);
			expect(new Set(results.map((r) => r.ticket.number)).size).toBe(N);

			const rows = await ticketsOf(f.officeId);
			expect(rows.map((r) => r.seq)).toEqual(range(N));
			expect(rows.map((r) => r.number)).toEqual(range(N).map((s) => ticketLabel('П', s)));
			expect(new Set(rows.map((r) => r.serviceDay)).size).toBe(1);

			// П001..П010 have been served; every other number still waits. Twenty more visitors at once:
			// ten get П001..П010 again, the other ten are refused rather than given a live number.
			await db.sql`update tickets set state = 'done' where office_id = ${f.officeId} and seq <= 10`;
			const more = await Promise.allSettled(
				range(20).map(() => issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' }))
			);
			const given = more.flatMap((r) => (r.status === 'fulfilled' ? [r.value.ticket.number] : []));
			const refused = more.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: string }).code] : []));
			expect(given.sort()).toEqual(range(10).map((s) => ticketLabel('П', s)));
			expect(refused).toEqual(Array(10).fill('numbers_exhausted'));

			// No number is held by two live tickets.
			const [dup] = await db.sql<{ n: number }[]>`
			select count(*)::int as n from (
				select number from tickets where office_id = ${f.officeId} and state in ('waiting', 'called', 'serving')
				group by number having count(*) > 1) d`;
			expect(dup!.n).toBe(0);

			// One ticket.issued per ticket, numbered without gaps in the office's log (refusals append nothing).
			const [log] = await db.sql<{ count: number; min: number; max: number; tickets: number }[]>`
			select count(*)::int, min(seq), max(seq), count(distinct ticket_id)::int as tickets
			from events where office_id = ${f.officeId} and type = 'ticket.issued'`;
			expect(log).toEqual({ count: N + 10, min: 1, max: N + 10, tickets: N + 10 });
			expect(f.published.map((e) => e.seq).sort((a, b) => a - b)).toEqual(range(N + 10));
		},
		HEAVY_MS
	);

	it('after П999 the count starts over at П001 but skips numbers still waiting, called or being served', async () => {
		const f = await makeOffice(db.sql, { slug: slug(), now: ticking() });
		// The day so far, written directly (999 commands one by one would take a minute on PGlite):
		// П001..П999 issued, and everyone has left but П001 (waiting), П002 (called), П005 (being
		// served) and П998 (waiting).
		const first = await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		await db.sql`
			insert into tickets (office_id, service_id, service_day, prefix, seq, number, public_code, source, category, state, arrived_at, queued_at)
			select ${f.officeId}, ${f.services.a}, t.service_day, 'П', s, 'П' || lpad(s::text, 3, '0'), 'x' || lpad(s::text, 15, '0'), 'kiosk', 'ordinary',
				case s when 2 then 'called' when 5 then 'serving' when 998 then 'waiting' else 'done' end, now(), now()
			from generate_series(2, 999) s, (select service_day from tickets where id = ${first.ticket.id}) t`;
		await db.sql`update ticket_counters set last_seq = 999 where office_id = ${f.officeId}`;
		const next = [];
		for (let i = 0; i < 4; i++)
			next.push((await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' })).ticket.number);
		expect(next).toEqual(['П003', 'П004', 'П006', 'П007']);
		// Another prefix is not affected by П's live numbers.
		const k = await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.b, source: 'kiosk' });
		expect(k.ticket.number).toBe('К001');
	});

	it('the database itself refuses a second live ticket with the same number', async () => {
		const f = await makeOffice(db.sql, { slug: slug(), now: ticking() });
		await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		const [t] = await db.sql<{ serviceDay: string }[]>`select service_day from tickets where office_id = ${f.officeId}`;
		await expect(
			db.sql`insert into tickets (office_id, service_id, service_day, prefix, seq, number, public_code, source, category, state, arrived_at, queued_at)
				values (${f.officeId}, ${f.services.a}, ${t!.serviceDay}, 'П', 1000, 'П001', 'aaaaaaaaaaaaaaaa', 'kiosk', 'ordinary', 'waiting', now(), now())`
		).rejects.toMatchObject({ code: '23505' });
	});

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
