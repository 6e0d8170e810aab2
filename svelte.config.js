import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SvelteKit's origin check on form actions stays on (the default); adapter-node reads ORIGIN.
		// TALON_BUILD_DIR / TALON_KIT_DIR let two builds (e.g. parallel end-to-end runs) not collide.
		adapter: adapter({ out: process.env.TALON_BUILD_DIR || 'build' }),
		outDir: process.env.TALON_KIT_DIR || '.svelte-kit'
	}
};

export default config;
