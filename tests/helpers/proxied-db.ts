import postgres from 'postgres';
import { connect, type Database } from '../../src/lib/server/db/connect';
import { startEmbedded } from '../../src/lib/server/db/embedded';
import { loadMigrations, migrate } from '../../src/lib/server/db/migrate';
import { migrationsDir } from '../../src/lib/server/db/paths';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

/**
 * A migrated database reached through a TCP proxy the test can cut: a schema of its own on
 * TEST_DATABASE_URL's server, or an in-memory embedded PGlite (served on loopback, one connection).
 */
export interface ProxiedDatabase {
	db: Database;
	proxy: TcpProxy;
	close(): Promise<void>;
}

export async function proxiedDatabase(opts: { connectTimeoutMs?: number; txWaitMs?: number } = {}): Promise<ProxiedDatabase> {
	const server = process.env.TEST_DATABASE_URL;
	let url: string;
	let schema: string | undefined;
	let max: number;
	let teardown: () => Promise<void>;
	if (server) {
		schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
		const admin = postgres(server, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create schema ${schema}`);
		await admin.end();
		url = server;
		max = 4;
		teardown = async () => {
			const cleanup = postgres(server, { max: 1, onnotice: () => {} });
			await cleanup.unsafe(`drop schema ${schema} cascade`);
			await cleanup.end();
		};
	} else {
		const embedded = await startEmbedded('memory://');
		url = embedded.url;
		max = 1;
		teardown = () => embedded.stop();
	}
	const u = new URL(url);
	const proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
	const db = await connect({
		url: proxy.url(url),
		schema,
		max,
		txWaitMs: opts.txWaitMs ?? 5000,
		connectTimeoutMs: opts.connectTimeoutMs ?? 1000
	});
	await migrate(db.sql, loadMigrations(migrationsDir()));
	return {
		db,
		proxy,
		async close() {
			await proxy.restore();
			await db.close();
			await proxy.close();
			await teardown();
		}
	};
}
