import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from './connect';

/**
 * Plain SQL migrations (`migrations/NNNN_name.sql`) applied in order, each in its own
 * transaction and recorded in `talon_migrations`. A database that has a migration this code
 * does not know was written by a newer Talon: refuse it rather than run old code on it.
 */
export interface Migration {
	id: number;
	name: string;
	sql: string;
}

export class MigrationError extends Error {}

export function loadMigrations(dir: string): Migration[] {
	const files = readdirSync(dir)
		.filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
		.sort();
	// Numbers increase; a gap is allowed (parallel branches reserve numbers), a repeat is not.
	const seen = new Set<number>();
	return files.map((f) => {
		const id = Number(f.slice(0, 4));
		if (seen.has(id)) throw new MigrationError(`two migrations are numbered ${f.slice(0, 4)}`);
		seen.add(id);
		return { id, name: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') };
	});
}

export async function migrate(sql: Sql, migrations: Migration[]): Promise<{ applied: string[] }> {
	await sql`create table if not exists talon_migrations (
		id integer primary key,
		name text not null,
		applied_at timestamptz not null default now()
	)`;
	const applied: string[] = [];
	const done = await sql<{ id: number; name: string }[]>`select id, name from talon_migrations order by id`;
	const newest = done.at(-1);
	const known = migrations.at(-1)?.id ?? 0;
	if (newest && newest.id > known) {
		throw new MigrationError(
			`the database has migration ${newest.name}, newer than this version of Talon knows (up to ${known}); upgrade Talon`
		);
	}
	for (const m of migrations) {
		if (done.some((d) => d.id === m.id)) continue;
		try {
			await sql.begin(async (tx) => {
				// Two servers starting at once: the second waits, then finds the migration applied.
				await tx`select pg_advisory_xact_lock(7243001)`;
				const [already] = await tx`select 1 from talon_migrations where id = ${m.id}`;
				if (already) return;
				await tx.unsafe(m.sql);
				await tx`insert into talon_migrations (id, name) values (${m.id}, ${m.name})`;
				applied.push(m.name);
			});
		} catch (e) {
			const msg = e instanceof Error ? e.message : String(e);
			throw new MigrationError(`migration ${m.name} failed and was rolled back: ${msg}`, { cause: e });
		}
	}
	return { applied };
}
