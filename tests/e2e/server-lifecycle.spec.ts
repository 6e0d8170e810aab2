import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './harness/fixture';
import type { TalonServer } from './harness/server';

/**
 * What a visitor was told happened, happened: tickets acknowledged before a SIGTERM or a
 * kill -9 are there after the restart, and a SIGTERM lets running requests finish and exits 0.
 * Three starts of the production server on one embedded data folder, the first one a
 * newcomer's (the server itself migrates and seeds the demo office and prints its tokens).
 */
test.setTimeout(300_000);

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

test('SIGTERM finishes running requests, exits 0, and every acknowledged ticket survives; so does kill -9', async ({ launchTalon }) => {
	const dir = mkdtempSync(join(tmpdir(), 'talon-life-'));
	const dataDir = join(dir, 'data');
	const servers: TalonServer[] = [];
	const start = async () => {
		const server = await launchTalon({ database: 'embedded', dataDir, seed: false });
		servers.push(server);
		return server;
	};
	try {
		const first = await start();
		const token = first.log().match(/device kiosk .* token: ([a-z2-7]{32})/)?.[1];
		expect(token, 'the first start prints the demo kiosk token').toBeTruthy();

		// A burst of tickets, and SIGTERM once the first is acknowledged: the rest are in flight.
		let done = 0;
		const burst = Array.from({ length: 40 }, (_, i) => issue(first.url, token!, (i % 3) + 1).finally(() => done++));
		await Promise.race(burst);
		const doneBeforeSignal = done;
		const stopped = first.stop();
		const acknowledged = (await Promise.all(burst)).filter((t) => t !== null);
		expect(acknowledged.length, 'requests already running when the signal came were finished').toBeGreaterThan(doneBeforeSignal);
		expect(await stopped).toBe(0);
		expect(first.log()).toMatch(/SIGTERM: finishing running commands/);

		const second = await start();
		expect(second.log(), 'no second seeding on restart').not.toMatch(/Demo office "central" created/);
		const before = await (
			await fetch(`${second.url}/api/v1/offices/central/snapshot`, { headers: { authorization: `Bearer ${token}` } })
		).json();
		const ids = new Set(before.tickets.map((t: { id: number }) => t.id));
		for (const t of acknowledged) expect(ids.has(t!.ticket.id), `ticket ${t!.ticket.number} survived`).toBe(true);

		// kill -9 right after acknowledgements: nothing acknowledged is lost, the stale lock is taken over.
		const more = (await Promise.all(Array.from({ length: 10 }, () => issue(second.url, token!, 1)))).filter((t) => t !== null);
		expect(more).toHaveLength(10);
		await second.kill9();

		const third = await start();
		const after = await (
			await fetch(`${third.url}/api/v1/offices/central/snapshot`, { headers: { authorization: `Bearer ${token}` } })
		).json();
		const afterIds = new Set(after.tickets.map((t: { id: number }) => t.id));
		for (const t of [...acknowledged, ...more]) expect(afterIds.has(t!.ticket.id)).toBe(true);
		// Numbers continue where they stopped: no number is handed out twice after the crash.
		const numbers = after.tickets.map((t: { number: string }) => t.number);
		expect(new Set(numbers).size).toBe(numbers.length);
		expect(await third.stop()).toBe(0);
	} finally {
		for (const s of servers) await s.kill9();
		rmSync(dir, { recursive: true, force: true });
	}
});
