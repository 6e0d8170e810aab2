import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { connect, type Database } from '../../src/lib/server/db/connect';
import { engineHooks } from '../../src/lib/server/engine-hooks';
import type { EngineContext } from '../../src/lib/server/queue';
import { attachRealtime } from '../../src/lib/server/realtime/server';
import { createPublisher, socketSender } from '../../src/lib/server/realtime/publisher';
import { startCluster, type Cluster } from '../../src/lib/server/realtime/cluster';

/**
 * One Talon node as src/lib/server/app.ts wires it on a PostgreSQL server: its own pool on the
 * shared schema, its own Socket.IO server, its publisher, and the cluster (following the event
 * log, relaying device-room pushes). Used in-process (tests/integration/multi-node.test.ts) and
 * as a child process (tests/helpers/node-process.ts) where a test needs to kill -9 a node.
 */
export interface TalonNode {
	url: string;
	port: number;
	db: Database;
	io: Server;
	http: HttpServer;
	ctx: EngineContext;
	cluster: Cluster;
	close(): Promise<void>;
}

export async function startNode(opts: { url: string; schema?: string; port?: number; max?: number; pollMs?: number }): Promise<TalonNode> {
	const db = await connect({ url: opts.url, schema: opts.schema, max: opts.max ?? 5, txWaitMs: 60_000 });
	const http = createServer();
	const io = new Server(http, { serveClient: false });
	let cluster: Cluster | null = null;
	const publisher = createPublisher(socketSender(io), { onGap: (officeId) => void cluster?.catchUp(officeId) });
	for (const o of await db.sql<{ id: number; lastSeq: number }[]>`select id, last_seq from offices`) publisher.prime(o.id, o.lastSeq);
	const ctx: EngineContext = { sql: db.sql, publish: (events) => publisher.publish(events), hooks: engineHooks };
	cluster = await startCluster({ sql: db.sql, io, publisher, pollMs: opts.pollMs });
	attachRealtime(io, { sql: db.sql, ctx, emit: cluster.emit });
	await new Promise<void>((r) => http.listen(opts.port ?? 0, '127.0.0.1', r));
	const port = (http.address() as AddressInfo).port;
	const c = cluster;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		db,
		io,
		http,
		ctx,
		cluster: c,
		async close() {
			await c.stop();
			await new Promise<void>((r) => io.close(() => r()));
			await db.close();
		}
	};
}
