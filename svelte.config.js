import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SvelteKit's origin check on form actions stays on (the default); adapter-node reads ORIGIN.
		adapter: adapter({ out: 'build' })
	}
};

export default config;
