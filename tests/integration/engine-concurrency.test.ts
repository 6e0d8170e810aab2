import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, NEEDS_SERVER, usingServer, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { callNext, cancelTicket, finish, issueTicket, markNoShow, startService } from '../../src/lib/server/queue';
import { isTalonError } from '../../src/lib/errors';

/**
 * Many desks calling at once. On a real PostgreSQL (TEST_DATABASE_URL, pool of 10) the calls
 * really contend for rows, so these are the proofs that SKIP LOCKED and the per-office event
 * counter hold; on PGlite transactions run one at a time (STACK.md): the long run there still
 * checks the bookkeeping, the pure races are skipped.
 */

let db: TestDatabase;
beforeAll(async () => {
	db = await createTestDatabase({ max: 10 });
});
afterAll(() => db?.close());

let slugs = 0;
const slug = () => `concurrency-${++slugs}`;
/**
 * A clock fixed in the middle of an office day that ticks 1 ms per reading: a run that
 * happens to cross the real midnight must not split the tickets over two service days.
 */
const ticking = (iso = '2026-11-25T09:00:00.000Z') => {
	let t = new Date(iso).getTime();
	return () => new Date(t++);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** About 2,000 commands one at a time on the embedded database took 125 s on this 2-core machine under other jobs' load. */
const HEAVY_MS = 300_000;

function issue(f: Fixture, i: number) {
	return issueTicket(f.ctx, f.actor, {
		officeId: f.officeId,
		serviceId: i % 4 === 0 ? f.services.b : f.services.a,
		priorityReason: i % 25 === 0 ? 'pregnant' : null,
		source: 'kiosk'
	});
}

/** The office's event log has seq 1..N, no gap and no duplicate, and agrees with offices.last_seq. */
async function expectGaplessLog(f: Fixture): Promise<number> {
	const [log] = await db.sql<{ count: number; distinct: number; min: number; max: number; lastSeq: number }[]>`
		select count(*)::int, count(distinct seq)::int as distinct, min(seq), max(seq),
			(select last_seq from offices where id = ${f.officeId}) as last_seq
		from events where office_id = ${f.officeId}`;
	expect(log!.min).toBe(1);
	expect(log!.count).toBe(log!.max);
	expect(log!.distinct).toBe(log!.count);
	expect(log!.lastSeq).toBe(log!.max);
	// What was published is the same set of numbers (publishing order may differ from seq order).
	expect(f.published.map((e) => e.seq).sort((a, b) => a - b)).toEqual(range(log!.count).map((i) => i + 1));
	return log!.count;
}

describe('concurrent desks', () => {
	it(
		'8 desks draining 500 waiting tickets (plus 100 issued meanwhile): nobody is called twice, nobody is left',
		async () => {
			const f = await makeOffice(db.sql, { slug: slug(), desks: 8, now: ticking() });
			const WAITING = 500;
			const DURING = 100;
			await Promise.all(range(WAITING).map((i) => issue(f, i)));

			let issuingDone = false;
			const issuer = (async () => {
				// Four streams of issues, so new tickets arrive while the desks call.
				await Promise.all(
					range(4).map(async (stream) => {
						for (let k = 0; k < DURING / 4; k++) {
							await issue(f, WAITING + stream * (DURING / 4) + k);
							if (k % 5 === 0) await sleep(1);
						}
					})
				);
				issuingDone = true;
			})();

			const tally = { served: 0, noShow: 0 };
			const failures: string[] = [];
			const desk = async (deskId: number): Promise<number[]> => {
				const got: number[] = [];
				for (;;) {
					// A desk stops only on an empty call that started after the last issue had committed.
					const finalCall = issuingDone;
					const { ticket } = await callNext(f.ctx, f.actor, { deskId });
					if (!ticket) {
						if (finalCall) return got;
						await sleep(2);
						continue;
					}
					got.push(ticket.id);
					// A refusal here (say ticket_not_at_desk: another desk took "our" ticket) is
					// recorded, not thrown, so the checks below say what went wrong.
					try {
						expect(ticket.deskId).toBe(deskId);
						if (ticket.id % 7 === 0) {
							await markNoShow(f.ctx, f.actor, { deskId, ticketId: ticket.id });
							tally.noShow++;
						} else {
							await startService(f.ctx, f.actor, { deskId, ticketId: ticket.id });
							await finish(f.ctx, f.actor, { deskId, ticketId: ticket.id });
							tally.served++;
						}
					} catch (e) {
						failures.push(`desk ${deskId}, ticket ${ticket.id}: ${isTalonError(e) ? e.code : String(e)}`);
					}
				}
			};
			const perDesk = await Promise.all(f.desks.map(desk));
			await issuer;

			const TOTAL = WAITING + DURING;
			const all = perDesk.flat();
			const twice = all.filter((id, i) => all.indexOf(id) !== i);
			expect(twice, 'tickets handed to more than one desk').toEqual([]);
			expect(failures).toEqual([]);
			expect(all).toHaveLength(TOTAL);
			expect(perDesk.filter((got) => got.length > 0).length).toBeGreaterThan(1);

			const states = await db.sql<{ state: string; count: number; calls: number }[]>`
			select state, count(*)::int, sum(call_count)::int as calls
			from tickets where office_id = ${f.officeId} group by state order by state`;
			expect(states.map((s) => [s.state, s.count, s.calls])).toEqual([
				['done', tally.served, tally.served],
				['no_show', tally.noShow, tally.noShow]
			]);
			const [left] = await db.sql<{ count: number }[]>`
			select count(*)::int from tickets where office_id = ${f.officeId} and state in ('waiting', 'called', 'serving')`;
			expect(left!.count).toBe(0);

			// Exactly one ticket.called per ticket, at the desk that the ticket row names.
			const [called] = await db.sql<{ events: number; tickets: number; mismatched: number }[]>`
			select count(*)::int as events, count(distinct e.ticket_id)::int as tickets,
				count(*) filter (where e.desk_id is distinct from t.desk_id)::int as mismatched
			from events e join tickets t on t.id = e.ticket_id
			where e.office_id = ${f.officeId} and e.type = 'ticket.called'`;
			expect(called).toEqual({ events: TOTAL, tickets: TOTAL, mismatched: 0 });

			// Each ticket's events are in the order of its life: the log is numbered in commit order.
			const lives = await db.sql<{ life: string; count: number }[]>`
			select life, count(*)::int from (
				select string_agg(type, ' ' order by seq) as life from events
				where office_id = ${f.officeId} group by ticket_id) l
			group by life order by life`;
			expect(lives.map((l) => [l.life, l.count])).toEqual([
				['ticket.issued ticket.called ticket.no_show', tally.noShow],
				['ticket.issued ticket.called ticket.started ticket.finished', tally.served]
			]);

			const n = await expectGaplessLog(f);
			expect(n).toBe(TOTAL * 2 + tally.served * 2 + tally.noShow);
		},
		HEAVY_MS
	);

	it.skipIf(!usingServer())(
		`8 desks calling at the same instant for one waiting ticket: exactly one gets it (30 rounds) ${NEEDS_SERVER}`,
		async () => {
			const f = await makeOffice(db.sql, { slug: slug(), desks: 8, now: ticking() });
			for (let round = 0; round < 30; round++) {
				const t = await issue(f, 1);
				const results = await Promise.all(f.desks.map((deskId) => callNext(f.ctx, f.actor, { deskId })));
				const winners = results.filter((r) => r.ticket !== null);
				expect(winners, `round ${round}`).toHaveLength(1);
				expect(winners[0]!.ticket!.id).toBe(t.ticket.id);
				await markNoShow(f.ctx, f.actor, { deskId: winners[0]!.ticket!.deskId!, ticketId: t.ticket.id });
			}
			const [called] = await db.sql<{ count: number }[]>`
			select count(*)::int from events where office_id = ${f.officeId} and type = 'ticket.called'`;
			expect(called!.count).toBe(30);
			expect(await expectGaplessLog(f)).toBe(90);
		}
	);

	it.skipIf(!usingServer())(
		`a cancel racing a call for the same ticket: exactly one of them wins (20 rounds) ${NEEDS_SERVER}`,
		async () => {
			const f = await makeOffice(db.sql, { slug: slug(), desks: 1, now: ticking() });
			const deskId = f.desks[0]!;
			let cancels = 0;
			let calls = 0;
			for (let round = 0; round < 20; round++) {
				const t = await issue(f, 1);
				const [call, cancel] = await Promise.allSettled([
					round % 2 ? callNext(f.ctx, f.actor, { deskId }) : sleep(0).then(() => callNext(f.ctx, f.actor, { deskId })),
					cancelTicket(f.ctx, f.actor, { ticketId: t.ticket.id })
				]);
				expect(call.status).toBe('fulfilled');
				const calledIt = call.status === 'fulfilled' && call.value.ticket?.id === t.ticket.id;
				if (cancel.status === 'rejected') {
					expect(isTalonError(cancel.reason) && cancel.reason.code).toBe('ticket_state_conflict');
					expect(calledIt).toBe(true);
					calls++;
					await markNoShow(f.ctx, f.actor, { deskId, ticketId: t.ticket.id });
				} else {
					expect(calledIt).toBe(false);
					cancels++;
				}
				const [row] = await db.sql<{ state: string }[]>`select state from tickets where id = ${t.ticket.id}`;
				expect(['cancelled', 'no_show']).toContain(row!.state);
			}
			expect(cancels + calls).toBe(20);
			await expectGaplessLog(f);
		}
	);
});
