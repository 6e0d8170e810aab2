/**
 * Online booking under a crowd: 500 concurrent clients (BENCH_BOOKING_CLIENTS) each loop
 * "read the free times of a day, book one of them" through the booking module
 * (src/lib/server/booking) on a real PostgreSQL, with a pool of 20 connections (BENCH_POOL).
 * Reports bookings/s, how many lost a race (`slot_taken`, the expected answer when many pick the
 * same time) and p50/p95/p99 of each stage.
 *
 *   npx tsx --tsconfig bench/tsconfig.json bench/booking.bench.ts
 *   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; BENCH_SECONDS, default 10)
 *
 * Leaves nothing behind: the schema is dropped at the end. Afterwards it checks that no slot holds
 * more bookings than its capacity and that the counters match the bookings.
 */
import { checkServer, createBenchSchema, DEFAULT_URL, BenchRefused } from './server';
import { runLoops } from './measure';
import { makeOffice } from '../tests/helpers/fixture';
import { setBookingPlan } from '../src/lib/server/booking/plan';
import { createBooking } from '../src/lib/server/booking/bookings';
import { freeSlots, freeDays } from '../src/lib/server/booking/slots';
import { isTalonError } from '../src/lib/errors';

const clients = Number(process.env.BENCH_BOOKING_CLIENTS ?? 500);
const pool = Number(process.env.BENCH_POOL ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

async function main() {
	const server = await checkServer(process.env.BENCH_DATABASE_URL || DEFAULT_URL);
	const db = await createBenchSchema(server, pool);
	try {
		// 8 desks serving both services, all desk time for bookings: 8 places per slot and service.
		const f = await makeOffice(db.sql, { slug: 'bench-booking', desks: 8 });
		await setBookingPlan(db.sql, f.officeId, { bookingShare: 1, minLeadMin: 0, horizonDays: 30, publicHolidays: false });
		const now = new Date();
		const services = [f.services.a, f.services.b];
		const days = new Map<number, string[]>();
		for (const s of services)
			days.set(
				s,
				(await freeDays(db.sql, { officeId: f.officeId, serviceId: s, now })).days.map((d) => d.day)
			);
		let phones = 0;
		const outcomes = { booked: 0, slot_taken: 0, other: 0 };
		const otherCodes: Record<string, number> = {};
		const result = await runLoops({
			workers: clients,
			seconds,
			warmupSeconds: 1,
			op: async (w, time) => {
				const serviceId = services[w % 2]!;
				const list = days.get(serviceId)!;
				// Crowds favour the first days: half of the clients pick among the first three.
				const day = list[w % 2 === 0 ? Math.floor(Math.random() * Math.min(3, list.length)) : Math.floor(Math.random() * list.length)]!;
				const free = await time('slots', () => freeSlots(db.sql, { officeId: f.officeId, serviceId, day, now: new Date() }));
				if (free.length === 0) return true;
				const pick = free[Math.floor(Math.random() * Math.min(4, free.length))]!;
				const n = ++phones;
				try {
					await time('book', () =>
						createBooking(
							db.sql,
							{
								officeId: f.officeId,
								serviceId,
								startsAt: new Date(pick.startsAt),
								name: `Bench ${n}`,
								phone: `+7916${String(n).padStart(7, '0')}`,
								email: null
							},
							new Date()
						)
					);
					outcomes.booked++;
				} catch (e) {
					if (isTalonError(e) && e.code === 'slot_taken') outcomes.slot_taken++;
					else if (isTalonError(e)) {
						outcomes.other++;
						otherCodes[e.code] = (otherCodes[e.code] ?? 0) + 1;
					} else throw e;
				}
				return true;
			}
		});
		const [check] = await db.sql<{ over: number; mismatched: number; bookings: number }[]>`
			select (select count(*)::int from booking_slots where taken > capacity) as over,
				(select count(*)::int from booking_slots s where s.taken <> (select count(*) from bookings b
					where b.office_id = s.office_id and b.service_id = s.service_id and b.starts_at = s.starts_at and b.state = 'booked')) as mismatched,
				(select count(*)::int from bookings) as bookings`;
		const fmt = (x: number) => x.toFixed(1);
		console.log(`PostgreSQL ${server.version}; ${clients} concurrent clients, pool ${pool}, ${seconds} s window`);
		console.log(
			`completed loops: ${result.count} (${fmt(result.perSecond)}/s); outcomes over the whole run: booked ${outcomes.booked}, slot_taken ${outcomes.slot_taken}, other ${outcomes.other}`
		);
		if (outcomes.other) console.log(`other refusals by code: ${JSON.stringify(otherCodes)}`);
		for (const [stage, l] of Object.entries(result.latency))
			console.log(`  ${stage.padEnd(6)} p50 ${fmt(l.p50)} ms  p95 ${fmt(l.p95)} ms  p99 ${fmt(l.p99)} ms`);
		console.log(
			`bookings in the database: ${check!.bookings}; slots over capacity: ${check!.over}; counters not matching bookings: ${check!.mismatched}`
		);
		if (check!.over > 0 || check!.mismatched > 0) process.exitCode = 1;
	} finally {
		await db.close();
	}
}

main().catch((e) => {
	console.error(e instanceof BenchRefused ? e.message : e);
	process.exit(e instanceof BenchRefused ? 2 : 1);
});
