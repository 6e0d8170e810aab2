import { test as base, expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';

/**
 * The desk and login tests need staff whose passwords they know, which the demo seed (random
 * passwords printed once) cannot give them. So these tests run their own server — same build,
 * next port — on a data dir prepared by desk-setup.ts (demo office, operators alice/bob/carol,
 * admin boss, office "north" with operator nora). Set DESK_E2E_URL + DESK_E2E_INFO to reuse a
 * running one while developing.
 */
export const PASSWORD = 'desk-e2e-password';

export interface TalonEnv {
	baseURL: string;
	centralId: number;
	northId: number;
	northDeskId: number;
	kioskToken: string;
	/** Stops the server and starts it again on the same data (null when reusing an outside server). */
	restart: (() => Promise<void>) | null;
}

async function waitUp(url: string, child: ChildProcess, ms: number): Promise<void> {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (child.exitCode !== null) throw new Error(`the test server exited with ${child.exitCode}`);
		const ok = await fetch(url).then((r) => r.ok, () => false);
		if (ok) return;
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error('the test server did not start');
}

export const test = base.extend<object, { talon: TalonEnv }>({
	talon: [
		async ({}, use) => {
			if (process.env.DESK_E2E_URL) {
				await use({ baseURL: process.env.DESK_E2E_URL, ...JSON.parse(process.env.DESK_E2E_INFO ?? '{}'), restart: null });
				return;
			}
			const dataDir = mkdtempSync(join(tmpdir(), 'talon-desk-e2e-'));
			const out = execFileSync(process.execPath, ['tests/e2e/desk-setup.mjs', dataDir], { encoding: 'utf8' });
			const info = JSON.parse(out.trim().split('\n').pop()!);
			const port = Number(process.env.E2E_PORT ?? 4173) + 1;
			const baseURL = `http://127.0.0.1:${port}`;
			const start = () =>
				spawn(process.execPath, ['tests/e2e/desk-server.mjs'], {
					env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: baseURL, TALON_DATA_DIR: dataDir, DATABASE_URL: '' },
					stdio: ['ignore', 'ignore', 'inherit']
				});
			const stop = async (c: ChildProcess) => {
				if (c.exitCode !== null) return;
				const exited = new Promise((r) => c.once('exit', r));
				c.kill('SIGTERM');
				await exited;
			};
			let child = start();
			try {
				await waitUp(`${baseURL}/api/v1/offices`, child, 150_000);
				const restart = async () => {
					await stop(child);
					child = start();
					await waitUp(`${baseURL}/api/v1/offices`, child, 60_000);
				};
				await use({ baseURL, ...info, restart });
			} finally {
				await stop(child);
			}
		},
		{ scope: 'worker', timeout: 200_000 }
	],
	baseURL: async ({ talon }, use) => use(talon.baseURL)
});

export { expect };

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, login: string, password = PASSWORD): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('Логин').fill(login);
	await page.getByLabel('Пароль').fill(password);
	await page.getByRole('button', { name: 'Войти' }).click();
}

/** A fresh browser (own cookies) signed in as `login`, at the console with `desk` chosen. */
export async function operatorAt(browser: Browser, baseURL: string, login: string, desk: number): Promise<Page> {
	const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 } });
	const page = await context.newPage();
	await signIn(page, login);
	await expect(page).toHaveURL(/\/desk/);
	await page.getByRole('button', { name: new RegExp(`^Окно ${desk}\\b`) }).click();
	await expect(page.getByText('На связи')).toBeVisible();
	// A closed desk is opened once at the start of the shift.
	const open = page.getByRole('button', { name: 'Открыть окно' });
	if (await open.isVisible()) await open.click();
	await expect(page.getByTestId('desk-state')).toHaveText('Приём открыт');
	return page;
}

/** Issues a ticket as the hall's kiosk does (device token), returning its number. */
export async function kioskTicket(request: APIRequestContext, env: TalonEnv, serviceId: number): Promise<{ id: number; number: string; arrivedAt: string }> {
	const res = await request.post(`/api/v1/offices/central/tickets`, {
		headers: { authorization: `Bearer ${env.kioskToken}` },
		data: { serviceId }
	});
	expect(res.status()).toBe(201);
	return (await res.json()).ticket;
}

export async function serviceId(request: APIRequestContext, prefix: string): Promise<number> {
	const res = await request.get('/api/v1/offices/central/services');
	const body = await res.json();
	const list = (Array.isArray(body) ? body : body.services) as { id: number; prefix: string }[];
	return list.find((s) => s.prefix === prefix)!.id;
}

/** A Node-side Socket.IO client carrying (or not) a session cookie: for forged events. */
export function rawSocket(baseURL: string, cookie?: string): Promise<Socket> {
	const socket = io(baseURL, { transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false });
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

export function emit<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<{ data?: T; error?: { code: string; message: string } }> {
	return new Promise((resolve) => socket.emit(event, payload, resolve));
}
