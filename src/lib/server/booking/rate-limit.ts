import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { TalonError } from '$lib/errors';
import { config } from '$lib/server/config';

/**
 * Per-IP limits on the public booking endpoints (rate-limiter-flexible, in memory: one process;
 * several processes would each count on their own, which only loosens the limit by their number).
 * Writes (book, move, cancel) are what a bot would flood to hoard slots; reads are generous
 * because a citizen clicks through many days. The address is `getClientAddress()`, which
 * follows ADDRESS_HEADER behind a proxy (hooks.server.ts).
 */
const makeLimits = () => ({
	write: new RateLimiterMemory({ keyPrefix: 'book-w', points: config().TALON_BOOKING_WRITES_PER_10MIN, duration: 600 }),
	read: new RateLimiterMemory({ keyPrefix: 'book-r', points: 300, duration: 60 })
});
let limits: ReturnType<typeof makeLimits> | null = null;

export async function limitBooking(ip: string, kind: 'write' | 'read'): Promise<void> {
	try {
		await (limits ??= makeLimits())[kind].consume(ip);
	} catch (e) {
		if (e instanceof RateLimiterRes) throw new TalonError('rate_limited', { seconds: Math.ceil(e.msBeforeNext / 1000) });
		throw e;
	}
}
