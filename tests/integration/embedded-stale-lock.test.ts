import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirBusy, lockDataDir, startEmbedded, zombie } from '../../src/lib/server/db/embedded';

/**
 * The embedded database's pid lock after kill -9 (issue 14, item 4): the old process may still be
 * a zombie holding its pid until its parent reaps it; a start then takes the stale lock over
 * instead of refusing. A live holder is still refused.
 */
const cleanups: (() => void)[] = [];
afterEach(() => {
	for (const c of cleanups.splice(0)) c();
});

function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'talon-lock-'));
	cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
	return dir;
}

/** A shell that never reaps its children (it `exec`s into `sleep`), running `cmd` in the background. */
function foster(cmd: string): { parent: ChildProcess; child: Promise<number>; lines: string[] } {
	const parent = spawn('sh', ['-c', `${cmd} & echo "pid $!"; exec sleep 60`], { stdio: ['ignore', 'pipe', 'inherit'] });
	cleanups.push(() => parent.kill('SIGKILL'));
	const lines: string[] = [];
	const child = new Promise<number>((resolve) => {
		parent.stdout!.on('data', (d: Buffer) => {
			for (const line of d.toString().split('\n').filter(Boolean)) {
				lines.push(line);
				const m = line.match(/^pid (\d+)$/);
				if (m) resolve(Number(m[1]));
			}
		});
	});
	return { parent, child, lines };
}

describe('the embedded database lock', () => {
	it('a zombie holding the pid of the lock does not keep a new start out', async () => {
		const dir = tempDir();
		const { child } = foster('sleep 0.3');
		const pid = await child;
		await expect.poll(() => zombie(pid), { timeout: 5000 }).toBe(true);
		writeFileSync(join(dir, 'talon.pid'), String(pid));
		const unlock = lockDataDir(dir);
		expect(readFileSync(join(dir, 'talon.pid'), 'utf8')).toBe(String(process.pid));
		unlock();
	});

	it('a live holder is refused', async () => {
		const dir = tempDir();
		const { parent } = foster('true');
		writeFileSync(join(dir, 'talon.pid'), String(parent.pid));
		expect(zombie(parent.pid!)).toBe(false);
		expect(() => lockDataDir(dir)).toThrow(DataDirBusy);
	});

	it('kill -9 of a process that has the database open, not yet reaped: the next start takes over', async () => {
		const dir = tempDir();
		const script = `import('${join(process.cwd(), 'src/lib/server/db/embedded.ts')}').then((m) => m.startEmbedded('${dir}')).then(() => console.log('open'))`;
		const { child, lines } = foster(`node --import tsx --input-type=module -e "${script}"`);
		const pid = await child;
		await expect.poll(() => lines.includes('open'), { timeout: 60_000, interval: 200 }).toBe(true);
		expect(readFileSync(join(dir, 'talon.pid'), 'utf8')).toBe(String(pid));
		process.kill(pid, 'SIGKILL');
		await expect.poll(() => zombie(pid), { timeout: 5000 }).toBe(true);
		const db = await startEmbedded(dir);
		try {
			expect(readFileSync(join(dir, 'talon.pid'), 'utf8')).toBe(String(process.pid));
		} finally {
			await db.stop();
		}
	}, 90_000);
});
