import { expect, test } from '@playwright/test';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import postgres from 'postgres';
import { io } from 'socket.io-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The whole story in Chromium: a citizen books on a phone-sized screen and gets a code;
 * at the kiosk (its real screen) they check in with it; a desk's call-next (the staff Socket.IO
 * command) gets that appointment before two walk-ins who took tickets earlier.
 *
 * The server runs on a fresh database of TEST_DATABASE_URL's server, or, without one (a laptop),
 * on an embedded database in a temp folder. An appointment is served first only once its slot
 * has started and the next free slot is up to 15 minutes away, so the test moves the ticket's
 * slot start one minute into the past instead of waiting (the only write it makes; on the
 * embedded database the server is stopped for it and started again, as it holds the folder).
 */
const port = Number(process.env.E2E_PORT ?? 4173) + 30;
const base = `http://127.0.0.1:${port}`;
const serverUrl = process.env.TEST_DATABASE_URL;
const dbName = `talon_book_e2e_${process.pid}`;
const dbUrl = serverUrl?.replace(/\/[^/]*$/, `/${dbName}`);
const dataDir = serverUrl ? null : join(mkdtempSync(join(tmpdir(), 'talon-book-e2e-')), 'data');
const target = dbUrl ?? dataDir!;

function startServer(): ChildProcess {
	const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base, TALON_REBUILD: '0' };
	return spawn(process.execPath, ['server.js'], {
		env: dbUrl ? { ...env, DATABASE_URL: dbUrl } : { ...env, DATABASE_URL: '', TALON_DATA_DIR: dataDir! },
		stdio: 'ignore'
	});
}

async function untilUp(): Promise<void> {
	for (let i = 0; i < 1800; i++) {
		try {
			if ((await fetch(`${base}/api/v1/offices`)).ok) return;
		} catch {
			/* starting */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

async function stopServer(): Promise<void> {
	if (!server || server.exitCode !== null) return;
	const exited = new Promise((r) => server.once('exit', r));
	server.kill('SIGTERM');
	await exited;
}

let server: ChildProcess;
let setup: { officeId: number; deskId: number; kioskToken: string; sessionToken: string };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(240_000);
	if (serverUrl) {
		const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${dbName}`);
		await admin.unsafe(`create database ${dbName}`);
		await admin.end();
	}
	const out = execFileSync('npx', ['tsx', '--tsconfig', 'tsconfig.node.json', 'tests/e2e/booking-setup.ts', target], { encoding: 'utf8' });
	setup = JSON.parse(out.trim().split('\n').pop()!);
	server = startServer();
	await untilUp();
});

test.afterAll(async () => {
	await stopServer();
	if (serverUrl) {
		const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${dbName} with (force)`);
		await admin.end();
	} else {
		rmSync(dirname(dataDir!), { recursive: true, force: true });
	}
});

