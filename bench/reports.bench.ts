/**
 * Reports on a year of traffic (issue 12): a 40-desk office (BENCH_DESKS) with 8 services gets
 * `seedHistory` of 365 days (BENCH_DAYS; ~1,000 visitors a weekday, the same code as
 * `talon seed --history 365`), timed; then the summary and by-service reports for the last month
 * and the last year run 20 times each (BENCH_RUNS) through `runReport` — what the API handler
 * calls — and the p50/p95 server time is printed with the query plans' figures (EXPLAIN ANALYZE
 * of the summary's leg query).
 *
 *   npx tsx --tsconfig bench/tsconfig.json bench/reports.bench.ts
 *   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 *
 * Targets: history < 120 s; month < 300 ms and year < 1 s (p95). The schema is dropped at the end.
 */
import { checkServer, createBenchSchema, DEFAULT_URL, BenchRefused } from './server';
import { latencyOf } from './measure';
import { seedHistory } from '../src/lib/server/demo/history';
import { setBookingPlan } from '../src/lib/server/booking/plan';
import { runReport } from '../src/lib/server/reports/run';
import type { StaffPrincipal } from '../src/lib/server/auth/sessions';
import type { ReportName } from '../src/lib/schemas/reports';

const deskCount = Number(process.env.BENCH_DESKS ?? 40);
const days = Number(process.env.BENCH_DAYS ?? 365);
const runs = Number(process.env.BENCH_RUNS ?? 20);

async function main() {
	const server = await checkServer(process.env.BENCH_DATABASE_URL || DEFAULT_URL);
	const db = await createBenchSchema(server, 4);
	const sql = db.sql;
	try {
		const [office] = await sql<{ id: number }[]>`
			insert into offices (slug, name_ru, name_en, time_zone) values ('bench-reports', 'МФЦ «Большой»', 'Big centre', 'Europe/Moscow') returning id`;
		const officeId = office!.id;
		const services: number[] = [];
		for (const [i, p] of ['П', 'З', 'Р', 'Е', 'С', 'М', 'Н', 'К'].entries()) {
			const [s] = await sql<{ id: number }[]>`
				insert into services (office_id, name_ru, name_en, prefix, duration_min, target_wait_min, sort, bookable)
				values (${officeId}, ${'Услуга ' + p}, ${'Service ' + p}, ${p}, ${8 + 2 * i}, ${15 + 5 * (i % 3)}, ${i}, ${i < 6}) returning id`;
			services.push(s!.id);
		}
		for (let n = 1; n <= deskCount; n++) {
			const [d] = await sql<{ id: number }[]>`insert into desks (office_id, number) values (${officeId}, ${n}) returning id`;
			// Each desk serves three neighbouring services of the eight.
			for (let k = 0; k < 3; k++) await sql`insert into desk_services (desk_id, service_id) values (${d!.id}, ${services[(n + k) % 8]!})`;
		}
		await setBookingPlan(sql, officeId);

		const seeded = await seedHistory(sql, { officeId, days });
		console.log(
			`history: ${seeded.days} days (${seeded.openDays} open), ${seeded.tickets} tickets (${Math.round(seeded.tickets / seeded.openDays)}/open day), ` +
				`${seeded.legs} legs, ${seeded.bookings} bookings, ${seeded.ratings} ratings in ${(seeded.ms / 1000).toFixed(1)} s`
		);
		await sql`analyze ticket_legs, ratings, bookings`;

		const admin: StaffPrincipal = {
			staffId: 0,
			login: 'bench',
			displayName: 'bench',
			roles: ['admin'],
			officeIds: []
		} as unknown as StaffPrincipal;
		const [lastRow] = await sql<{ last: string }[]>`select max(local_day)::text as last from ticket_legs where office_id = ${officeId}`;
		const last = lastRow!.last;
		const back = (n: number) => new Date(Date.parse(last + 'T00:00:00Z') - n * 86_400_000).toISOString().slice(0, 10);
		const periods = { month: { from: back(29), to: last }, year: { from: back(364), to: last } };
		const results: Record<string, { p50: number; p95: number }> = {};
		for (const [period, range] of Object.entries(periods)) {
			for (const report of ['summary', 'by-service'] as ReportName[]) {
				const samples: number[] = [];
				await runReport(sql, admin, report, { office: String(officeId), ...range }); // warm-up
				for (let i = 0; i < runs; i++) {
					const t = performance.now();
					await runReport(sql, admin, report, { office: String(officeId), ...range });
					samples.push(performance.now() - t);
				}
				const l = latencyOf(samples);
				results[`${report} ${period}`] = { p50: l.p50, p95: l.p95 };
				console.log(
					`${report.padEnd(10)} ${period.padEnd(5)} ${range.from}..${range.to}  p50 ${l.p50.toFixed(1)} ms  p95 ${l.p95.toFixed(1)} ms`
				);
			}
		}
		for (const [period, range] of Object.entries(periods)) {
			const plan = await sql.unsafe(
				`explain (analyze, buffers) select count(*) filter (where leg = 1), avg(wait_sec),
					percentile_cont(array[0.5, 0.9]) within group (order by wait_sec), avg(service_sec)
				 from ticket_legs where office_id = $1 and local_day between $2 and $3`,
				[officeId, range.from, range.to]
			);
			console.log(`plan (${period}):\n  ` + plan.map((r) => (r as Record<string, string>)['QUERY PLAN']).join('\n  '));
		}
		const [size] = await sql<{ table: string; index: string }[]>`
			select pg_size_pretty(pg_relation_size('ticket_legs')) as table, pg_size_pretty(pg_relation_size('ticket_legs_office_day')) as index`;
		console.log(`ticket_legs: ${size!.table}, index (office_id, local_day): ${size!.index}`);
		const ok =
			seeded.ms < 120_000 &&
			results['summary month']!.p95 < 300 &&
			results['by-service month']!.p95 < 300 &&
			results['summary year']!.p95 < 1000 &&
			results['by-service year']!.p95 < 1000;
		console.log(JSON.stringify({ bench: 'talon-reports', historyMs: seeded.ms, tickets: seeded.tickets, results, ok }));
		if (!ok) process.exitCode = 1;
	} finally {
		await db.close();
	}
}

main().catch((e) => {
	console.error(e instanceof BenchRefused ? e.message : e);
	process.exit(e instanceof BenchRefused ? 2 : 1);
});
