import postgres from 'postgres';
import { startEmbedded, type EmbeddedDatabase } from './embedded';
import { createGate, gatedBegin, type Gate } from './transactions';

export type Sql = postgres.Sql<{}>;
export type Tx = postgres.TransactionSql<{}>;

export interface Database {
	sql: Sql;
	/** `server` when DATABASE_URL names one, `embedded` for PGlite in a folder. */
	kind: 'server' | 'embedded';
	/** Where the data lives, for the start-up log (the URL without its password, or the folder). */
	location: string;
	/** Transactions in flight and waiting (`busy` refusals counted). */
	gate: Gate;
	/** Embedded only: a consistent tarball of the data folder (`talon backup` while the server runs). */
	dump?: () => Promise<Uint8Array>;
	close(): Promise<void>;
}

export interface ConnectOptions {
	/** A PostgreSQL URL; when absent, an embedded database in `dataDir`. */
	url?: string;
	/** Default `./data`. `memory://` keeps nothing (tests). */
	dataDir?: string;
	/** Pool size for a real server. Default 10. The embedded database always gets 1. */
	max?: number;
	/** A schema to work in (tests isolate themselves this way). */
	schema?: string;
	/** How long a transaction may wait for a connection before it is refused with `busy`. Default 5 s. */
	txWaitMs?: number;
	/** How long opening a connection may take before it fails (`CONNECT_TIMEOUT`). Default postgres.js's 30 s. */
	connectTimeoutMs?: number;
}

/** Every `sql.begin` of the app goes through the gate on a reserved connection (see transactions.ts). */
function guardTransactions(sql: Sql, max: number, waitMs: number | undefined): Gate {
	const gate = createGate({ limit: max, maxWaitMs: waitMs });
	sql.begin = gatedBegin(sql, gate) as Sql['begin'];
	return gate;
}

function options(max: number, schema?: string, connectTimeoutMs?: number): postgres.Options<{}> {
	return {
		max,
		...(connectTimeoutMs !== undefined && { connect_timeout: connectTimeoutMs / 1000 }),
		// After failed connections postgres.js waits longer and longer (up to 20 s) before the next
		// attempt, and the queries queued meanwhile wait with it: an unreachable database would hold
		// requests for that long, and its return would go unnoticed as long. Half a second at most.
		backoff: (retries: number) => Math.min(0.05 * retries, 0.5),
		transform: postgres.camel,
		onnotice: () => {},
		// int8 (count(*), sums) as JS numbers: every figure we count fits in 2^53.
		types: {
			bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
			// Calendar days stay `YYYY-MM-DD` strings: a Date would shift them by the process's zone.
			date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x }
		},
		connection: schema ? { search_path: schema, application_name: 'talon' } : { application_name: 'talon' }
	} as postgres.Options<{}>;
}

export function redactUrl(url: string): string {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return '(unparsable DATABASE_URL)';
	}
}

export async function connect(opts: ConnectOptions = {}): Promise<Database> {
	if (opts.url) {
		const max = opts.max ?? 10;
		const sql = postgres(opts.url, options(max, opts.schema, opts.connectTimeoutMs)) as Sql;
		const gate = guardTransactions(sql, max, opts.txWaitMs);
		return { sql, kind: 'server', location: redactUrl(opts.url), gate, close: () => sql.end({ timeout: 5 }) };
	}
	const dataDir = opts.dataDir ?? './data';
	const embedded: EmbeddedDatabase = await startEmbedded(dataDir);
	const sql = postgres(embedded.url, options(1, opts.schema)) as Sql;
	const gate = guardTransactions(sql, 1, opts.txWaitMs);
	return {
		sql,
		gate,
		kind: 'embedded',
		location: dataDir,
		dump: () => embedded.dump(),
		async close() {
			await sql.end({ timeout: 5 });
			await embedded.stop();
		}
	};
}
