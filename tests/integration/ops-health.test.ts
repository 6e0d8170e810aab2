import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxiedDatabase, type ProxiedDatabase } from '../helpers/proxied-db';
import { knownMigration, readiness } from '../../src/lib/server/ops/health';

/** `GET /readyz`'s answer (the route only serialises it; tests/e2e/ops.spec.ts calls the route). */
let p: ProxiedDatabase;
beforeAll(async () => {
	p = await proxiedDatabase();
});
afterAll(() => p?.close());

describe('readiness', () => {
	it('is ready when the database answers and holds every migration this code knows', async () => {
		const state = await readiness(p.db.sql);
		expect(state).toEqual({ ready: true, database: 'ok', migrations: { applied: knownMigration(), known: knownMigration() } });
		expect(knownMigration()).toBeGreaterThanOrEqual(11);
	});

	it('is not ready when a migration is missing (an older database than the code)', async () => {
		const state = await readiness(p.db.sql, { known: knownMigration() + 1 });
		expect(state.ready).toBe(false);
		expect(state.database).toBe('ok');
	});

	it('is not ready, within the timeout, while the database is unreachable, and ready again after', async () => {
		await p.proxy.cut();
		let began = Date.now();
		expect(await readiness(p.db.sql, { timeoutMs: 1500 })).toEqual({ ready: false, database: 'unreachable', migrations: null });
		expect(Date.now() - began).toBeLessThan(2000);
		// A black hole (connections accepted, nothing answered) is caught by the timeout.
		await p.proxy.restore();
		p.proxy.hang();
		began = Date.now();
		expect((await readiness(p.db.sql, { timeoutMs: 800 })).database).toBe('unreachable');
		expect(Date.now() - began).toBeLessThan(1500);
		await p.proxy.restore();
		await expect.poll(async () => (await readiness(p.db.sql)).ready, { timeout: 5000, interval: 200 }).toBe(true);
	});
});
