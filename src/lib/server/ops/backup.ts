import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { DataDirBusy, dumpPglite, lockDataDir } from '$lib/server/db/embedded';

/**
 * `talon backup FILE` and `talon restore FILE`.
 *
 * A PostgreSQL server: `pg_dump --format=custom` (one consistent snapshot, taken while Talon
 * runs) and `pg_restore --clean --single-transaction` (all or nothing).
 *
 * The embedded database: a tarball of its data folder taken by PGlite itself between two
 * statements (`dumpDataDir`), after a checkpoint, so it is a consistent copy. While a Talon server
 * holds the folder, the command asks that server for it (a request file and SIGUSR2: see
 * `serveBackupRequests`); when none runs it opens the folder itself. A restore needs the server
 * stopped: it moves the current folder aside (kept, named in the output) and unpacks the backup.
 */
export class BackupError extends Error {}

export interface BackupResult {
	file: string;
	bytes: number;
	how: 'pg_dump' | 'embedded' | 'embedded (from the running server)';
}

function run(cmd: string, args: string[]): Promise<void> {
	return new Promise((ok, fail) => {
		const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
		let err = '';
		child.stderr.on('data', (d: Buffer) => (err += d.toString()));
		child.on('error', (e) => fail(new BackupError(`${cmd}: ${e.message} (is the PostgreSQL client installed?)`)));
		child.on('exit', (code) =>
			code === 0 ? ok() : fail(new BackupError(`${cmd} failed (exit ${code}): ${err.trim().split('\n').slice(-3).join(' ')}`))
		);
	});
}

/** Writes through a temporary file, so a failed backup never leaves a truncated FILE behind. */
function writeAtomically(file: string, data: Uint8Array): void {
	mkdirSync(dirname(file), { recursive: true });
	const tmp = `${file}.partial-${process.pid}`;
	writeFileSync(tmp, data);
	renameSync(tmp, file);
}

export async function backupServer(url: string, file: string): Promise<BackupResult> {
	const target = resolve(file);
	const tmp = `${target}.partial-${process.pid}`;
	mkdirSync(dirname(target), { recursive: true });
	try {
		await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`, `--dbname=${url}`]);
		renameSync(tmp, target);
	} finally {
		rmSync(tmp, { force: true });
	}
	return { file: target, bytes: statSync(target).size, how: 'pg_dump' };
}

export async function restoreServer(url: string, file: string): Promise<void> {
	if (!existsSync(file)) throw new BackupError(`no such file: ${file}`);
	await run('pg_restore', [
		'--clean',
		'--if-exists',
		'--no-owner',
		'--no-privileges',
		'--single-transaction',
		`--dbname=${url}`,
		resolve(file)
	]);
}

const REQUEST = 'talon-backup.request';
const answerFile = (dataDir: string, id: string) => join(dataDir, `talon-backup.${id}.done`);

/**
 * In the server holding an embedded database: on SIGUSR2, answers the backup request a
 * `talon backup` left in the data folder (writes the dump to its file, then a `.done` marker
 * with `ok` or the error). Returns the function that stops listening.
 */
export function serveBackupRequests(dataDir: string, dump: () => Promise<Uint8Array>, log: (msg: string) => void): () => void {
	const handler = async () => {
		let request: { id: string; file: string };
		try {
			request = JSON.parse(readFileSync(join(dataDir, REQUEST), 'utf8'));
			rmSync(join(dataDir, REQUEST), { force: true });
		} catch {
			return;
		}
		let answer = 'ok';
		try {
			writeAtomically(request.file, await dump());
			log(`backup written to ${request.file}`);
		} catch (e) {
			answer = `error: ${(e as Error).message}`;
		}
		writeFileSync(answerFile(dataDir, request.id), answer);
	};
	const listener = () => void handler();
	process.on('SIGUSR2', listener);
	return () => process.off('SIGUSR2', listener);
}

export async function backupEmbedded(dataDir: string, file: string, opts: { timeoutMs?: number } = {}): Promise<BackupResult> {
	const target = resolve(file);
	if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new BackupError(`there is no embedded database in ${resolve(dataDir)}`);
	let unlock: () => void;
	try {
		unlock = lockDataDir(dataDir);
	} catch (e) {
		if (!(e instanceof DataDirBusy) || !e.pid) throw e;
		await askServer(dataDir, e.pid, target, opts.timeoutMs ?? 120_000);
		return { file: target, bytes: statSync(target).size, how: 'embedded (from the running server)' };
	}
	try {
		const db = await PGlite.create(dataDir);
		try {
			writeAtomically(target, await dumpPglite(db));
		} finally {
			await db.close();
		}
	} finally {
		unlock();
	}
	return { file: target, bytes: statSync(target).size, how: 'embedded' };
}

async function askServer(dataDir: string, pid: number, file: string, timeoutMs: number): Promise<void> {
	const id = randomUUID();
	writeFileSync(join(dataDir, REQUEST), JSON.stringify({ id, file }));
	process.kill(pid, 'SIGUSR2');
	const done = answerFile(dataDir, id);
	const until = Date.now() + timeoutMs;
	while (!existsSync(done)) {
		if (Date.now() > until) throw new BackupError(`the running Talon server (pid ${pid}) did not answer the backup request in time`);
		await new Promise((r) => setTimeout(r, 100));
	}
	const answer = readFileSync(done, 'utf8');
	rmSync(done, { force: true });
	if (answer !== 'ok') throw new BackupError(`the running Talon server could not write the backup: ${answer}`);
}

/** Replaces the embedded database with a backup; the current folder is kept aside (returned). */
export async function restoreEmbedded(dataDir: string, file: string): Promise<{ keptAs: string | null }> {
	if (!existsSync(file)) throw new BackupError(`no such file: ${file}`);
	const data = readFileSync(file);
	const folder = resolve(dataDir);
	let keptAs: string | null = null;
	if (existsSync(folder)) {
		// Refuses while a server holds it (DataDirBusy), and keeps others out meanwhile.
		const unlock = lockDataDir(folder);
		unlock();
		keptAs = `${folder}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
		renameSync(folder, keptAs);
	}
	mkdirSync(folder, { recursive: true });
	const unlock = lockDataDir(folder);
	try {
		const db = await PGlite.create(folder, { loadDataDir: new Blob([data]) });
		try {
			await db.query('select 1 from talon_migrations limit 1');
		} finally {
			await db.close();
		}
	} catch (e) {
		unlock();
		rmSync(folder, { recursive: true, force: true });
		if (keptAs) renameSync(keptAs, folder);
		throw new BackupError(`${file} is not a Talon embedded-database backup (${(e as Error).message}); nothing was changed`);
	}
	unlock();
	return { keptAs };
}
