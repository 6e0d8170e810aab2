import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, talonTest } from './harness/fixture';
import { FakePrinter } from '../helpers/fake-printer';
import { inspect, textLines, tickets } from '../helpers/escpos-inspector';
import { startAgent, type Agent } from '../../kiosk/run-agent';
import { parsePrinter } from '../../kiosk/printer';
import { addDevice, revokeDevice } from '../../src/lib/server/auth/devices';
import { io } from 'socket.io-client';

/**
 * The kiosk screen in Chromium against a real server (the demo office and a second kiosk whose
 * token is already revoked), with the kiosk agent printing to a fake network printer on
 * 127.0.0.1: what the visitor sees on screen is what comes out of the printer.
 */
const test = talonTest({
	seed: async (sql, demo) => {
		const revoked = await addDevice(sql, { officeId: demo.officeId, kind: 'kiosk', name: 'Старый киоск' });
		await revokeDevice(sql, revoked.id);
		return { kioskToken: demo.devices.find((d) => d.kind === 'kiosk')!.token, revokedToken: revoked.token };
	}
});

let journalDir: string;
let printer: FakePrinter;
let agent: Agent;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ talon }) => {
	journalDir = mkdtempSync(join(tmpdir(), 'talon-kiosk-agent-'));
	printer = await new FakePrinter().start();
	agent = startAgent({
		server: talon.url,
		token: talon.data.kioskToken,
		printer: parsePrinter(printer.url, { timeoutMs: 2000 }),
		journalFile: join(journalDir, 'printed.log'),
		statusEveryMs: 500,
		log: () => {}
	});
});

test.afterAll(async () => {
	await agent?.stop();
	await printer?.stop();
	rmSync(journalDir, { recursive: true, force: true });
});

const printedTickets = () => tickets(inspect(printer.received));

test('tap a category and a service, get a ticket: the number on screen is the one on paper', async ({ page, talon }) => {
	await page.goto(`/kiosk?pair=${talon.data.kioskToken}`);
	await page.getByRole('button', { name: 'Паспорта и документы' }).click();
	await page.getByRole('button', { name: /Паспорт РФ/ }).click();
	await expect(page.getByRole('heading', { name: 'Паспорт РФ' })).toBeVisible();
	await expect(page.getByText('Что взять с собой')).toBeVisible();
	const before = printedTickets().length;
	await page.getByTestId('get-ticket').click();
	const number = (await page.getByTestId('ticket-number').textContent())!.trim();
	expect(number).toMatch(/^П\d{3}$/);
	await expect(page.getByText('Талон печатается')).toBeVisible();
	await expect.poll(() => printedTickets().length, { timeout: 10_000 }).toBe(before + 1);
	const lines = textLines(printedTickets().at(-1)!);
	expect(lines).toContain(number);
	expect(lines).toContain('Паспорт РФ');
});

test('a double tap on "Get ticket" yields one ticket', async ({ page, talon }) => {
	await page.goto(`/kiosk?pair=${talon.data.kioskToken}&lang=en`);
	await page.getByRole('button', { name: 'Certificates and advice' }).click();
	await page.locator('.tile.service').first().click();
	const before = printedTickets().length;
	await page.getByTestId('get-ticket').dblclick();
	const number = (await page.getByTestId('ticket-number').textContent())!.trim();
	await expect.poll(() => printedTickets().length, { timeout: 10_000 }).toBe(before + 1);
	// A later ticket for this kiosk is the marker: the agent prints its jobs in order, so a second
	// paper of the double tap (a job made at tap time) would come out before the marker's.
	const marker = await issueByApi(talon.url, talon.data.kioskToken);
	await expect.poll(() => printedTickets().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 2);
	const papers = printedTickets().slice(before).map(textLines);
	expect(papers).toHaveLength(2);
	expect(papers[0]).toContain(number);
	expect(papers[1]).toContain(marker);
	// English on screen, English on paper.
	expect(papers[0]).toContain('TICKET');
});

