/**
 * The browser side of Web Push on the ticket page (/t/<code>): registers the push-only service
 * worker (`src/service-worker.ts`) with scope `/t/`, subscribes with the server's VAPID public key
 * and sends the subscription as the ticket's `push` alert (`POST /api/v1/tickets/{code}/alerts`).
 */
import { dev } from '$app/environment';

/** Whether this browser can take push notices at all (iOS: only once the site is on the home screen). */
export function pushSupported(): boolean {
	return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** The VAPID public key (base64url) as `applicationServerKey` wants it. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
	const b64 = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/');
	const raw = atob(b64);
	const out = new Uint8Array(new ArrayBuffer(raw.length));
	for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
	return out;
}

export type PushOutcome = { ok: true } | { ok: false; reason: 'denied' | 'unsupported' | 'subscribe' | 'server'; message?: string };

/** Permission → worker → subscription → the alert on the server. */
export async function subscribeTicket(opts: { publicCode: string; vapidKey: string; ahead: number; locale: string }): Promise<PushOutcome> {
	if (!pushSupported()) return { ok: false, reason: 'unsupported' };
	const permission = await Notification.requestPermission();
	if (permission !== 'granted') return { ok: false, reason: 'denied' };
	let subscription: PushSubscription;
	try {
		await navigator.serviceWorker.register('/service-worker.js', {
			scope: '/t/',
			type: dev ? 'module' : 'classic'
		});
		const registration = await navigator.serviceWorker.ready;
		subscription =
			(await registration.pushManager.getSubscription()) ??
			(await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(opts.vapidKey) }));
	} catch (e) {
		return { ok: false, reason: 'subscribe', message: e instanceof Error ? e.message : String(e) };
	}
	const res = await fetch(`/api/v1/tickets/${encodeURIComponent(opts.publicCode)}/alerts`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'accept-language': opts.locale },
		body: JSON.stringify({ channel: 'push', subscription: subscription.toJSON(), ahead: opts.ahead })
	});
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as { message?: string } | null;
		return { ok: false, reason: 'server', message: body?.message };
	}
	return { ok: true };
}
