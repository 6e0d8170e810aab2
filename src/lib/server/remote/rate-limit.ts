import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { TalonError } from '$lib/errors';

/**
 * A code request sends an SMS the office pays for, to any number typed: limited per phone (3 in
 * 15 minutes: a visitor who did not get the first may ask twice more) and per client address (20
 * in 15 minutes: a hall on the office's Wi-Fi shares one). Checking a code is limited per address
 * too (the 3 tries per code already stop guessing one code). In memory, per process.
 */
export const REMOTE_LIMITS = { perPhone: 3, perAddress: 20, seconds: 900 } as const;
const byPhone = new RateLimiterMemory({ keyPrefix: 'remote-phone', points: REMOTE_LIMITS.perPhone, duration: REMOTE_LIMITS.seconds });
const byAddress = new RateLimiterMemory({ keyPrefix: 'remote-ip', points: REMOTE_LIMITS.perAddress, duration: REMOTE_LIMITS.seconds });
const joinsByAddress = new RateLimiterMemory({
	keyPrefix: 'remote-join-ip',
	points: REMOTE_LIMITS.perAddress,
	duration: REMOTE_LIMITS.seconds
});

async function consume(limiter: RateLimiterMemory, key: string): Promise<void> {
	try {
		await limiter.consume(key);
	} catch (e) {
		if (e instanceof RateLimiterRes) throw new TalonError('rate_limited', { seconds: Math.ceil(e.msBeforeNext / 1000) });
		throw e;
	}
}

export const limitCodeByAddress = (ip: string) => consume(byAddress, ip);
export const limitCodeByPhone = (officeId: number, phone: string) => consume(byPhone, `${officeId}:${phone}`);
export const limitJoinByAddress = (ip: string) => consume(joinsByAddress, ip);
