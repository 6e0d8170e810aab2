import { io, type Socket } from 'socket.io-client';
import { expect, talonTest } from './harness/fixture';
import type { Page } from '@playwright/test';
import { createSession } from '../../src/lib/server/auth/sessions';

/**
 * The hall board and the desk indicator against a real server (the demo office, an operator
 * session, the board's token), acting as an operator through the staff Socket.IO commands while
 * the pages watch.
 */
interface Setup {
	officeId: number;
	boardToken: string;
	session: string;
	desks: { id: number; number: number }[];
	services: { id: number; prefix: string }[];
}

const test = talonTest<Setup>({
	seed: async (sql, demo) => {
		const [operator] = await sql<{ id: number }[]>`select id from staff_users where login = 'operator'`;
		// A full name, so the privacy test can check that no board ever shows it.
		await sql`update staff_users set display_name = 'Иванова Анна Петровна' where id = ${operator!.id}`;
		const session = await createSession(sql, operator!.id);
		const desks = await sql<
			{ id: number; number: number }[]
		>`select id, number from desks where office_id = ${demo.officeId} order by number`;
		const services = await sql<
			{ id: number; prefix: string }[]
		>`select id, prefix from services where office_id = ${demo.officeId} order by sort`;
		await sql`insert into board_messages (office_id, text_ru, text_en) values
			(${demo.officeId}, 'Приём документов на загранпаспорт — окна 2 и 3', 'International passports: windows 2 and 3'),
			(${demo.officeId}, 'Технический перерыв с 13:00 до 13:45', 'Technical break 13:00–13:45')`;
		return {
			officeId: demo.officeId,
			boardToken: demo.devices.find((d) => d.kind === 'display')!.token,
			session: session.token,
			desks,
			services
		};
	}
});

let setup: Setup;
let staff: Socket;

function ack<T>(event: string, payload: unknown): Promise<T> {
	return new Promise((resolve, reject) =>
		staff.timeout(10_000).emit(event, payload, (err: Error | null, res: { data?: T; error?: { message: string } }) => {
			if (err) return reject(err);
			if (res.error) return reject(new Error(`${event}: ${res.error.message}`));
			resolve(res.data as T);
		})
	);
}

const desk = (n: number) => setup.desks.find((d) => d.number === n)!.id;
const service = (prefix: string) => setup.services.find((s) => s.prefix === prefix)!.id;

/** Issues a ticket for `prefix` and calls it at desk `n`; returns the called ticket's number. */
async function callAt(n: number, prefix: string): Promise<string> {
	await ack('ticket:issue', { officeId: setup.officeId, serviceId: service(prefix) });
	const called = await ack<{ ticket: { number: string } | null }>('desk:call-next', { deskId: desk(n) });
	if (!called.ticket) throw new Error(`desk ${n} got no ticket`);
	return called.ticket.number;
}

async function announced(page: Page): Promise<string[]> {
	return page.evaluate(() => (globalThis as unknown as { __talonDisplay?: { announced: string[] } }).__talonDisplay?.announced ?? []);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ talon }) => {
	setup = talon.data;
	staff = io(talon.url, { transports: ['websocket'], extraHeaders: { cookie: `talon_session=${setup.session}` }, forceNew: true });
	await new Promise<void>((resolve, reject) => {
		staff.once('connect', () => resolve());
		staff.once('connect_error', reject);
	});
	for (const n of [1, 2, 3, 4, 5, 6]) await ack('desk:open', { deskId: desk(n) });
});

test.afterAll(() => {
	staff?.close();
});

test('a call at a desk appears on the board and on the desk indicator, is announced once; a recall again', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ baseURL });
	const board = await context.newPage();
	await board.goto(`/display#token=${setup.boardToken}`);
	await expect(board.getByTestId('board')).toBeVisible();
	await expect(board.getByText('Ожидайте вызова на табло')).toBeVisible();
	await expect(board.getByText('Приём документов на загранпаспорт — окна 2 и 3')).toBeVisible();
	const indicator = await context.newPage();
	await indicator.goto('/display/desk/1');
	await expect(indicator.getByTestId('desk-number')).toHaveText('1');
	await expect(indicator.getByTestId('desk-idle')).toHaveText('Свободно');

	const number = await callAt(1, 'П');
	await expect(board.locator(`[data-testid=call][data-ticket="${number}"][data-desk="1"]`)).toBeVisible();
	await expect(board.locator('.call.fresh')).toHaveAttribute('data-ticket', number);
	await expect(indicator.getByTestId('desk-ticket')).toHaveText(number);
	await expect(indicator.getByTestId('indicator')).toHaveClass(/fresh/);
	await expect.poll(() => announced(board)).toEqual([`Талон П один, пройдите к окну один`]);

	const [called] = (
		await ack<{ tickets: { id: number; number: string }[] }>('office:snapshot', { officeId: setup.officeId })
	).tickets.filter((t) => t.number === number);
	await ack('ticket:recall', { deskId: desk(1), ticketId: called!.id });
	await expect.poll(() => announced(board)).toEqual([`Талон П один, пройдите к окну один`, `Талон П один, пройдите к окну один`]);

	// A reload (new page load = snapshot) shows the call but does not announce it. The marker is
	// the desk's next call, made after the reload: once it is announced, it must be the only
	// announcement (the board handles the snapshot before any later event).
	await board.reload();
	await expect(board.locator(`[data-testid=call][data-ticket="${number}"]`)).toBeVisible();
	await expect(board.locator('.call.fresh')).toHaveCount(0);
	await ack('ticket:no-show', { deskId: desk(1), ticketId: called!.id });
	const marker = await callAt(1, 'П');
	const first = `Талон П один, пройдите к окну один`;
	await expect.poll(async () => (await announced(board)).some((a) => a !== first)).toBe(true);
	const after = await announced(board);
	expect(after, `only the marker's call (${marker}) is announced`).toHaveLength(1);
	expect(after[0]).not.toBe(first);
	await context.close();
});

