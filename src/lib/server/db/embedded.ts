import { mkdirSync } from 'node:fs';
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
	stop(): Promise<void>;
}

export class DataDirBusy extends Error {
	constructor(public dataDir: string, cause: unknown) {
		super(`the embedded database in ${dataDir} is in use by another process`, { cause });
	}
}

/** `dataDir` is a folder, or `memory://` for a throw-away database (tests). */
export async function startEmbedded(dataDir: string): Promise<EmbeddedDatabase> {
	if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
	let db: PGlite;
	try {
		db = await PGlite.create(dataDir);
	} catch (e) {
		throw new DataDirBusy(dataDir, e);
	}
	const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
	await server.start();
	const address = server.getServerConn();
	return {
		url: `postgres://postgres@${address}/postgres`,
		dataDir,
		async stop() {
			await server.stop();
			await db.close();
		}
	};
}
