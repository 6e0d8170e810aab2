// `npm test`: unit and integration tests (Vitest), then end-to-end tests (Playwright in Debian's
// Chromium). With TEST_DATABASE_URL the integration tests use that PostgreSQL server (each file
// in its own schema) and every end-to-end server a fresh database on it; without it, an embedded
// PGlite each (tests that only prove what concurrent transactions do are skipped there, visibly).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;

console.log(`[test] database: ${process.env.TEST_DATABASE_URL ? 'PostgreSQL server (TEST_DATABASE_URL)' : 'embedded PGlite'}`);
let failed = run('npx', ['vitest', 'run']) !== 0;

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
	console.error(`[test] ${chromium} is missing: install Debian's Chromium (apt-get install -y chromium) for the end-to-end tests`);
	failed = true;
} else {
	failed = run('npx', ['playwright', 'test']) !== 0 || failed;
}
process.exit(failed ? 1 : 0);
