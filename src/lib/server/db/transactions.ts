import type postgres from 'postgres';
import { TalonError } from '$lib/errors';

/**
 * Transactions that a herd of requests cannot break.
 *
 * postgres.js 3.4.9's own `sql.begin` can send `BEGIN` without reserving its connection when the
 * connection already carries pipelined queries (porsager/postgres#823, #1189; no release has the
 * fix): with `max: 1` (the embedded database) the next statement then throws
 * `Cannot set properties of undefined (setting 'onclose')` and an uncaught error in
 * `Query.handler` ends the process; on a server pool it is `UNSAFE_TRANSACTION`. Reproduced here
 * with 500 ticket requests from 200 clients (the process died in 1 run of 5).
 *
 * So every transaction (a) waits its turn at a gate that admits as many transactions as the pool
 * has connections, and is refused with `busy` (503) once it has waited `maxWaitMs` — it never
 * started, so nothing was written and a retry is safe; and (b) runs on a connection reserved
 * with `sql.reserve()`, which the driver hands over only between queries, with our own
 * BEGIN/COMMIT/ROLLBACK on it, so no statement of anyone else's can land inside it.
 */
/** What a refused caller is told to wait before retrying (HTTP `Retry-After`). */
export const BUSY_RETRY_SEC = 2;

export interface GateOptions {
	/** Transactions in flight at once: the pool size (1 for the embedded database). */
	limit: number;
	/** How long a transaction may wait for its turn before `busy`. Default 5 s. */
	maxWaitMs?: number;
	/** How many may wait; the next one is refused at once. Default 2,000. */
	maxQueue?: number;
}

export interface Gate {
	/**
	 * `first`: waits ahead of the others (after earlier `first` ones). Read-only transactions
	 * (a board's snapshot) take it, so boards resyncing after a node died are not queued behind
	 * a backlog of writes (bench/README.md, "kill -9").
	 */
	run<T>(fn: () => Promise<T>, opts?: { first?: boolean }): Promise<T>;
	/** In flight and waiting, for tests and metrics. */
	readonly stats: { running: number; waiting: number; refused: number };
}

interface Waiter {
	first: boolean;
	start: () => void;
	timer: ReturnType<typeof setTimeout>;
}

export function createGate(opts: GateOptions): Gate {
	const limit = Math.max(1, opts.limit);
	const maxWaitMs = opts.maxWaitMs ?? 5000;
	const maxQueue = opts.maxQueue ?? 2000;
	const queue: Waiter[] = [];
	const stats = { running: 0, waiting: 0, refused: 0 };

	const release = () => {
		stats.running--;
		const next = queue.shift();
		if (next) {
			clearTimeout(next.timer);
			stats.waiting = queue.length;
			next.start();
		}
	};

	return {
		stats,
		run<T>(fn: () => Promise<T>, runOpts: { first?: boolean } = {}): Promise<T> {
			const go = (): Promise<T> => {
				stats.running++;
				let result: Promise<T>;
				try {
					result = fn();
				} catch (e) {
					result = Promise.reject(e);
				}
				return result.finally(release);
			};
			if (stats.running < limit && queue.length === 0) return go();
			if (queue.length >= maxQueue) {
				stats.refused++;
				return Promise.reject(new TalonError('busy', { seconds: BUSY_RETRY_SEC }));
			}
			return new Promise<T>((resolve, reject) => {
				const waiter: Waiter = {
					first: runOpts.first === true,
					start: () => go().then(resolve, reject),
					timer: setTimeout(() => {
						const i = queue.indexOf(waiter);
						if (i >= 0) queue.splice(i, 1);
						stats.waiting = queue.length;
						stats.refused++;
						reject(new TalonError('busy', { seconds: BUSY_RETRY_SEC }));
					}, maxWaitMs)
				};
				if (waiter.first) {
					const after = queue.findIndex((w) => !w.first);
					queue.splice(after < 0 ? queue.length : after, 0, waiter);
				} else queue.push(waiter);
				stats.waiting = queue.length;
			});
		}
	};
}

type AnySql = postgres.Sql<{}>;
type Body<T> = (tx: postgres.TransactionSql<{}>) => T | Promise<T>;

/** Errors after which the connection is gone: it must not go back to the pool. */
const connectionLost = (e: unknown) => {
	const code = (e as { code?: unknown })?.code;
	return typeof code === 'string' && (code.startsWith('CONNECTION_') || code === 'ECONNRESET' || code === 'EPIPE' || code === '57P01');
};

/**
 * `sql.begin` as the driver offers it (optional isolation options, then the body), run through
 * the gate on a reserved connection. A body that throws rolls back and rethrows.
 */
export function gatedBegin(sql: AnySql, gate: Gate) {
	return function begin<T>(optionsOrBody: string | Body<T>, maybeBody?: Body<T>): Promise<T> {
		const options = typeof optionsOrBody === 'string' ? optionsOrBody : '';
		const body = (typeof optionsOrBody === 'function' ? optionsOrBody : maybeBody) as Body<T>;
		return gate.run(
			async () => {
				const conn = await sql.reserve();
				let lost = false;
				try {
					// The options string comes from our own code (an isolation level); keep only words.
					// BEGIN is not awaited on its own: the driver writes it together with the body's first
					// statement (queries of one tick go out in one write), saving a round trip and a
					// system call per transaction (bench/README.md, "What the profile showed"). The
					// server runs them in order; a BEGIN that fails (a lost connection) fails the body too.
					const began = conn.unsafe(`begin ${options.replace(/[^a-z ]/gi, '')}`).execute();
					began.catch(() => {}); // observed below, after the body
					let result: T;
					try {
						result = await body(conn as unknown as postgres.TransactionSql<{}>);
						await began;
					} catch (e) {
						await began.catch(() => {}); // the body's own error says more
						lost = connectionLost(e);
						if (!lost) await conn.unsafe('rollback').catch((r) => (lost = connectionLost(r) || lost));
						throw e;
					}
					await conn.unsafe('commit');
					return result;
				} catch (e) {
					lost ||= connectionLost(e);
					throw e;
				} finally {
					// A lost connection was already moved to the driver's closed list; handing it back as
					// free would put a dead socket in the pool.
					if (!lost) conn.release();
				}
			},
			{ first: /\bread only\b/i.test(options) }
		);
	};
}
