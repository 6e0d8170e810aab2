/**
 * Where an engine command's time goes, on a real PostgreSQL with pg_stat_statements:
 * runs one phase for 10 s with 8 workers (as bench/network.bench.ts does), then prints the
 * statements by total time and the CPU each command cost this process and the server's
 * backends (CPU, unlike wall time, barely moves with what else the machine is doing).
 *
 *   PHASE=network|cycles npx tsx --tsconfig bench/tsconfig.json bench/engine-profile.ts
 *   TSX_TSCONFIG_PATH=bench/tsconfig.json PHASE=cycles node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/engine-profile.ts
 *
 * Needs `shared_preload_libraries = 'pg_stat_statements'` on the server (bench/README.md);
 * without it only the CPU figures are printed. The postgres CPU is every `postgres` process of
 * the machine (read from /proc), so run it on a machine where nothing else uses the server.
 */
import { readdirSync, readFileSync } from 'node:fs';
import postgres from 'postgres';
import { callNext, finish, issueTicket, startService, type EngineContext } from '$lib/server/queue';
import type { Sql } from '$lib/server/db/connect';
import { engineHooks } from '$lib/server/engine-hooks';
import { makeOffice, type Fixture } from '../tests/helpers/fixture';
import { checkServer, createBenchSchema, DEFAULT_URL } from './server';
import { runLoops } from './measure';

const phase = process.env.PHASE === 'cycles' ? 'cycles' : 'network';
const url = process.env.BENCH_DATABASE_URL || DEFAULT_URL;
const server = await checkServer(url);
const db = await createBenchSchema(server, 8);
const sql: Sql = db.sql;
const ctx: EngineContext = { sql, publish: () => {}, hooks: engineHooks };
const fixtures: Fixture[] = [];
for (let i = 0; i < (phase === 'network' ? 100 : 1); i++) fixtures.push(await makeOffice(sql, { slug: `profile-${i}`, desks: 8 }));
if (phase === 'cycles') {
	const o = fixtures[0]!;
	for (let i = 0; i < 1500; i++) {
		await issueTicket(ctx, o.actor, { officeId: o.officeId, serviceId: i % 2 ? o.services.a : o.services.b, source: 'kiosk' });
	}
}
await sql`analyze`;

/** CPU time of every postgres process, ms (utime + stime from /proc, 100 ticks a second). */
function postgresCpuMs(): number {
	let ticks = 0;
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		let stat: string;
		try {
			stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		} catch {
			continue; // the process ended meanwhile
		}
		if (!stat.includes('(postgres)')) continue;
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		ticks += Number(fields[11]) + Number(fields[12]);
	}
	return ticks * 10;
}

const admin = postgres(url, { max: 1, onnotice: () => {}, transform: postgres.camel });
const statements = await admin`select 1 from pg_extension where extname = 'pg_stat_statements'`.then(
	(r) => r.length > 0,
	() => false
);
if (statements) await admin`select pg_stat_statements_reset()`;
const cpu0 = process.cpuUsage();
const pg0 = postgresCpuMs();
let ops = 0;
const result = await runLoops({
	seconds: 10,
	warmupSeconds: 1,
	workers: 8,
	op: async (w, time) => {
		ops++;
		if (phase === 'cycles') {
			const o = fixtures[0]!;
			const deskId = o.desks[w]!;
			const { ticket } = await time('callNext', () => callNext(ctx, o.actor, { deskId }));
			if (!ticket) return false;
			await startService(ctx, o.actor, { deskId, ticketId: ticket.id });
			await finish(ctx, o.actor, { deskId, ticketId: ticket.id });
			return true;
		}
		const o = fixtures[Math.floor(Math.random() * fixtures.length)]!;
		const serviceId = Math.random() < 0.5 ? o.services.a : o.services.b;
		await time('issue', () => issueTicket(ctx, o.actor, { officeId: o.officeId, serviceId, source: 'kiosk' }));
		return true;
	}
});
const cpu = process.cpuUsage(cpu0);
const pgMs = postgresCpuMs() - pg0;
const per = phase === 'cycles' ? 'cycle (call-next + start + finish)' : 'issue';
console.log(`${phase}: ${result.perSecond.toFixed(0)}/s, latency ms ${JSON.stringify(result.latency)}`);
console.log(`CPU per ${per}: node ${((cpu.user + cpu.system) / 1000 / ops).toFixed(3)} ms, postgres ${(pgMs / ops).toFixed(3)} ms`);
if (statements) {
	const rows = await admin<{ calls: number; totalMs: number; meanMs: number; query: string }[]>`
		select calls::int, round(total_exec_time::numeric, 0)::int as total_ms, round(mean_exec_time::numeric, 3)::float as mean_ms,
			left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 110) as query
		from pg_stat_statements where query not like '%pg_stat_statements%' and calls >= ${Math.floor(ops / 2)}
		order by total_exec_time desc limit 20`;
	console.log(`statements run at least once per two ${per}s, by total time:`);
	for (const r of rows)
		console.log(`${String(r.calls).padStart(7)} ${String(r.totalMs).padStart(6)} ms ${r.meanMs.toFixed(3).padStart(7)} ms  ${r.query}`);
}
await admin.end();
await db.close();
