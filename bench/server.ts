import postgres from 'postgres';
import { connect, redactUrl, type Sql } from '$lib/server/db/connect';
import { loadMigrations, migrate } from '$lib/server/db/migrate';
import { migrationsDir } from '$lib/server/db/paths';
import { seedDemo } from '$lib/server/demo/seed';
import { createSession } from '$lib/server/auth/sessions';

/**
 * The PostgreSQL server the benchmark runs against. Figures are only worth tracking from a real
 * server on this machine: never the embedded PGlite (one session, locks never contend), never a
 * remote host (the network would be the thing measured, and pgbench would load someone's server).
 */
export interface BenchServer {
	url: string;
	host: string;
	port: number;
	user: string;
	password: string;
	/** `server_version`, e.g. `15.20 (Debian 15.20-0+deb12u1)`. */
	version: string;
}

export class BenchRefused extends Error {}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

export async function checkServer(url: string): Promise<BenchServer> {
	let u: URL;
	try {
		u = new URL(url);
	} catch {
		throw new BenchRefused(`BENCH_DATABASE_URL is not a URL: ${redactUrl(url)}`);
	}
	if (!LOCAL_HOSTS.has(u.hostname)) {
		throw new BenchRefused(`the benchmark runs only against a server on this machine (127.0.0.1), not ${u.hostname}`);
	}
	const probe = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
	try {
		const [row] = await probe<{ version: string; full: string }[]>`
			select current_setting('server_version') as version, version() as full`;
		if (!row || /pglite|emscripten|wasm/i.test(row.full)) {
			throw new BenchRefused(`${redactUrl(url)} is the embedded PGlite; performance figures come from a real PostgreSQL server`);
		}
		return {
			url,
			host: u.hostname === 'localhost' ? '127.0.0.1' : u.hostname.replace(/^\[|\]$/g, ''),
			port: Number(u.port || 5432),
			user: decodeURIComponent(u.username || 'postgres'),
			password: decodeURIComponent(u.password),
			version: row.version
		};
	} catch (e) {
		if (e instanceof BenchRefused) throw e;
		const why = e instanceof Error ? e.message : String(e);
		throw new BenchRefused(`PostgreSQL at ${redactUrl(url)} is unreachable (${why}); start it or set BENCH_DATABASE_URL`);
	} finally {
		await probe.end({ timeout: 2 });
	}
}

/** A migrated schema of its own on the server (like the tests' one), dropped by `close`. */
export interface BenchDatabase {
	sql: Sql;
	schema: string;
	close(): Promise<void>;
}

export async function createBenchSchema(server: BenchServer, max: number): Promise<BenchDatabase> {
	const schema = `talon_bench_${process.pid}_${Date.now().toString(36)}`;
	const admin = postgres(server.url, { max: 1, onnotice: () => {} });
	await admin`create schema ${admin(schema)}`;
	await admin.end();
	const db = await connect({ url: server.url, schema, max });
	const close = async () => {
		await db.close();
		const cleanup = postgres(server.url, { max: 1, onnotice: () => {} });
		await cleanup`drop schema if exists ${cleanup(schema)} cascade`;
		await cleanup.end();
	};
	try {
		await migrate(db.sql, loadMigrations(migrationsDir()));
	} catch (e) {
		await close();
		throw e;
	}
	return { sql: db.sql, schema, close };
}

/**
 * A database of its own on the server, for a bench that starts the app (which connects by URL,
 * not to a schema): its URL, and `drop()` for the bench's cleanup.
 */
export async function createBenchDatabase(server: BenchServer, label: string): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `talon_bench_${label}_${process.pid}`;
	const admin = postgres(server.url, { max: 1, onnotice: () => {} });
	await admin`create database ${admin(name)}`;
	const u = new URL(server.url);
	u.pathname = `/${name}`;
	return {
		url: u.toString(),
		async drop() {
			await admin`drop database if exists ${admin(name)} with (force)`;
			await admin.end();
		}
	};
}

/**
 * That database migrated, with the demo office and an operator's session; each desk with the
 * service it serves first (a bench issues a ticket of it before each call, so a desk always has
 * someone to call: "Missed calls" in bench/README.md), and the office's services.
 */
export async function openDemoOffice(url: string, max: number) {
	const db = await connect({ url, max });
	await migrate(db.sql, loadMigrations(migrationsDir()));
	const seeded = await seedDemo(db.sql);
	const [op] = await db.sql<{ id: number }[]>`select id from staff_users where login = 'operator'`;
	const session = await createSession(db.sql, op!.id);
	const desks = await db.sql<{ id: number; number: number; mainServiceId: number }[]>`
		select d.id, d.number,
			(select ds.service_id from desk_services ds where ds.desk_id = d.id order by ds.priority desc, ds.service_id limit 1) as main_service_id
		from desks d where d.office_id = ${seeded.officeId} order by d.number`;
	const services = await db.sql<{ id: number }[]>`select id from services where office_id = ${seeded.officeId} order by sort`;
	return { db, seeded, session, desks, services };
}
