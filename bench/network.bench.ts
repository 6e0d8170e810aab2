/**
 * Issuance across a network of offices, one busy office and call-next cycles, next to PostgreSQL's
 * own pgbench simple-update TPS measured in the same run on the same server (issue 14, item 2):
 *   1. pgbench simple-update TPS (the yardstick), `BENCH_CLIENTS` connections;
 *   2. network: `NETWORK_OFFICES` offices (default 100), the same number of workers issue tickets
 *      back to back, each to a random office and service (kiosks of a region);
 *   3. one busy office: every worker issues into the same office;
 *   4. call-next cycles (call-next + start + finish) in one office of `BENCH_CLIENTS` desks over
 *      `BENCH_DEPTH` waiting tickets.
 * Unlike `engine.bench.ts` the engine runs with the app's hooks (kiosk print jobs, notices), as in
 * production; events are dropped instead of broadcast (broadcasting happens after commit).
 *
 *   npx tsx --tsconfig bench/tsconfig.json bench/network.bench.ts
 *
 * Targets (issue 14): network ≥ 0.5 × pgbench; busy office ≥ 500 tickets/s with p99 < 100 ms;
 * call-next cycles ≥ 300/s. Leaves nothing behind (scratch database and schema dropped).
 */
import os from 'node:os';
import { callNext, finish, issueTicket, startService, type EngineContext } from '$lib/server/queue';
import type { Sql } from '$lib/server/db/connect';
import { engineHooks } from '$lib/server/engine-hooks';
import { makeOffice, type Fixture } from '../tests/helpers/fixture';
import { runPgbench } from './pgbench';
import { BenchRefused, checkServer, createBenchSchema, DEFAULT_URL } from './server';
import { runLoops, type Latency, type LoopResult } from './measure';

const int = (name: string, fallback: number) => {
	const n = Number(process.env[name] ?? fallback);
	if (!Number.isInteger(n) || n < 1) throw new BenchRefused(`${name} must be a positive integer`);
	return n;
};
const clients = int('BENCH_CLIENTS', 8);
const seconds = int('BENCH_SECONDS', 10);
const depth = int('BENCH_DEPTH', 1500); // two prefixes of 999 live numbers each: 2,000 ran out (numbers_exhausted)
const offices = int('NETWORK_OFFICES', 100);
const timing = { seconds, warmupSeconds: 1, workers: clients };

const ctxOf = (sql: Sql): EngineContext => ({ sql, publish: () => {}, hooks: engineHooks });
const fmt = (l: Latency | undefined) => (l ? `${l.p50.toFixed(1)} / ${l.p95.toFixed(1)} / ${l.p99.toFixed(1)} ms` : '-');
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp() {
	while (cleanups.length) await cleanups.pop()!().catch((e) => console.error(`bench: cleanup failed: ${e}`));
}

/**
 * A fresh schema has no planner statistics until autovacuum comes by; a production database has
 * them. Without them the notices' open-alerts query (src/lib/server/notices/tickets.ts) walked an
 * office's 1,500 waiting tickets (1.4 ms) instead of the empty alerts table (0.03 ms), inside
 * every command's office lock.
 */
async function analyze(sql: Sql) {
	await sql`analyze`;
}

async function network(sql: Sql): Promise<LoopResult> {
	const fixtures: Fixture[] = [];
	for (let i = 0; i < offices; i++) fixtures.push(await makeOffice(sql, { slug: `bench-net-${i}`, desks: 4 }));
	await analyze(sql);
	const ctx = ctxOf(sql);
	return runLoops({
		...timing,
		op: async (_w, time) => {
			const o = fixtures[Math.floor(Math.random() * fixtures.length)]!;
			const serviceId = Math.random() < 0.5 ? o.services.a : o.services.b;
			await time('issue', () => issueTicket(ctx, o.actor, { officeId: o.officeId, serviceId, source: 'kiosk' }));
			return true;
		}
	});
}

/**
 * A busy office's kiosks: at 500 tickets/s an 11 s window issues ~5,500 tickets that nobody serves,
 * past the 999 live numbers of a prefix; an office that busy has many services, so this one gets
 * ten prefixes (9,990 live numbers) and the workers go round them.
 */
