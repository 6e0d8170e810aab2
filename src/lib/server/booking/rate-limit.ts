import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { TalonError } from '$lib/errors';
import { config } from '$lib/server/config';
import type { Sql, Tx } from '$lib/server/db/connect';
import type { Job } from '$lib/server/jobs/scheduler';

/**
 * Per-IP limits on the public booking endpoints. Writes (book, move, cancel) are what a bot
 * would flood to hoard slots; reads are generous because a citizen clicks through many days. The
 * address is `getClientAddress()`, which follows ADDRESS_HEADER behind a proxy (hooks.server.ts).
 *
 * The running server counts in PostgreSQL (`rate_limits`, migrations/0040_rate_limits.sql; the
 * app calls `shareBookingLimits` at start), so several server processes share one count per
 * address: a client sent to another node by the load balancer gets no fresh allowance. Without
 * that call (a unit test importing a route) the counts live in this process's memory
 * (rate-limiter-flexible). rate-limiter-flexible's own Postgres store needs the `pg` driver,
 * which Talon does not use; one upsert per request does the same on postgres.js.
 */
interface Limit {
	prefix: string;
	points: number;
	durationSec: number;
}
const limitsNow = (): Record<'write' | 'read', Limit> => ({
	write: { prefix: 'book-w', points: config().TALON_BOOKING_WRITES_PER_10MIN, durationSec: 600 },
	read: { prefix: 'book-r', points: 300, durationSec: 60 }
});

let shared: Sql | null = null;
let memory: Record<'write' | 'read', RateLimiterMemory> | null = null;

/** Counts in the database from now on (every node of one database shares the counts). */
export function shareBookingLimits(sql: Sql | null): void {
	shared = sql;
}

/** One request of `key` under `limit`: the count in the window and the ms left in it. */
export async function consumeShared(sql: Sql, key: string, durationSec: number): Promise<{ points: number; msLeft: number }> {
	const [row] = await sql<{ points: number; msLeft: number }[]>`
		insert into rate_limits as r (key, points, expires_at)
		values (${key}, 1, now() + make_interval(secs => ${durationSec}))
		on conflict (key) do update set
			points = case when r.expires_at <= now() then 1 else r.points + 1 end,
			expires_at = case when r.expires_at <= now() then excluded.expires_at else r.expires_at end
		returning points, greatest(0, ceil(extract(epoch from (expires_at - now())) * 1000))::int as ms_left`;
	return row!;
}

export async function limitBooking(ip: string, kind: 'write' | 'read'): Promise<void> {
	const limit = limitsNow()[kind];
	if (shared) {
		const { points, msLeft } = await consumeShared(shared, `${limit.prefix}:${ip}`, limit.durationSec);
		if (points > limit.points) throw new TalonError('rate_limited', { seconds: Math.max(1, Math.ceil(msLeft / 1000)) });
		return;
	}
	try {
		memory ??= {
			write: new RateLimiterMemory({ keyPrefix: 'book-w', points: limitsNow().write.points, duration: 600 }),
			read: new RateLimiterMemory({ keyPrefix: 'book-r', points: 300, duration: 60 })
		};
		await memory[kind].consume(ip);
	} catch (e) {
		if (e instanceof RateLimiterRes) throw new TalonError('rate_limited', { seconds: Math.ceil(e.msBeforeNext / 1000) });
		throw e;
	}
}

/** Deletes windows that ended (every 10 minutes, once across nodes). */
export const rateLimitJobs: Job[] = [
	{
		name: 'rate-limits-expired',
		cron: '40 */10 * * * *',
		async run(tx: Tx, now: Date) {
			const rows = await tx`delete from rate_limits where expires_at < ${now} returning key`;
			return rows.length;
		}
	}
];