test('when the printer cannot print, the ticket is still issued and the visitor is asked to photograph it', async ({ page, talon }) => {
	printer.state = 'paper_out';
	await page.goto(`/kiosk?pair=${talon.data.kioskToken}`);
	await expect(page.getByTestId('printer-status')).toHaveText('В принтере закончилась бумага', { timeout: 10_000 });
	await page.getByRole('button', { name: 'Справки и консультации' }).click();
	await page.locator('.tile.service').first().click();
	await page.getByTestId('get-ticket').click();
	await expect(page.getByTestId('photo-notice')).toBeVisible();
	const number = (await page.getByTestId('ticket-number').textContent())!.trim();
	const before = printedTickets().length;
	printer.state = 'online';
	await expect.poll(() => printedTickets().length, { timeout: 10_000 }).toBe(before + 1);
	expect(textLines(printedTickets().at(-1)!)).toContain(number);
	await expect(page.getByTestId('printer-status')).toHaveCount(0);
});

test('the booking keypad takes a scanned code (typed + Enter) and shows the answer calmly', async ({ page, talon }) => {
	await page.goto(`/kiosk?pair=${talon.data.kioskToken}`);
	await page.getByTestId('have-booking').click();
	// A scanner types the code and Enter.
	await page.keyboard.type('KE37P9');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('booking-code')).toHaveText('KE37P9');
	await expect(page.getByTestId('booking-message')).toContainText(/недоступна|Возьмите|не найден|Запись/);
});

test('a revoked token returns the kiosk to the pairing screen; a valid one pairs it', async ({ page, talon }) => {
	await page.goto(`/kiosk?pair=${talon.data.revokedToken}`);
	await expect(page.getByTestId('pairing')).toBeVisible();
	await expect(page.getByText('Ключ этого терминала отозван')).toBeVisible();
	expect(await page.evaluate(() => localStorage.getItem('talon.device.kiosk.token'))).toBeNull();
	await page.getByLabel('Ключ устройства').fill(talon.data.kioskToken);
	await page.getByRole('button', { name: 'Подключить' }).click();
	await expect(page.getByRole('heading', { name: 'Выберите услугу' })).toBeVisible();
});

/** Issues a ticket for this kiosk through the HTTP API (as a booking check-in would); returns its number. */
async function issueByApi(url: string, kioskToken: string): Promise<string> {
	const res = await fetch(`${url}/api/v1/offices/central/tickets`, {
		method: 'POST',
		headers: { authorization: `Bearer ${kioskToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ serviceId: 1 })
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { ticket: { number: string } }).ticket.number;
}

// Issue 15: the screen said «Талон печатается» for a job no agent took. It may say so only once an
// agent has taken the job; within PRINT_TAKEN_WITHIN_MS (5 s) without that, it asks for a photo.
test.describe('the screen promises paper only when an agent took the job', () => {
	test('an agent that takes nothing: the photograph notice; the agent takes it: "printing"', async ({ page, talon }) => {
		await agent.stop();
		// A stuck agent: connected, reporting an online printer, never fetching a job.
		const stuck = io(talon.url, { auth: { deviceToken: talon.data.kioskToken, agent: true }, transports: ['websocket'], forceNew: true });
		try {
			await stuck.timeout(10_000).emitWithAck('printer:status', { state: 'online' });
			await page.goto(`/kiosk?pair=${talon.data.kioskToken}`);
			await page.getByRole('button', { name: 'Справки и консультации' }).click();
			await page.locator('.tile.service').first().click();
			await page.getByTestId('get-ticket').click();
			const number = (await page.getByTestId('ticket-number').textContent())!.trim();
			// The printer is online, so first nothing is promised either way...
			await expect(page.getByTestId('print-waiting')).toBeAttached();
			// ...then, with no agent taking the job, the visitor is asked to photograph the number.
			await expect(page.getByTestId('photo-notice')).toBeVisible({ timeout: 10_000 });
			await expect(page.getByTestId('printing')).toHaveCount(0);

			const before = printedTickets().length;
			stuck.close();
			agent = startAgent({
				server: talon.url,
				token: talon.data.kioskToken,
				printer: parsePrinter(printer.url, { timeoutMs: 2000 }),
				journalFile: join(journalDir, 'printed.log'),
				statusEveryMs: 500,
				log: () => {}
			});
			// A working agent takes the job: now the screen says it is printing, and it is.
			await expect(page.getByTestId('printing')).toBeVisible({ timeout: 10_000 });
			await expect(page.getByTestId('photo-notice')).toHaveCount(0);
			await expect.poll(() => printedTickets().length, { timeout: 10_000 }).toBe(before + 1);
			expect(textLines(printedTickets().at(-1)!)).toContain(number);
		} finally {
			stuck.close();
		}
	});
});
