import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What a visitor was told happened, happened: tickets acknowledged before a SIGTERM or a
 * kill -9 are there after the restart, and a SIGTERM lets running requests finish and exits 0.
 * Runs the production server (built by the webServer of this suite) on its own port and data.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

const freePort = () =>
	new Promise<number>((resolve) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
	});

interface Running {
	proc: ChildProcess;
	url: string;
	log: () => string;
	exited: Promise<number | null>;
}

async function startServer(dataDir: string): Promise<Running> {
	const port = await freePort();
	let log = '';
	const proc = spawn(process.execPath, ['server.js'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TALON_DATA_DIR: dataDir, DATABASE_URL: '', TALON_REBUILD: '0' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	proc.stdout!.on('data', (d) => (log += d));
	proc.stderr!.on('data', (d) => (log += d));
	const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
	const url = `http://127.0.0.1:${port}`;
	// A first start on a busy 2-core machine (PGlite init + demo seeding) can take a minute.
	for (let i = 0; i < 1200; i++) {
		if (/listening on/.test(log)) break;
		if (proc.exitCode !== null) throw new Error(`server exited: ${log}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	if (!/listening on/.test(log)) throw new Error(`server did not start: ${log}`);
	return { proc, url, log: () => log, exited };
}

async function issue(url: string, token: string, serviceId: number) {
	try {
		const res = await fetch(`${url}/api/v1/offices/central/tickets`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ serviceId })
		});
		return res.status === 201 ? ((await res.json()) as { ticket: { id: number; number: string } }) : null;
	} catch {
		return null; // refused: the server had stopped accepting — the visitor was told nothing
	}
}

test('SIGTERM finishes running requests, exits 0, and every acknowledged ticket survives; so does kill -9', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'talon-life-'));
	try {
		const first = await startServer(join(dir, 'data'));
		const token = first.log().match(/device kiosk .* token: ([a-z2-7]{32})/)?.[1];
		expect(token, 'the first start prints the demo kiosk token').toBeTruthy();

		// A burst of tickets, and SIGTERM while it is in flight.
		const burst = Array.from({ length: 40 }, (_, i) => issue(first.url, token!, (i % 3) + 1));
		await new Promise((r) => setTimeout(r, 30));
		first.proc.kill('SIGTERM');
		const acknowledged = (await Promise.all(burst)).filter((t) => t !== null);
		expect(acknowledged.length, 'requests already running when the signal came were finished').toBeGreaterThan(0);
		expect(await first.exited).toBe(0);
		expect(first.log()).toMatch(/SIGTERM: finishing running commands/);

		const second = await startServer(join(dir, 'data'));
		expect(second.log(), 'no second seeding on restart').not.toMatch(/Demo office "central" created/);
		const before = await (await fetch(`${second.url}/api/v1/offices/central/snapshot`, { headers: { authorization: `Bearer ${token}` } })).json();
		const ids = new Set(before.tickets.map((t: { id: number }) => t.id));
		for (const t of acknowledged) expect(ids.has(t!.ticket.id), `ticket ${t!.ticket.number} survived`).toBe(true);

		// kill -9 right after acknowledgements: nothing acknowledged is lost, the stale lock is taken over.
		const more = (await Promise.all(Array.from({ length: 10 }, () => issue(second.url, token!, 1)))).filter((t) => t !== null);
		expect(more).toHaveLength(10);
		second.proc.kill('SIGKILL');
		await second.exited;

		const third = await startServer(join(dir, 'data'));
		const after = await (await fetch(`${third.url}/api/v1/offices/central/snapshot`, { headers: { authorization: `Bearer ${token}` } })).json();
		const afterIds = new Set(after.tickets.map((t: { id: number }) => t.id));
		for (const t of [...acknowledged, ...more]) expect(afterIds.has(t!.ticket.id)).toBe(true);
		// Numbers continue where they stopped: no number is handed out twice after the crash.
		const numbers = after.tickets.map((t: { number: string }) => t.number);
		expect(new Set(numbers).size).toBe(numbers.length);
		third.proc.kill('SIGTERM');
		expect(await third.exited).toBe(0);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
