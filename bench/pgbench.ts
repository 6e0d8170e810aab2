import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import postgres from 'postgres';
import type { BenchServer } from './server';

const run = promisify(execFile);

/**
 * PostgreSQL's own pgbench on the same server, as the yardstick the engine's figures are divided
 * by: the built-in `simple-update` script (one small transaction of an update, two selects and an
 * insert) with the engine's number of connections. The ratio moves when the engine changes, not
 * when the machine does.
 */
export interface PgbenchResult {
	tps: number;
	latencyAvgMs: number | null;
	command: string;
}

function pgbenchBinary(): string {
	for (const dir of (process.env.PATH ?? '').split(':')) {
		if (dir && existsSync(`${dir}/pgbench`)) return `${dir}/pgbench`;
	}
	// Debian installs it beside the server but links only some tools into /usr/bin.
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	for (const v of versions) if (existsSync(`${root}/${v}/bin/pgbench`)) return `${root}/${v}/bin/pgbench`;
	throw new Error('pgbench not found (Debian: apt-get install postgresql-contrib or postgresql-client)');
}

/** Reads `tps = 1234.5 (without initial connection time)` (PostgreSQL 14+) or the older wording. */
export function parsePgbench(output: string): { tps: number; latencyAvgMs: number | null } {
	const tps =
		/^tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/m.exec(output) ??
		/^tps = ([\d.]+)/m.exec(output);
	if (!tps) throw new Error(`no "tps = ..." line in pgbench output:\n${output}`);
	const latency = /^latency average = ([\d.]+) ms/m.exec(output);
	return { tps: Number(tps[1]), latencyAvgMs: latency ? Number(latency[1]) : null };
}

/** Initialises a scale-1 pgbench database of its own, runs simple-update, drops the database. */
export async function runPgbench(
	server: BenchServer,
	opts: { clients: number; threads: number; seconds: number; onCleanup: (drop: () => Promise<void>) => void }
): Promise<PgbenchResult> {
	const bin = pgbenchBinary();
	const database = `talon_bench_pgbench_${process.pid}`;
	const env = { ...process.env, PGPASSWORD: server.password || process.env.PGPASSWORD || '' };
	const conn = ['-h', server.host, '-p', String(server.port), '-U', server.user];
	const admin = postgres(server.url, { max: 1, onnotice: () => {} });
	let dropped = false;
	const drop = async () => {
		if (dropped) return;
		dropped = true;
		// `with (force)` ends pgbench's sessions if the run was stopped halfway.
		await admin`drop database if exists ${admin(database)} with (force)`;
		await admin.end();
	};
	opts.onCleanup(drop);
	const pgbench = async (args: string[], timeoutMs: number) => {
		try {
			return (await run(bin, [...args, ...conn, database], { env, timeout: timeoutMs })).stdout;
		} catch (e) {
			const stderr = (e as { stderr?: string }).stderr?.trim().split('\n').slice(-3).join(' | ');
			throw new Error(`pgbench ${args.join(' ')} failed: ${stderr || (e as Error).message}`, { cause: e });
		}
	};
	try {
		await admin`create database ${admin(database)}`;
		await pgbench(['-i', '-s', '1', '-q'], 30_000);
		const args = ['-b', 'simple-update', '-c', String(opts.clients), '-j', String(opts.threads), '-T', String(opts.seconds)];
		const stdout = await pgbench(args, (opts.seconds + 20) * 1000);
		return { ...parsePgbench(stdout), command: `pgbench -s 1 ${args.join(' ')}` };
	} finally {
		await drop();
	}
}
