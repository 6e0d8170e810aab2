/**
 * The queue engine against PostgreSQL's own pgbench, on the same local server, in one run:
 *   1. pgbench simple-update TPS (the yardstick),
 *   2. ticket issuance per second,
 *   3. call-next cycles (call-next + start + finish) per second,
 * and the ratios engine/pgbench, which are what we track from one change to the next.
 *
 *   npm run bench        (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 *
 * Bounded: about 45 s with the defaults, stopped at 90 s. Leaves nothing behind: the pgbench
 * database and the engine's schema are dropped, also when a phase fails or the run is stopped.
 */
import os from 'node:os';
import { runPgbench, type PgbenchResult } from './pgbench';
import { BenchRefused, checkServer, createBenchSchema, DEFAULT_URL, type BenchServer } from './server';
import { callNextPhase, issuancePhase } from './phases';
import type { Latency, LoopResult } from './measure';

interface Settings {
	url: string;
	/** Connections on both sides: pgbench clients, engine workers, pool size, open desks. Default 8. */
	clients: number;
	/** Length of each measured window, seconds (plus 1 s of warm-up for the engine phases). Default 10. */
	seconds: number;
	/**
	 * Waiting tickets issued before the desks start calling. Default 2,000. Call-next reads every
	 * waiting candidate of the desk's services, so its cost grows with the queue: the depth is
	 * fixed so that runs compare. 8 desks drained about 550 of 3,000 in an 11 s window on 2 cores,
	 * so 2,000 leaves plenty, and issuing them (through the engine, untimed) takes about 8 s.
	 */
	depth: number;
}

function settings(): Settings {
	return {
		url: process.env.BENCH_DATABASE_URL || DEFAULT_URL,
		clients: intEnv('BENCH_CLIENTS', 8),
		seconds: intEnv('BENCH_SECONDS', 10),
		depth: intEnv('BENCH_DEPTH', 2000)
	};
}

const DEADLINE_MS = 90_000;

function intEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (!raw) return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1) throw new BenchRefused(`${name} must be a positive integer, got "${raw}"`);
	return n;
}

const cleanups: (() => Promise<void>)[] = [];

async function cleanUp(): Promise<void> {
	while (cleanups.length > 0) {
		const step = cleanups.pop()!;
		await step().catch((e) => console.error(`bench: cleanup failed: ${e instanceof Error ? e.message : e}`));
	}
}

function stopAt(deadlineMs: number): void {
	const stop = async (why: string) => {
		console.error(`bench: ${why}; cleaning up and stopping`);
		await Promise.race([cleanUp(), new Promise((r) => setTimeout(r, 5000))]);
		process.exit(1);
	};
	setTimeout(() => void stop(`still running after ${deadlineMs / 1000} s`), deadlineMs).unref();
	process.once('SIGINT', () => void stop('interrupted'));
	process.once('SIGTERM', () => void stop('terminated'));
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const ms = (l: Latency | undefined) => (l ? `${fmt(l.p50, 1)} / ${fmt(l.p95, 1)} / ${fmt(l.p99, 1)} ms` : '-');

function report(server: BenchServer, pgbench: PgbenchResult, issue: Awaited<ReturnType<typeof issuancePhase>>, calls: Awaited<ReturnType<typeof callNextPhase>>) {
	const issueRatio = issue.perSecond / pgbench.tps;
	const callRatio = calls.perSecond / pgbench.tps;
	const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
	const rows: [string, string, string][] = [
		['pgbench simple-update', `${fmt(pgbench.tps)} tps`, `avg ${pgbench.latencyAvgMs ?? '-'} ms`],
		['ticket issuance', `${fmt(issue.perSecond)} /s`, `p50/p95/p99 ${ms(issue.latency.issue)}`],
		['call-next cycle', `${fmt(calls.perSecond)} /s`, `p50/p95/p99 ${ms(calls.latency.cycle)}`],
		['  call-next alone', '', `p50/p95/p99 ${ms(calls.latency.callNext)}`],
		['issuance / pgbench', fmt(issueRatio, 3), ''],
		['call-next / pgbench', fmt(callRatio, 3), '']
	];
	const w0 = Math.max(...rows.map((r) => r[0].length));
	const w1 = Math.max(...rows.map((r) => r[1].length));
	console.log('');
	console.log(`Talon engine bench, ${new Date().toISOString()}`);
	console.log(`machine: ${os.availableParallelism()} cores (${cpu}), node ${process.version}, PostgreSQL ${server.version}`);
	console.log(`load: ${CLIENTS} connections, ${SECONDS} s windows; ${pgbench.command}`);
	console.log(`queues: issuance grew to ${issue.waitingAtEnd} waiting; desks called from ${calls.waitingAtStart} down to ${calls.waitingAtEnd}`);
	if (calls.ranDry) console.log('warning: the desks emptied the queue before the window ended; raise BENCH_DEPTH');
	console.log('');
	for (const [a, b, c] of rows) console.log(`  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd());
	console.log('');
	const round = (n: number, d: number) => Number(n.toFixed(d));
	const lat = (l: Latency | undefined) => (l ? { p50: round(l.p50, 2), p95: round(l.p95, 2), p99: round(l.p99, 2) } : null);
	console.log(
		JSON.stringify({
			bench: 'talon-engine',
			at: new Date().toISOString(),
			nproc: os.availableParallelism(),
			node: process.version,
			postgres: server.version,
			clients: CLIENTS,
			seconds: SECONDS,
			depth: DEPTH,
			pgbenchTps: round(pgbench.tps, 1),
			issuePerSec: round(issue.perSecond, 1),
			issueMs: lat(issue.latency.issue),
			callCyclesPerSec: round(calls.perSecond, 1),
			cycleMs: lat(calls.latency.cycle),
			callNextMs: lat(calls.latency.callNext),
			issueRatio: round(issueRatio, 4),
			callRatio: round(callRatio, 4),
			queueRanDry: calls.ranDry
		})
	);
}

function progress(label: string, r?: LoopResult): void {
	console.error(r ? `bench: ${label}: ${r.count} in ${r.seconds} s` : `bench: ${label}...`);
}

async function main(): Promise<void> {
	stopAt(DEADLINE_MS);
	const server = await checkServer(process.env.BENCH_DATABASE_URL ?? DEFAULT_URL);
	const threads = Math.min(CLIENTS, os.availableParallelism());

	progress(`pgbench simple-update, ${CLIENTS} clients, ${SECONDS} s`);
	const pgbench = await runPgbench(server, {
		clients: CLIENTS,
		threads,
		seconds: SECONDS,
		onCleanup: (drop) => cleanups.push(drop)
	});

	const db = await createBenchSchema(server, CLIENTS);
	cleanups.push(db.close);
	const phase = { clients: CLIENTS, seconds: SECONDS, warmupSeconds: 1 };

	progress(`ticket issuance, ${CLIENTS} workers, ${SECONDS} s`);
	const issue = await issuancePhase(db.sql, phase);
	progress('ticket issuance', issue);

	progress(`call-next, ${DEPTH} waiting tickets, ${CLIENTS} desks, ${SECONDS} s`);
	const calls = await callNextPhase(db.sql, { ...phase, depth: DEPTH });
	progress('call-next cycles', calls);

	await cleanUp();
	report(server, pgbench, issue, calls);
}

main().catch(async (e) => {
	await cleanUp();
	if (e instanceof BenchRefused) console.error(`bench: not running: ${e.message}`);
	else console.error('bench: failed:', e);
	process.exit(e instanceof BenchRefused ? 2 : 1);
});