async function busyOffice(sql: Sql): Promise<LoopResult> {
	const o = await makeOffice(sql, { slug: 'bench-busy', desks: 8 });
	const services = [o.services.a, o.services.b];
	for (const prefix of ['А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'И']) {
		const [s] = await sql<{ id: number }[]>`
			insert into services (office_id, name_ru, name_en, prefix, duration_min)
			values (${o.officeId}, ${'Услуга ' + prefix}, ${'Service ' + prefix}, ${prefix}, 10) returning id`;
		await sql`insert into desk_services (desk_id, service_id, priority) select unnest(${o.desks}::int[]), ${s!.id}, 5`;
		services.push(s!.id);
	}
	await analyze(sql);
	const ctx = ctxOf(sql);
	let n = 0;
	return runLoops({
		...timing,
		op: async (_w, time) => {
			const serviceId = services[n++ % services.length]!;
			await time('issue', () => issueTicket(ctx, o.actor, { officeId: o.officeId, serviceId, source: 'kiosk' }));
			return true;
		}
	});
}

async function cycles(sql: Sql): Promise<LoopResult> {
	const o = await makeOffice(sql, { slug: 'bench-calls', desks: clients });
	const ctx = ctxOf(sql);
	let issued = 0;
	await Promise.all(
		Array.from({ length: clients }, async () => {
			while (issued < depth) {
				const serviceId = issued++ % 2 ? o.services.a : o.services.b;
				await issueTicket(ctx, o.actor, { officeId: o.officeId, serviceId, source: 'kiosk' });
			}
		})
	);
	await analyze(sql);
	return runLoops({
		...timing,
		op: async (w, time) => {
			const deskId = o.desks[w]!;
			return time('cycle', async () => {
				const { ticket } = await time('callNext', () => callNext(ctx, o.actor, { deskId }));
				if (!ticket) return false;
				await startService(ctx, o.actor, { deskId, ticketId: ticket.id });
				await finish(ctx, o.actor, { deskId, ticketId: ticket.id });
				return true;
			});
		}
	});
}

async function main() {
	setTimeout(() => {
		console.error('bench: still running after 240 s; stopping');
		void cleanUp().finally(() => process.exit(1));
	}, 240_000).unref();
	const load = os.loadavg()[0]!;
	const server = await checkServer(process.env.BENCH_DATABASE_URL || DEFAULT_URL);
	console.error(`bench: pgbench simple-update, ${clients} clients, ${seconds} s`);
	const pg = await runPgbench(server, {
		clients,
		threads: Math.min(clients, os.availableParallelism()),
		seconds,
		onCleanup: (drop) => cleanups.push(drop)
	});
	const db = await createBenchSchema(server, clients);
	cleanups.push(db.close);
	console.error(`bench: network of ${offices} offices, ${clients} workers`);
	const net = await network(db.sql);
	console.error(`bench: one busy office, ${clients} workers`);
	const busy = await busyOffice(db.sql);
	console.error(`bench: call-next cycles, ${clients} desks over ${depth} waiting`);
	const calls = await cycles(db.sql);
	await cleanUp();
	const loadAfter = os.loadavg()[0]!;
	const cores = os.availableParallelism();
	console.log(`\nTalon network bench, ${new Date().toISOString()}`);
	console.log(
		`machine: ${cores} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, node ${process.version}, PostgreSQL ${server.version}`
	);
	console.log(
		`load average (1 min): ${load.toFixed(2)} before, ${loadAfter.toFixed(2)} after; ${clients} connections everywhere; ${pg.command}`
	);
	const rows: [string, string, string, string][] = [
		['pgbench simple-update', `${pg.tps.toFixed(0)} tps`, '', ''],
		[
			`issuance, ${offices} offices`,
			`${net.perSecond.toFixed(0)} /s`,
			fmt(net.latency.issue),
			`${(net.perSecond / pg.tps).toFixed(3)} × pgbench (target ≥ 0.5)`
		],
		['issuance, one busy office', `${busy.perSecond.toFixed(0)} /s`, fmt(busy.latency.issue), 'target ≥ 500/s, p99 < 100 ms'],
		[
			'call-next cycles',
			`${calls.perSecond.toFixed(0)} /s`,
			fmt(calls.latency.cycle),
			`call-next alone ${fmt(calls.latency.callNext)}; target ≥ 300/s`
		]
	];
	console.log('| phase | rate | p50 / p95 / p99 | vs |');
	console.log('| --- | ---: | ---: | --- |');
	for (const r of rows) console.log(`| ${r.join(' | ')} |`);
	if (calls.ranDry) console.log('warning: the desks emptied the queue; raise BENCH_DEPTH');
	console.log(
		JSON.stringify({
			bench: 'talon-network',
			loadAvg1: [load, loadAfter],
			pgbenchTps: pg.tps,
			networkPerSec: net.perSecond,
			networkMs: net.latency.issue,
			networkRatio: net.perSecond / pg.tps,
			busyPerSec: busy.perSecond,
			busyMs: busy.latency.issue,
			cyclesPerSec: calls.perSecond,
			cycleMs: calls.latency.cycle
		})
	);
}

main().catch(async (e) => {
	await cleanUp();
	console.error(e instanceof BenchRefused ? `bench: not running: ${e.message}` : e);
	process.exit(e instanceof BenchRefused ? 2 : 1);
});
