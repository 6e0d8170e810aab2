/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

/**
 * Talon's service worker: Web Push only (issue 13). It is registered by the ticket page alone
 * (`src/lib/notices/push.ts`, scope `/t/`; SvelteKit's own registration is off in svelte.config.js),
 * has no `fetch` handler — it never caches or answers a request, so kiosks, boards and the desk
 * are untouched and always get the live server — and does two things:
 *  - `push`: shows the notice the server sent (title, text: «Талон П005: Вас вызывают к окну 2»),
 *    also with the page closed and the phone's screen off (the push service wakes it);
 *  - `notificationclick`: opens (or focuses) the ticket's page.
 */
const sw = self as unknown as ServiceWorkerGlobalScope;

interface PushPayload {
	title?: string;
	body?: string;
	id?: number;
	url?: string;
}

sw.addEventListener('install', () => void sw.skipWaiting());
sw.addEventListener('activate', (event) => event.waitUntil(sw.clients.claim()));

sw.addEventListener('push', (event) => {
	let data: PushPayload;
	try {
		data = (event.data?.json() ?? {}) as PushPayload;
	} catch {
		data = { body: event.data?.text() };
	}
	event.waitUntil(
		sw.registration.showNotification(data.title ?? 'Talon', {
			body: data.body ?? '',
			// One ticket's notices replace each other on the lock screen, and each one rings.
			tag: data.url ?? 'talon',
			data: { url: data.url ?? '/' },
			requireInteraction: true
		})
	);
});

sw.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const url = new URL((event.notification.data as { url?: string } | null)?.url ?? '/', sw.location.origin).href;
	event.waitUntil(
		(async () => {
			const open = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
			const same = open.find((c) => c.url === url);
			if (same) return void (await same.focus());
			await sw.clients.openWindow(url);
		})()
	);
});
