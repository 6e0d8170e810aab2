import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

/**
 * The embedded database serves one process (issue 14): a second Talon on the same data folder is
 * refused at start with a message that says so and points to PostgreSQL for several nodes.
 * The first process here is a stand-in holding the folder's pid lock (a live process of its own).
 */
const dir = mkdtempSync(join(tmpdir(), 'talon-single-node-'));
const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
afterAll(() => {
	holder.kill('SIGKILL');
	rmSync(dir, { recursive: true, force: true });
});

describe('a second process on the embedded database', () => {
	it('is refused, saying the embedded database is for one process and naming the holder', async () => {
		writeFileSync(join(dir, 'talon.pid'), String(holder.pid));
		delete process.env.DATABASE_URL;
		process.env.TALON_DATA_DIR = dir;
		const { startTalon } = await import('../../src/lib/server/app');
		const error = await startTalon().then(
			() => null,
			(e: Error) => e
		);
		expect(error?.message).toContain(`held by another Talon process (pid ${holder.pid})`);
		expect(error?.message).toContain('The embedded database serves one process only');
		expect(error?.message).toContain('DATABASE_URL');
	});
});