test('book on a phone, check in at the kiosk, and the desk calls the appointment before earlier walk-ins', async ({ browser }) => {
	test.setTimeout(240_000);
	// Two walk-ins take passport tickets first.
	const walkIns: string[] = [];
	for (let i = 0; i < 2; i++) {
		const res = await fetch(`${base}/api/v1/offices/${setup.officeId}/tickets`, {
			method: 'POST',
			headers: { authorization: `Bearer ${setup.kioskToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ serviceId: 1 })
		});
		expect(res.status).toBe(201);
		walkIns.push((await res.json()).ticket.number);
	}

	// The citizen, on a 390×844 phone.
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const page = await phone.newPage();
	await page.goto(`${base}/book`);
	await expect(page.getByRole('heading', { name: 'Какая услуга нужна?' })).toBeVisible();
	await page.getByRole('link', { name: /Паспорт РФ/ }).click();
	await expect(page.getByRole('heading', { name: 'Выберите день' })).toBeVisible();
	await page.locator('a.day').first().click();
	await expect(page.getByRole('heading', { name: 'Выберите время' })).toBeVisible();
	await page.locator('a.time').first().click();
	await expect(page.getByRole('heading', { name: 'Ваши данные' })).toBeVisible();
	// A wrong phone is refused in words, and nothing is booked.
	await page.getByRole('textbox', { name: 'Фамилия и имя' }).fill('Анна Смирнова');
	await page.getByRole('textbox', { name: 'Телефон' }).fill('12345');
	await page.getByRole('checkbox').check();
	await page.getByRole('button', { name: 'Записаться' }).click();
	await expect(page.getByText('Укажите российский номер')).toBeVisible();
	await page.getByRole('textbox', { name: 'Телефон' }).fill('8 (916) 555-12-34');
	await page.getByRole('button', { name: 'Записаться' }).click();
	await expect(page.getByRole('heading', { name: 'Вы записаны' })).toBeVisible();
	const code = (await page.getByTestId('booking-code').textContent())!.trim();
	expect(code).toMatch(/^[ACEFHKMNPRTUWXY34679]{6}$/);
	await expect(page.locator('.qr svg')).toBeVisible();
	await expect(page.getByText('Квитанция об оплате госпошлины')).toBeVisible();
	const ics = await page.request.get(page.url().split('?')[0] + '/ics');
	expect(await ics.text()).toContain('BEGIN:VEVENT');
	await phone.close();

	// The kiosk in the hall: "I have a booking", the code, a ticket.
	const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
	await kiosk.goto(`${base}/kiosk?pair=${setup.kioskToken}`);
	await kiosk.getByTestId('have-booking').click();
	await kiosk.keyboard.type(code);
	await kiosk.keyboard.press('Enter');
	await expect(kiosk.getByTestId('issued')).toBeVisible();
	const number = (await kiosk.getByTestId('ticket-number').textContent())!.trim();
	expect(number).toMatch(/^П\d{3}$/);
	expect(walkIns).not.toContain(number);

	// Let the slot start (see the note above), then the desk calls next.
	if (dbUrl) {
		const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
		await sql`update tickets set appointment_at = now() - interval '1 minute' where source = 'booking'`;
		await sql.end();
	} else {
		await stopServer();
		execFileSync('npx', ['tsx', '--tsconfig', 'tsconfig.node.json', 'tests/e2e/booking-setup.ts', target, 'shift']);
		server = startServer();
		await untilUp();
	}
	const socket = io(base, { transports: ['websocket'], extraHeaders: { cookie: `talon_session=${setup.sessionToken}` } });
	const called = await new Promise<{ data?: { ticket: { number: string } | null; reason: string | null }; error?: { message: string } }>((resolve) =>
		socket.emit('desk:call-next', { deskId: setup.deskId }, resolve)
	);
	socket.close();
	expect(called.error).toBeUndefined();
	expect(called.data!.ticket!.number).toBe(number);
	expect(called.data!.reason).toBe('appointment');
	await kiosk.close();
});

test('staff book a caller on the phone from the desk console', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	await context.addCookies([{ name: 'talon_session', value: setup.sessionToken, url: base }]);
	const page = await context.newPage();
	await page.goto(`${base}/desk/book`);
	await expect(page.getByRole('heading', { name: 'Запись по телефону' })).toBeVisible();
	// Staff may book services that are not open for online booking (the consultation).
	await page.getByRole('link', { name: /Консультация/ }).click();
	await page.locator('a.day').first().click();
	await page.locator('a.time').first().click();
	await page.getByRole('textbox', { name: 'Фамилия и имя' }).fill('Пётр Иванов');
	await page.getByRole('textbox', { name: 'Телефон' }).fill('+7 903 111-22-33');
	await page.getByRole('checkbox').check();
	await page.getByRole('button', { name: 'Записаться' }).click();
	await expect(page.getByTestId('staff-booked')).toContainText(/Код записи: [ACEFHKMNPRTUWXY34679]{6}/);
	await context.close();
	// Without a session the page sends to the sign-in.
	const anon = await browser.newPage();
	await anon.goto(`${base}/desk/book`);
	await expect(anon).toHaveURL(/\/login\?next=/);
	await anon.close();
});

test('the booking pages read in English too', async ({ page }) => {
	await page.goto(`${base}/book/central?lang=en`);
	await expect(page.getByRole('heading', { name: 'Which service do you need?' })).toBeVisible();
	await page.getByRole('link', { name: /Russian passport/ }).click();
	await expect(page.getByRole('heading', { name: 'Choose a day' })).toBeVisible();
});
