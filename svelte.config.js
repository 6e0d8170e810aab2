import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { pickSettings } from './src/lib/server/settings.js';

// TALON_BUILD_DIR / TALON_KIT_DIR let two builds (e.g. parallel end-to-end runs) not collide.
const { TALON_BUILD_DIR, TALON_KIT_DIR } = pickSettings(process.env, ['TALON_BUILD_DIR', 'TALON_KIT_DIR']);

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: TALON_BUILD_DIR }),
		// The origin check on form posts is SvelteKit's rule, made in hooks.server.ts instead
		// (src/lib/server/edge/origin.ts) so that the e-mails' stop links take a mail client's
		// one-click unsubscribe (RFC 8058), which comes from the mail provider without our Origin.
		// Every other cross-site form post is refused as before. adapter-node reads ORIGIN.
		csrf: { trustedOrigins: ['*'] },
		outDir: TALON_KIT_DIR,
		// notices (issue 13): src/service-worker.ts handles Web Push only; the ticket page registers
		// it with scope /t/ (src/lib/notices/push.ts), so no other page gets a worker.
		serviceWorker: { register: false },
		// ops: Content-Security-Policy on every page. Scripts only from this origin plus SvelteKit's
		// own inline start-up script, which carries a per-response nonce (hashes on prerendered
		// pages): an injected <script> does not run. Styles allow inline because Svelte sets style
		// attributes; sockets, voice files and the API are same-origin; no page may be framed
		// by another site.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'media-src': ['self', 'blob:', 'data:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['self']
			}
		}
	}
};

export default config;
