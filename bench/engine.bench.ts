/**
 * The queue engine against PostgreSQL's own pgbench, on the same local server, in one run:
 *   1. pgbench simple-update TPS (the yardstick),
 *   2. ticket issuance per second,
 *   3. call-next cycles (call-next + start + finish) per second,
 * and the ratios engine/pgbench, which are what we track from one change to the next.
 *
 *   npm run bench        (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 *
 * Bounded: 50–65 s with the defaults on 2 cores, stopped at 90 s. Leaves nothing behind: the pgbench
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

/** The whole run is stopped (and cleaned up) after this; the limits below keep it well inside. */
const DEADLINE_MS = 90_000;

function settings(): Settings {
	return {
		url: process.env.BENCH_DATABASE_URL || DEFAULT_URL,
		clients: intEnv('BENCH_CLIENTS', 8, 32),
		seconds: intEnv('BENCH_SECONDS', 10, 15),
		depth: intEnv('BENCH_DEPTH', 2000, 5000)
	};
}

function intEnv(name: string, fallback: number, max: number): number {
	const raw = process.env[name];
	if (!raw) return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1 || n > max) {
		throw new BenchRefused(`${name} must be an integer from 1 to ${max} (the run must end within 90 s), got "${raw}"`);
	}
	return n;
}

const cleanups: (() => Promise<void>)[] = [];

async function cleanUp(): Promise<void> {
	while (cleanups.length > 0) {
		const step = cleanups.pop()!;
		await step().catch((e) => console.error(`bench: cleanup failed: ${e instanceof Error ? e.message : e}`));
	}
}

/** Set once the run is being stopped: the phases then fail as their connections close, quietly. */
let stopping = false;

function stopAt(deadlineMs: number): void {
	const stop = async (why: string) => {
		stopping = true;
		console.error(`bench: ${why}; cleaning up and stopping`);
		await Promise.race([cleanUp(), new Promise((r) => setTimeout(r, 5000))]);
		process.exit(1);
	};
	setTimeout(() => void stop(`still running after ${deadlineMs / 1000} s`), deadlineMs).unref();
	process.once('SIGINT', () => void stop('interrupted'));
	process.once('SIGTERM', () => void stop('terminated'));
}

type Issuance = Awaited<ReturnType<typeof issuancePhase>>;
type Calls = Awaited<ReturnType<typeof callNextPhase>>;

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const ms = (l: Latency | undefined) => (l ? `${fmt(l.p50, 1)} / ${fmt(l.p95, 1)} / ${fmt(l.p99, 1)} ms` : '-');
const round = (n: number, digits: number) => Number(n.toFixed(digits));
const rounded = (l: Latency | undefined) => (l ? { p50: round(l.p50, 2), p95: round(l.p95, 2), p99: round(l.p99, 2) } : null);

/** `load`: the 1-minute load average before the run; high means other work shared the CPUs. */
function report(s: Settings, server: BenchServer, load: number, pgbench: PgbenchResult, issue: Issuance, calls: Calls): void {
	const issueRatio = issue.perSecond / pgbench.tps;
	const callRatio = calls.perSecond / pgbench.tps;
	const cores = os.availableParallelism();
	const rows: [string, string, string][] = [
		['pgbench simple-update', `${fmt(pgbench.tps)} tps`, `latency avg ${pgbench.latencyAvgMs ?? '-'} ms`],
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
	console.log(
		`machine: ${cores} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), node ${process.version}, PostgreSQL ${server.version}`
	);
	console.log(`load average before the run: ${load.toFixed(2)}${load > cores / 2 ? ' (other work was running: figures are noisy)' : ''}`);
	console.log(`clients: ${s.clients} connections each; ${pgbench.command}; engine windows ${s.seconds} s after 1 s warm-up`);
	console.log(
		`queues: issuance grew to ${issue.waitingAtEnd} waiting; desks called from ${calls.waitingAtStart} down to ${calls.waitingAtEnd}`
	);
	if (calls.ranDry) console.log('warning: the desks emptied the queue before the window ended; raise BENCH_DEPTH');
	console.log('');
	for (const [a, b, c] of rows) console.log(`  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd());
	console.log('');
	console.log(
		JSON.stringify({
			bench: 'talon-engine',
			at: new Date().toISOString(),
			nproc: cores,
			loadAvg1: round(load, 2),
			node: process.version,
			postgres: server.version,
			clients: s.clients,
			seconds: s.seconds,
			depth: s.depth,
			pgbenchTps: round(pgbench.tps, 1),
			issuePerSec: round(issue.perSecond, 1),
			issueMs: rounded(issue.latency.issue),
			callCyclesPerSec: round(calls.perSecond, 1),
			cycleMs: rounded(calls.latency.cycle),
			callNextMs: rounded(calls.latency.callNext),
			issueRatio: round(issueRatio, 4),
			callRatio: round(callRatio, 4),
			queueRanDry: calls.ranDry
		})
	);
}

/** An engine error fails the run (a benchmark that hides a wrong answer measures nothing); say where. */
async function phase<T>(name: string, body: () => Promise<T>): Promise<T> {
	try {
		return await body();
	} catch (e) {
		const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
		const params = (e as { params?: unknown }).params;
		throw new Error(`${name} phase: ${detail}${params ? ` ${JSON.stringify(params)}` : ''}`, { cause: e });
	}
}

/** Progress goes to stderr, so stdout is the table and the JSON line only. */
function progress(label: string, r?: LoopResult): void {
	console.error(r ? `bench: ${label}: ${r.count} in ${r.seconds} s` : `bench: ${label}...`);
}

async function main(): Promise<void> {
	stopAt(DEADLINE_MS);
	const s = settings();
	const load = os.loadavg()[0]!;
	const server = await checkServer(s.url);

	progress(`pgbench simple-update, ${s.clients} clients, ${s.seconds} s`);
	const pgbench = await phase('pgbench', () =>
		runPgbench(server, {
			clients: s.clients,
			threads: Math.min(s.clients, os.availableParallelism()),
			seconds: s.seconds,
			onCleanup: (drop) => cleanups.push(drop)
		})
	);

	const db = await createBenchSchema(server, s.clients);
	cleanups.push(db.close);
	const timing = { clients: s.clients, seconds: s.seconds, warmupSeconds: 1 };

	progress(`ticket issuance, ${s.clients} workers, ${s.seconds} s`);
	const issue = await phase('issuance', () => issuancePhase(db.sql, timing));
	progress('ticket issuance', issue);

	progress(`call-next: issuing ${s.depth} waiting tickets, then ${s.clients} desks for ${s.seconds} s`);
	const calls = await phase('call-next', () => callNextPhase(db.sql, { ...timing, depth: s.depth }));
	progress('call-next cycles', calls);

	await cleanUp();
	report(s, server, load, pgbench, issue, calls);
}

main().catch(async (e) => {
	if (stopping) return;
	await cleanUp();
	if (e instanceof BenchRefused) console.error(`bench: not running: ${e.message}`);
	else console.error(`bench: failed: ${e instanceof Error ? e.message : e}`);
	process.exit(e instanceof BenchRefused ? 2 : 1);
});
