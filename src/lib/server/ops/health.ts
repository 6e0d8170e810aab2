import type { Sql } from '$lib/server/db/connect';
import { loadMigrations } from '$lib/server/db/migrate';
import { migrationsDir } from '$lib/server/db/paths';

/**
 * What a load balancer or an orchestrator asks (`GET /healthz`, `GET /readyz`): the process
 * answers (liveness), and it can serve (readiness): the database answers within `timeoutMs` and
 * holds every migration this version of Talon knows. Neither names anything a caller should not see.
 */
export interface Readiness {
	ready: boolean;
	database: 'ok' | 'unreachable';
	/** Newest migration applied in the database and the newest this code knows; null when unreachable. */
	migrations: { applied: number; known: number } | null;
}

let known: number | null = null;
/** The newest migration number shipped with this code (read once from `migrations/`). */
export function knownMigration(): number {
	return (known ??= loadMigrations(migrationsDir()).at(-1)?.id ?? 0);
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function readiness(sql: Sql, opts: { timeoutMs?: number; known?: number } = {}): Promise<Readiness> {
	const want = opts.known ?? knownMigration();
	let applied: number;
	try {
		const query = sql<{ newest: number | null }[]>`select max(id)::int as newest from talon_migrations`;
		const [row] = await within(query, opts.timeoutMs ?? 1500);
		applied = row?.newest ?? 0;
	} catch {
		return { ready: false, database: 'unreachable', migrations: null };
	}
	return { ready: applied >= want, database: 'ok', migrations: { applied, known: want } };
}
