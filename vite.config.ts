import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { talonSocketDev } from './src/lib/server/realtime/vite-plugin.ts';

export default defineConfig({
	plugins: [talonSocketDev(), sveltekit()],
	test: {
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// Each integration file owns a database (a schema on a real server, or its own embedded PGlite).
		fileParallelism: true,
		maxWorkers: 2
	}
});
