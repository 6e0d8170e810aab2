import http from 'node:http';
import https from 'node:https';
import webpush from 'web-push';
import type { Sql } from '$lib/server/db/connect';
import { PermanentFailure, type Channel } from './channel';

/**
 * Web Push (`web-push`): the VAPID key pair is made on the first start and kept in the database
 * (`notice_keys`), so every server process of one installation signs with the same key and a
 * browser's subscription survives restarts. The recipient is the browser's subscription (JSON).
 * 404 and 410 from the push service mean the subscription is gone: permanent.
 */
export interface VapidKeys {
	publicKey: string;
	privateKey: string;
}

export async function vapidKeys(sql: Sql): Promise<VapidKeys> {
	const read = async () => (await sql<{ value: VapidKeys }[]>`select value from notice_keys where name = 'vapid'`)[0]?.value;
	const existing = await read();
	if (existing) return existing;
	// Two processes starting at once: one insert wins, both read the winner's keys.
	await sql`insert into notice_keys (name, value) values ('vapid', ${sql.json(webpush.generateVAPIDKeys() as never)}) on conflict do nothing`;
	return (await read())!;
}

/** `subject`: a contact for the push services, an https: URL or a mailto: address. */
export function webPush(opts: { keys: VapidKeys; subject: string; timeoutMs?: number }): Channel {
	return {
		name: 'push',
		provider: 'web-push',
		async send(n) {
			const subscription = JSON.parse(n.recipient) as webpush.PushSubscription;
			const payload = JSON.stringify({ title: n.body.subject ?? 'Talon', body: n.body.text, id: n.id, url: n.body.url });
			// web-push encrypts and signs; the request itself is ours, so a test's local push
			// service may speak plain http (every real push service is https).
			const req = webpush.generateRequestDetails(subscription, payload, {
				vapidDetails: { subject: opts.subject, publicKey: opts.keys.publicKey, privateKey: opts.keys.privateKey },
				TTL: 600
			});
			const { status, location } = await post(req, opts.timeoutMs ?? 15_000);
			if (status >= 200 && status < 300) return { providerId: location };
			const reason = `push service answered ${status}`;
			// Gone (404, 410) or refused as malformed or too big: a retry would not help.
			if ([400, 404, 410, 413].includes(status)) throw new PermanentFailure(reason);
			throw new Error(reason);
		}
	};
}

/** The VAPID subject from the site's address (a push service wants https: or mailto:, never localhost). */
export function vapidSubject(origin: string): string {
	const u = new URL(origin);
	return u.protocol === 'https:' && u.hostname !== 'localhost' ? u.origin : 'mailto:noreply@talon.invalid';
}

function post(
	req: { endpoint: string; method: string; headers: Record<string, string | number>; body: Buffer | string | null },
	timeoutMs: number
): Promise<{ status: number; location: string | null }> {
	const url = new URL(req.endpoint);
	const lib = url.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const r = lib.request(url, { method: req.method, headers: req.headers }, (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null }));
		});
		r.setTimeout(timeoutMs, () => r.destroy(new Error(`push service: no answer in ${timeoutMs} ms`)));
		r.on('error', reject);
		r.end(req.body ?? undefined);
	});
}