test("offline during three calls: keeps the last state with an offline mark, then shows exactly the server's state and announces none", async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const context = await browser.newContext({ baseURL });
	const board = await context.newPage();
	await board.goto(`/display#token=${setup.boardToken}`);
	await expect(board.getByTestId('board')).toBeVisible();
	await expect(board.getByTestId('offline')).toHaveCount(0);
	const before = await board.getByTestId('call').allInnerTexts();

	await context.setOffline(true);
	await board.evaluate(() => (globalThis as unknown as { __talonDisplay: { dropConnection: () => void } }).__talonDisplay.dropConnection());
	await expect(board.getByTestId('offline')).toBeVisible();
	const missed = [await callAt(2, 'П'), await callAt(3, 'З'), await callAt(4, 'Р')];
	// The marker: a board that is online has received all three calls; the offline one still shows what it had.
	const witness = await (await browser.newContext({ baseURL })).newPage();
	await witness.goto(`/display#token=${setup.boardToken}`);
	for (const m of missed) await expect(witness.locator(`[data-testid=call][data-ticket="${m}"]`)).toBeVisible();
	expect(await board.getByTestId('call').allInnerTexts()).toEqual(before);
	await witness.context().close();

	await context.setOffline(false);
	await expect(board.getByTestId('offline')).toHaveCount(0, { timeout: 30_000 });
	const snapshot = await ack<{
		seq: number;
		desks: { id: number; number: number }[];
		tickets: { number: string; state: string; deskId: number | null; calledAt: string | null }[];
	}>('office:snapshot', { officeId: setup.officeId });
	await expect(board.getByTestId('board')).toHaveAttribute('data-seq', String(snapshot.seq));
	const expected = snapshot.tickets
		.filter((t) => (t.state === 'called' || t.state === 'serving') && t.deskId !== null)
		.sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? ''))
		.map((t) => `${t.number}|${snapshot.desks.find((d) => d.id === t.deskId)!.number}`);
	const shown = await board
		.getByTestId('call')
		.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-ticket')}|${e.getAttribute('data-desk')}`));
	expect(shown).toEqual(expected);
	for (const m of missed) expect(shown.some((s) => s.startsWith(m + '|'))).toBe(true);
	expect(await announced(board)).toEqual([]);
	await expect(board.locator('.call.fresh')).toHaveCount(0);

	// Live again: the next call is announced (once).
	const next = await callAt(5, 'Е');
	await expect(board.locator(`[data-testid=call][data-ticket="${next}"]`)).toBeVisible();
	await expect.poll(() => announced(board)).toHaveLength(1);
	await context.close();
});

test('the board and the indicator never show a name; English board', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ baseURL });
	const board = await context.newPage();
	await board.goto(`/display?lang=en#token=${setup.boardToken}`);
	await expect(board.getByText('Now calling').or(board.getByText('Ticket'))).toBeVisible();
	await expect(board.getByText('International passports: windows 2 and 3')).toBeVisible();
	const number = await callAt(6, 'С');
	await expect(board.locator(`[data-testid=call][data-ticket="${number}"]`)).toBeVisible();
	await expect.poll(() => announced(board)).toEqual([`Ticket S one, please go to window six`]);
	const indicator = await context.newPage();
	await indicator.goto('/display/desk/6?lang=en');
	await expect(indicator.getByTestId('desk-ticket')).toHaveText(number);
	// The operator's name (the seed above) and the device's name must appear nowhere.
	for (const page of [board, indicator]) {
		const html = await page.content();
		for (const name of ['Иванова', 'Анна', 'Оператор', 'Администратор', 'Табло в зале']) expect(html).not.toContain(name);
	}
	await context.close();
});

test('an unknown token shows the pairing screen', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ baseURL });
	const board = await context.newPage();
	await board.goto('/display#token=not-a-real-token');
	await expect(board.getByRole('heading', { name: 'Подключение табло' })).toBeVisible();
	await expect(board.getByRole('alert')).toContainText('не подходит');
	await board.getByLabel('Токен устройства').fill(setup.boardToken);
	await board.getByRole('button', { name: 'Подключить' }).click();
	await expect(board.getByTestId('board')).toBeVisible();
	await context.close();
});

test('ticket numbers are at least 8 % of the screen height, landscape and portrait', async ({ browser, baseURL }) => {
	for (const viewport of [
		{ width: 1920, height: 1080 },
		{ width: 1080, height: 1920 }
	]) {
		const context = await browser.newContext({ baseURL, viewport });
		const board = await context.newPage();
		await board.goto(`/display#token=${setup.boardToken}`);
		await expect(board.getByTestId('call').first()).toBeVisible();
		const sizes = await board
			.locator('[data-testid=call] .num, [data-testid=call] .desk')
			.evaluateAll((els) =>
				els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => parseFloat(getComputedStyle(e).fontSize))
			);
		expect(sizes.length).toBeGreaterThan(0);
		for (const px of sizes) expect(px).toBeGreaterThanOrEqual(0.08 * viewport.height);
		// Nothing spills out of the screen sideways.
		expect(await board.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
		await context.close();
	}
});
