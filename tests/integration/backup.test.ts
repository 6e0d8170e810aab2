import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Database } from '../../src/lib/server/db/connect';
import { loadMigrations, migrate } from '../../src/lib/server/db/migrate';
import { migrationsDir } from '../../src/lib/server/db/paths';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { serveBackupRequests } from '../../src/lib/server/ops/backup';

/**
 * `talon backup FILE` and `talon restore FILE` as an operator runs them (child processes): a
 * PostgreSQL server (pg_dump / pg_restore, on databases of its own: never the shared test
 * database), the embedded database stopped, and the embedded database while a server holds it.
 * Each restore is checked by what the data says afterwards.
 */
let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'talon-backup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function talon(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['bin/talon.js', ...args, '--json'], {
			env: { ...process.env, LANG: 'en_US.UTF-8', DATABASE_URL: '', ...env }
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => (err += d.toString()));
		child.on('exit', (code) => resolve({ code, out: out.trim(), err: err.trim() }));
	});
}

const count = async (sql: Database['sql'], table: 'tickets' | 'services') =>
	Number((await sql.unsafe(`select count(*)::int as n from ${table}`))[0]!.n);

async function seeded(db: Database): Promise<void> {
	await migrate(db.sql, loadMigrations(migrationsDir()));
	await seedDemo(db.sql);
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('a PostgreSQL server', () => {
	const server = process.env.TEST_DATABASE_URL!;
	const names = [`talon_bk_${Date.now().toString(36)}_a`, `talon_bk_${Date.now().toString(36)}_b`];
	const urlOf = (name: string) => Object.assign(new URL(server), { pathname: `/${name}` }).toString();
	beforeAll(async () => {
		const admin = postgres(server, { max: 1, onnotice: () => {} });
		for (const n of names) await admin.unsafe(`create database ${n}`);
		await admin.end();
	});
	afterAll(async () => {
		const admin = postgres(server, { max: 1, onnotice: () => {} });
		for (const n of names) await admin.unsafe(`drop database if exists ${n} with (force)`);
		await admin.end();
	});

	it('backs up with pg_dump and restores with pg_restore: the same rows, a later change undone', async () => {
		const [a, b] = names.map(urlOf) as [string, string];
		const db = await connect({ url: a, max: 2 });
		try {
			await seeded(db);
			const services = await count(db.sql, 'services');
			const file = join(dir, 'server.dump');
			const backup = await talon(['backup', file], { DATABASE_URL: a });
			expect(backup.code, backup.err).toBe(0);
			expect(JSON.parse(backup.out)).toMatchObject({ ok: true, how: 'pg_dump', file });
			expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);

			// Into an empty database: everything is there.
			const restored = await talon(['restore', file], { DATABASE_URL: b });
			expect(restored.code, restored.err).toBe(0);
			const other = postgres(b, { max: 1, onnotice: () => {} });
			expect(Number((await other`select count(*)::int as n from services`)[0]!.n)).toBe(services);
			expect((await other`select max(id)::int as id from talon_migrations`)[0]!.id).toBe(loadMigrations(migrationsDir()).at(-1)!.id);
			await other.end();

			// Over the same database after a change: the change is undone.
			await db.sql`delete from services where id = (select max(id) from services)`;
			expect(await count(db.sql, 'services')).toBe(services - 1);
			const again = await talon(['restore', file], { DATABASE_URL: a });
			expect(again.code, again.err).toBe(0);
			expect(await count(db.sql, 'services')).toBe(services);
		} finally {
			await db.close();
		}
	});
});

describe('the embedded database', () => {
	it('stopped: backs up its folder and restores it, keeping the replaced folder aside', async () => {
		const data = join(dir, 'stopped');
		const db = await connect({ dataDir: data });
		await seeded(db);
		const services = await count(db.sql, 'services');
		await db.close();

		const file = join(dir, 'embedded.tar.gz');
		const backup = await talon(['backup', file], { TALON_DATA_DIR: data });
		expect(backup.code, backup.err).toBe(0);
		expect(JSON.parse(backup.out)).toMatchObject({ ok: true, how: 'embedded' });

		const changed = await connect({ dataDir: data });
		await changed.sql`delete from services where id = (select max(id) from services)`;
		await changed.close();

		const restore = await talon(['restore', file], { TALON_DATA_DIR: data });
		expect(restore.code, restore.err).toBe(0);
		const { keptAs } = JSON.parse(restore.out) as { keptAs: string };
		expect(existsSync(keptAs)).toBe(true);
		const back = await connect({ dataDir: data });
		try {
			expect(await count(back.sql, 'services')).toBe(services);
		} finally {
			await back.close();
		}
	}, 120_000);

	it('while a server holds it: the backup comes from the server, consistent; a restore is refused until it stops', async () => {
		const data = join(dir, 'running');
		const db = await connect({ dataDir: data });
		// This test process is the running server: it holds the folder and answers the request.
		const stop = serveBackupRequests(data, db.dump!, () => {});
		let services: number;
		try {
			await seeded(db);
			services = await count(db.sql, 'services');
			const file = join(dir, 'running.tar.gz');
			// The server keeps writing meanwhile (a transaction open during the request).
			const writing = db.sql.begin(async (tx) => {
				await tx`update services set name_en = name_en where id = (select min(id) from services)`;
				await new Promise((r) => setTimeout(r, 300));
			});
			const backup = await talon(['backup', file], { TALON_DATA_DIR: data });
			await writing;
			expect(backup.code, backup.err).toBe(0);
			expect(JSON.parse(backup.out)).toMatchObject({ ok: true, how: 'embedded (from the running server)' });
			const refused = await talon(['restore', file], { TALON_DATA_DIR: data });
			expect(refused.code).not.toBe(0);
			expect(refused.err).toMatch(/held by a running Talon server/);

			// The backup restores into a fresh folder with the same data.
			const copy = join(dir, 'copy');
			const restored = await talon(['restore', file], { TALON_DATA_DIR: copy });
			expect(restored.code, restored.err).toBe(0);
		} finally {
			stop();
			await db.close();
		}
		const copy = await connect({ dataDir: join(dir, 'copy') });
		try {
			expect(await count(copy.sql, 'services')).toBe(services);
		} finally {
			await copy.close();
		}
	}, 120_000);
});
