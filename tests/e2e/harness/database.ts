import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Sql } from '../../../src/lib/server/db/connect';
import { loadMigrations, migrate } from '../../../src/lib/server/db/migrate';
import { migrationsDir } from '../../../src/lib/server/db/paths';
import { seedDemo, type SeedResult } from '../../../src/lib/server/demo/seed';

/**
 * Where one test server keeps its data: a fresh database on TEST_DATABASE_URL's PostgreSQL
 * server (CI), or an embedded database in a temp folder (a laptop with no server). Either is
 * prepared from this process before the server starts, with the same code the app runs
 * (migrations, the demo office), so a test knows the tokens and passwords it needs.
 */
export type Store = { kind: 'embedded'; dataDir: string } | { kind: 'server'; url: string };

export interface StoreOptions {
	/** `auto` (default): TEST_DATABASE_URL's server when set, else embedded. */
	database?: 'auto' | 'embedded';
	/** Embedded: this folder (kept afterwards) instead of a fresh temp folder (removed afterwards). */
	dataDir?: string;
	/** A database to use as it is (kept afterwards), e.g. a second server on the first one's. */
	databaseUrl?: string;
}

export interface PreparedStore {
	store: Store;
	/** Removes what was created for this server (temp folder, database); keeps what was given. */
	remove(): Promise<void>;
}

const adminOf = (url: string) => postgres(url, { max: 1, onnotice: () => {} });

export async function createStore(opts: StoreOptions): Promise<PreparedStore> {
	if (opts.databaseUrl) return { store: { kind: 'server', url: opts.databaseUrl }, remove: async () => {} };
	const server = process.env.TEST_DATABASE_URL?.trim();
	if (server && opts.database !== 'embedded' && !opts.dataDir) {
		// A database rather than a schema: the app is started with a plain DATABASE_URL, as in production.
		const name = `talon_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
		const admin = adminOf(server);
		try {
			await admin.unsafe(`create database ${name}`);
		} finally {
			await admin.end();
		}
		const url = new URL(server);
		url.pathname = `/${name}`;
		return {
			store: { kind: 'server', url: url.toString() },
			async remove() {
				const cleanup = adminOf(server);
				try {
					await cleanup.unsafe(`drop database if exists ${name} with (force)`);
				} finally {
					await cleanup.end();
				}
			}
		};
	}
	if (opts.dataDir) return { store: { kind: 'embedded', dataDir: opts.dataDir }, remove: async () => {} };
	const parent = mkdtempSync(join(tmpdir(), 'talon-e2e-'));
	return {
		store: { kind: 'embedded', dataDir: join(parent, 'data') },
		remove: async () => rmSync(parent, { recursive: true, force: true })
	};
}

/** Runs `fn` on the store's database. An embedded one must not be held by a running server. */
export async function withStore<R>(store: Store, fn: (sql: Sql) => Promise<R>): Promise<R> {
	const db = await connect(store.kind === 'server' ? { url: store.url, max: 2 } : { dataDir: store.dataDir });
	try {
		return await fn(db.sql);
	} finally {
		await db.close();
	}
}

/**
 * Migrations, the demo office (random passwords and tokens, returned here), then the test's own
 * seed. A new embedded folder starts as a copy of the run's template (see `createTemplate`).
 */
export async function prepareStore<T>(
	store: Store,
	seed?: (sql: Sql, demo: SeedResult) => Promise<T>
): Promise<{ demo: SeedResult; data: T }> {
	const template = process.env[TEMPLATE_ENV];
	if (store.kind === 'embedded' && template && !existsSync(store.dataDir)) {
		cpSync(join(template, 'data'), store.dataDir, { recursive: true });
		const demo = JSON.parse(readFileSync(join(template, 'demo.json'), 'utf8')) as SeedResult;
		const data = seed ? await withStore(store, (sql) => seed(sql, demo)) : (undefined as T);
		return { demo, data };
	}
	return withStore(store, async (sql) => {
		await migrate(sql, loadMigrations(migrationsDir()));
		const demo = await seedDemo(sql);
		const data = seed ? await seed(sql, demo) : (undefined as T);
		return { demo, data };
	});
}

const TEMPLATE_ENV = 'TALON_E2E_TEMPLATE';

/**
 * Creating an embedded database (PGlite's initdb) takes 6 s on an idle 2-core machine and half a
 * minute on a busy one; copying a made one and opening it takes about 2 s. So the run makes one
 * folder, migrated and holding the demo office, before the tests (global-setup.ts), and every
 * embedded server starts from a copy. Workers find it through the environment they inherit.
 */
export async function createTemplate(): Promise<() => void> {
	delete process.env[TEMPLATE_ENV];
	const dir = mkdtempSync(join(tmpdir(), 'talon-e2e-template-'));
	const store: Store = { kind: 'embedded', dataDir: join(dir, 'data') };
	const { demo } = await prepareStore(store);
	writeFileSync(join(dir, 'demo.json'), JSON.stringify(demo));
	process.env[TEMPLATE_ENV] = dir;
	return () => rmSync(dir, { recursive: true, force: true });
}

export type { Sql, SeedResult };
