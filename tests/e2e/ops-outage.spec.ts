import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { talonTest, expect } from './harness/fixture';
import { startTcpProxy } from '../helpers/tcp-proxy';

/**
 * The production server with its PostgreSQL behind a TCP proxy that the test cuts (issue 14,
 * item 4): the kiosk and the hall board show their offline state, the API answers 503
 * `database_unavailable` (pages too), and when the proxy forwards again both come back by
 * themselves, without a restart. Needs a PostgreSQL server (TEST_DATABASE_URL).
 */
const test = talonTest();
const server = process.env.TEST_DATABASE_URL;

test.skip(!server, 'needs a PostgreSQL server (TEST_DATABASE_URL): the embedded database cannot be cut from the server');

test('the database cut: screens go offline, the API answers 503; back: screens live again, no restart', async ({
	launchTalon,
	browser
}) => {
	const name = `talon_e2e_ops_${randomBytes(4).toString('hex')}`;
	const admin = postgres(server!, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const target = new URL(server!);
	const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
	try {
		target.pathname = `/${name}`;
		const talon = await launchTalon({
			databaseUrl: proxy.url(target.toString()),
			env: { TALON_DB_CONNECT_TIMEOUT_MS: '1000' },
			seed: async (_sql, demo) => ({
				kiosk: demo.devices.find((d) => d.kind === 'kiosk')!.token,
				board: demo.devices.find((d) => d.kind === 'display')!.token
			})
		});
		const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
		const board = await browser.newPage({ viewport: { width: 1366, height: 768 } });
		await kiosk.goto(`${talon.url}/kiosk?pair=${talon.data.kiosk}`);
		await board.goto(`${talon.url}/display#token=${talon.data.board}`);
		// Both live: the kiosk shows the office's categories (from its snapshot), the board its hall.
		await expect(kiosk.getByRole('button', { name: /Паспорта и документы/ })).toBeVisible({ timeout: 15_000 });
		await expect(board.getByTestId('board')).toBeVisible({ timeout: 15_000 });
		await expect(board.getByTestId('offline')).toHaveCount(0, { timeout: 15_000 });
		await expect(kiosk.getByTestId('offline')).toHaveCount(0);

		await proxy.cut();
		const began = Date.now();
		const api = await fetch(`${talon.url}/api/v1/offices`);
		expect(api.status).toBe(503);
		expect(((await api.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
		expect(Date.now() - began).toBeLessThan(2000);
		expect((await fetch(`${talon.url}/readyz`)).status).toBe(503);
		expect((await fetch(`${talon.url}/healthz`)).status).toBe(200);
		await expect(board.getByTestId('offline')).toBeVisible({ timeout: 5000 });
		await expect(kiosk.getByTestId('offline')).toBeVisible({ timeout: 5000 });
		await kiosk.screenshot({ path: test.info().outputPath('kiosk-offline.png') });

		await proxy.restore();
		await expect.poll(async () => (await fetch(`${talon.url}/api/v1/offices`)).status, { timeout: 5000 }).toBe(200);
		await expect(kiosk.getByTestId('offline')).toHaveCount(0, { timeout: 5000 });
		await expect(board.getByTestId('offline')).toHaveCount(0, { timeout: 5000 });
		expect(talon.running).toBe(true);
		await talon.stop();
	} finally {
		await proxy.close();
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
});
