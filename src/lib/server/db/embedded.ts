import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * An embedded PostgreSQL (PGlite) served over the wire protocol on a loopback port, so the same
 * postgres.js code runs with no server installed. PGlite is one backend session: one socket
 * connection only (pglite-socket's multiplexer gave `34000 portal does not exist` under load,
 * see STACK.md), so the client pool must be `max: 1`.
 */
export interface EmbeddedDatabase {
	url: string;
	dataDir: string;
	/** A consistent tarball (gzip) of the data folder, taken between two statements. */
	dump(): Promise<Uint8Array>;
	stop(): Promise<void>;
}

/** A consistent tarball of an open PGlite (see `EmbeddedDatabase.dump`; also `talon backup`). */
export async function dumpPglite(db: PGlite): Promise<Uint8Array> {
	// No CHECKPOINT first: on a running server the one session may be inside a transaction. The
	// copy holds the WAL, so opening it recovers exactly what had committed.
	const blob = await db.dumpDataDir('gzip');
	return new Uint8Array(await blob.arrayBuffer());
}

export class DataDirBusy extends Error {
	constructor(
		public dataDir: string,
		public pid: number | null,
		cause?: unknown
	) {
		super(`the embedded database in ${dataDir} is in use by another process${pid ? ` (pid ${pid})` : ''}`, { cause });
	}
}

const LOCK = 'talon.pid';

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
	// ops: right after kill -9 the old process may be a zombie (dead, its parent has not reaped it
	// yet) still holding its pid: it holds no file, so its lock is stale.
	return !zombie(pid);
}

/** Is `pid` a zombie or dead process (Linux: state Z or X in /proc/<pid>/stat)? Elsewhere: no. */
export function zombie(pid: number): boolean {
	let stat: string;
	try {
		stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return false;
	}
	// `pid (command) state ...`: the command may hold spaces and parentheses; the state follows the last `)`.
	const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
	return state === 'Z' || state === 'X';
}

/**
 * PGlite does not guard its folder against a second process, and two writers would corrupt
 * it; a pid file does. A stale one (its process gone, e.g. after kill -9, or a zombie not yet
 * reaped) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
	const file = join(dataDir, LOCK);
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			writeFileSync(file, String(process.pid), { flag: 'wx' });
			return () => rmSync(file, { force: true });
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const pid = Number(readFileSync(file, 'utf8').trim());
			if (pid && pid !== process.pid && alive(pid)) throw new DataDirBusy(dataDir, pid);
			rmSync(file, { force: true });
		}
	}
	throw new DataDirBusy(dataDir, null);
}

/** `dataDir` is a folder, or `memory://` for a throw-away database (tests). */
export async function startEmbedded(dataDir: string): Promise<EmbeddedDatabase> {
	let unlock = () => {};
	if (!dataDir.startsWith('memory://')) {
		mkdirSync(dataDir, { recursive: true });
		unlock = lockDataDir(dataDir);
	}
	let db: PGlite;
	try {
		db = await PGlite.create(dataDir);
	} catch (e) {
		unlock();
		throw e;
	}
	const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
	await server.start();
	const address = server.getServerConn();
	return {
		url: `postgres://postgres@${address}/postgres`,
		dataDir,
		dump: () => dumpPglite(db),
		async stop() {
			await server.stop();
			await db.close();
			unlock();
		}
	};
}
