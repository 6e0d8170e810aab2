import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { pickSettings } from './src/lib/server/settings.js';

// TALON_BUILD_DIR / TALON_KIT_DIR let two builds (e.g. parallel end-to-end runs) not collide.
const { TALON_BUILD_DIR, TALON_KIT_DIR } = pickSettings(process.env, ['TALON_BUILD_DIR', 'TALON_KIT_DIR']);

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SvelteKit's origin check on form actions stays on (the default); adapter-node reads ORIGIN.
		adapter: adapter({ out: TALON_BUILD_DIR }),
		outDir: TALON_KIT_DIR
	}
};

export default config;
