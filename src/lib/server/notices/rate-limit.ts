import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { TalonError } from '$lib/errors';

/**
 * Alerts are free SMS and e-mails to any address a caller types, so they are limited per client
 * address (in memory, per process) and per ticket. 10 changes of one ticket in 10 minutes is
 * plenty for a visitor who mistyped their number; 60 per address leaves room for a hall whose
 * visitors share the office's Wi-Fi (one address) and is still little for a spammer.
 */
export const ALERT_LIMITS = { perAddress: 60, perTicket: 10, seconds: 600 } as const;
const byAddress = new RateLimiterMemory({ keyPrefix: 'alert-ip', points: ALERT_LIMITS.perAddress, duration: ALERT_LIMITS.seconds });
const byTicket = new RateLimiterMemory({ keyPrefix: 'alert-ticket', points: ALERT_LIMITS.perTicket, duration: ALERT_LIMITS.seconds });

export async function limitAlerts(ip: string, publicCode: string): Promise<void> {
	try {
		await byAddress.consume(ip);
		await byTicket.consume(publicCode);
	} catch (e) {
		if (e instanceof RateLimiterRes) throw new TalonError('rate_limited', { seconds: Math.ceil(e.msBeforeNext / 1000) });
		throw e;
	}
}
