import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { TalonError } from '$lib/errors';

/**
 * Per-IP limits on the public booking endpoints (rate-limiter-flexible, in memory: one process;
 * several processes would each count on their own, which only loosens the limit by their number).
 * Writes (book, move, cancel) are what a bot would flood to hoard slots; reads are generous
 * because a citizen clicks through many days.
 */
const limits = {
	write: new RateLimiterMemory({ keyPrefix: 'book-w', points: Number(process.env.TALON_BOOKING_WRITES_PER_10MIN ?? 20), duration: 600 }),
	read: new RateLimiterMemory({ keyPrefix: 'book-r', points: 300, duration: 60 })
};

export async function limitBooking(ip: string, kind: keyof typeof limits): Promise<void> {
	try {
		await limits[kind].consume(ip);
	} catch (e) {
		if (e instanceof RateLimiterRes) throw new TalonError('rate_limited', { seconds: Math.ceil(e.msBeforeNext / 1000) });
		throw e;
	}
}
