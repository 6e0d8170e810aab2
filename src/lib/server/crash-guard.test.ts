import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

/** Runs a script in a child process with the crash guards installed (or not). */
function run(guarded: boolean) {
	const script = `
		${guarded ? "const { installCrashGuards } = await import('./src/lib/server/crash-guard.ts'); installCrashGuards();" : ''}
		setTimeout(() => { throw new TypeError("Cannot read properties of undefined (reading 'queue')"); }, 10);
		setTimeout(() => Promise.reject(new Error('nobody awaited this')), 20);
		setTimeout(() => console.log('still serving'), 100);
	`;
	return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
}

describe('crash guards', () => {
	it('an error that escapes every handler is logged and the process keeps serving', () => {
		const r = run(true);
		expect(r.stdout).toContain('still serving');
		expect(r.status).toBe(0);
		expect(r.stderr + r.stdout).toContain("reading 'queue'");
		expect(r.stderr + r.stdout).toContain('nobody awaited this');
	});

	it('without them the same error ends the process (what a herd did to the server)', () => {
		const r = run(false);
		expect(r.stdout).not.toContain('still serving');
		expect(r.status).not.toBe(0);
	});
});
