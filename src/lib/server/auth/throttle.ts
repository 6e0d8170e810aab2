import type { Sql } from '$lib/server/db/connect';

/**
 * Sign-in throttling: failures are counted per login and per client address within a window;
 * reaching the limit blocks that key for a while. Kept in PostgreSQL (`login_throttle`,
 * migrations/0002_auth.sql) rather than rate-limiter-flexible's memory store, because Talon may
 * run as several processes behind a load balancer and a lock-out must survive a restart.
 * A blocked key is refused before the password is checked, so a guess during the block tells
 * nothing, not even when it is right.
 */
export interface ThrottlePolicy {
	/** Failures of one login before it is blocked (default 5). */
	loginLimit: number;
	/** Failures from one address, over all logins, before it is blocked (default 20). */
	ipLimit: number;
	/** Failures older than this are forgotten (default 15 min). */
	windowMs: number;
	/** How long a blocked key stays blocked (default 15 min). */
	blockMs: number;
}

export const defaultThrottle: ThrottlePolicy = { loginLimit: 5, ipLimit: 20, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };

export const loginKey = (login: string) => `login:${login.slice(0, 150)}`;
export const ipKey = (ip: string) => `ip:${ip.slice(0, 150)}`;

/** The latest end of a block among the keys, or null when none is blocked at `now`. */
export async function blockedUntil(sql: Sql, keys: string[], now: Date): Promise<Date | null> {
	const [row] = await sql<{ until: Date | null }[]>`
		select max(blocked_until) as until from login_throttle where key in ${sql(keys)} and blocked_until > ${now}`;
	return row?.until ?? null;
}

/**
 * Counts one failure for a key (one statement, so concurrent failures from several processes
 * all count); the failure that reaches the limit starts a block and a fresh window.
 */
export async function recordFailure(
	sql: Sql,
	key: string,
	limit: number,
	now: Date,
	policy: ThrottlePolicy = defaultThrottle
): Promise<{ blocked: boolean }> {
	const windowStart = new Date(now.getTime() - policy.windowMs);
	const until = new Date(now.getTime() + policy.blockMs);
	const [row] = await sql<{ blockedUntil: Date | null }[]>`
		insert into login_throttle as t (key, failures, window_start, blocked_until)
		values (${key}, 1, ${now}, ${limit <= 1 ? until : null})
		on conflict (key) do update set
			failures = case when t.window_start <= ${windowStart} then 1 else t.failures + 1 end,
			window_start = case when t.window_start <= ${windowStart} then ${now} else t.window_start end
		returning blocked_until`;
	const [hit] = await sql<{ key: string }[]>`
		update login_throttle set blocked_until = ${until}, failures = 0, window_start = ${now}
		where key = ${key} and failures >= ${limit} returning key`;
	return { blocked: Boolean(hit) || Boolean(row?.blockedUntil && row.blockedUntil > now) };
}

/** A successful sign-in forgets the login's failures (not the address's). */
export async function clearFailures(sql: Sql, key: string): Promise<void> {
	await sql`delete from login_throttle where key = ${key}`;
}
