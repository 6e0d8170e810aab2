import { createHmac } from 'node:crypto';
import { PermanentFailure, type Channel } from './channel';

/**
 * `SMS_PROVIDER=webhook`: POST `{ id, to, text }` as JSON to `SMS_URL`, signed with
 * `X-Talon-Signature: <HMAC-SHA256 of the body, hex>` keyed by `SMS_SECRET` (how most aggregators'
 * HTTP gateways are bridged). 2xx is accepted; 408, 429 and 5xx (and no answer) are retried; any
 * other 4xx says the request itself is wrong, which a retry would not change. `id` is the notice's
 * id, the same on every attempt, so a gateway can drop a duplicate.
 */
export function webhookSms(opts: { url: string; secret: string; timeoutMs?: number }): Channel {
	return {
		name: 'sms',
		provider: 'webhook',
		async send(n) {
			const body = JSON.stringify({ id: String(n.id), to: n.recipient, text: n.body.text });
			const res = await fetch(opts.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-talon-signature': signBody(body, opts.secret) },
				body,
				signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000)
			});
			const answer = await res.text().catch(() => '');
			if (res.ok) return { providerId: answer.match(/"id"\s*:\s*"([^"]{1,100})"/)?.[1] ?? null };
			const reason = `SMS gateway answered ${res.status}${answer ? `: ${answer.slice(0, 200)}` : ''}`;
			if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentFailure(reason);
			throw new Error(reason);
		}
	};
}

export const signBody = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('hex');
