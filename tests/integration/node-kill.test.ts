import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, NEEDS_SERVER, usingServer, type TestDatabase } from '../helpers/db';
import { runNodeKill } from '../helpers/chaos';

/**
 * kill -9 of one node of three under load (issue 14, item 4, first fault), the CI-sized run of
 * bench/chaos.ts: 3 node processes on one schema behind a balancer, 12 boards, kiosks issuing
 * 20 tickets/s and 3 desks calling, one node killed after 2 s of 7.
 */
let db: TestDatabase;
beforeAll(async () => {
	db = await createTestDatabase();
});
afterAll(async () => {
	await db?.close();
});

describe.skipIf(!usingServer())(`kill -9 of one node of three ${usingServer() ? '' : NEEDS_SERVER}`, () => {
	it('its clients are back within 5 s; no acknowledged ticket lost or doubled; every board ends with the server state', async () => {
		const r = await runNodeKill({
			url: process.env.TEST_DATABASE_URL!,
			schema: db.schema!,
			sql: db.sql,
			boards: 12,
			issuePerSec: 20,
			desks: 3,
			seconds: 7,
			killAfterMs: 2000
		});
		console.log(`[node-kill] ${JSON.stringify(r)}`);
		expect(r.acknowledged).toBeGreaterThan(50);
		// Desks kept calling across the kill (a loaded CI machine calls slowly; any call after it counts).
		expect(r.calledAfterKill).toBeGreaterThan(0);
		// The killed node had boards (the balancer spreads them), and they all came back in time.
		expect(r.boardsMoved).toBeGreaterThan(0);
		expect(r.reconnectMaxMs).toBeLessThan(5000);
		expect({ lost: r.lost, duplicated: r.duplicated, tickets: r.ticketsInDb }).toEqual({ lost: 0, duplicated: 0, tickets: r.acknowledged });
		expect(r.boardsWrong).toBe(0);
		expect(r.announcedTwice).toBe(0);
	}, 120_000);
});
