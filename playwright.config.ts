import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download its own browser here).
 * The app is built once before the run (tests/e2e/harness/global-setup.ts); every spec starts
 * its own servers from that build through the harness (tests/e2e/harness/fixture.ts), on ports
 * the OS hands out and on a database of their own: TEST_DATABASE_URL's server when it is set,
 * else an embedded one in a temp folder. So two runs at once do not collide.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	globalSetup: './tests/e2e/harness/global-setup.ts',
	// Resolves `$lib` in the app modules the harness seeds with (tsx and the CLI use the same file).
	tsconfig: './tsconfig.node.json',
	timeout: 30_000,
	retries: 0,
	workers: 1,
	reporter: [['list']],
	use: {
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	}
});
