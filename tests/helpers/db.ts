import postgres from 'postgres';
import { connect, type Database } from '../../src/lib/server/db/connect';
import { loadMigrations, migrate } from '../../src/lib/server/db/migrate';
import { migrationsDir } from '../../src/lib/server/db/paths';

/**
 * A fresh, migrated database for one test file. With TEST_DATABASE_URL: a schema of its own on
 * that server (dropped afterwards), so files run side by side. Without: an in-memory PGlite,
 * the same engine a newcomer's laptop runs.
 */
export interface TestDatabase extends Database {
	schema: string | null;
}

/**
 * `txWaitMs`: how long a transaction may wait for its turn before `busy`. Tests fire hundreds of
 * commands at once on purpose, far beyond what a user's request would wait for, so the default
 * here is two minutes; a test of `busy` itself passes a short one.
 */
export async function createTestDatabase(opts: { max?: number; txWaitMs?: number } = {}): Promise<TestDatabase> {
	const txWaitMs = opts.txWaitMs ?? 120_000;
	const url = process.env.TEST_DATABASE_URL;
	if (!url) {
		const db = await connect({ dataDir: 'memory://', txWaitMs });
		await migrate(db.sql, loadMigrations(migrationsDir()));
		return { ...db, schema: null };
	}
	const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create schema ${schema}`);
	await admin.end();
	const db = await connect({ url, schema, max: opts.max ?? 10, txWaitMs });
	await migrate(db.sql, loadMigrations(migrationsDir()));
	return {
		...db,
		schema,
		async close() {
			await db.close();
			const cleanup = postgres(url, { max: 1, onnotice: () => {} });
			await cleanup.unsafe(`drop schema ${schema} cascade`);
			await cleanup.end();
		}
	};
}

export const usingServer = (): boolean => Boolean(process.env.TEST_DATABASE_URL);

/**
 * For a test whose only proof is what concurrent transactions do to each other: on the embedded
 * database they run one at a time, so it would pass whatever the locking. Such a test is
 * skipped there, visibly: `it.skipIf(!usingServer())(`… ${NEEDS_SERVER}`, …)`; CI runs it.
 */
export const NEEDS_SERVER = '(needs a real PostgreSQL: the embedded database has one connection, so nothing contends)';

/**
 * A database of its own on TEST_DATABASE_URL's server, for a test whose child processes connect
 * with DATABASE_URL alone (no test schema to pass): its URL, and `drop()` for afterAll.
 */
export async function createScratchDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
	const server = process.env.TEST_DATABASE_URL!;
	const name = `${prefix}_${Date.now().toString(36)}`;
	const admin = postgres(server, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const url = new URL(server);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const a = postgres(server, { max: 1, onnotice: () => {} });
			await a.unsafe(`drop database if exists ${name} with (force)`);
			await a.end();
		}
	};
}
