import type { Page } from '@playwright/test';
import { emit, expect, kioskTicket, operatorAt, rawSocket, serviceId, test } from './desk-fixture';

// One office, one story: the tests share the queue and run in order.
test.describe.configure({ mode: 'serial' });

let a: Page; // alice at desk 1 (passport 10, intl 6, registration 4)
let b: Page; // bob at desk 2 (passport 10, intl 8)
let passport: number;
let egrn: number;

const current = (p: Page) => p.getByTestId('current-number');
const button = (p: Page, name: string) => p.getByRole('button', { name: new RegExp(`^${name}`) });

test.afterAll(async () => {
	await a?.context().close();
	await b?.context().close();
});

test('operator A calls next and sees the ticket; operator B on another desk gets the following one', async ({
	browser,
	talon,
	request
}) => {
	passport = await serviceId(request, 'П');
	egrn = await serviceId(request, 'Е');
	const first = await kioskTicket(request, talon, passport);
	const second = await kioskTicket(request, talon, passport);

	a = await operatorAt(browser, talon.url, 'alice', 1);
	await expect(a.getByTestId('waiting-list')).toContainText(first.number);

	// B's picker shows desk 1 as taken by A.
	const ctx = await browser.newContext({ baseURL: talon.url, viewport: { width: 1366, height: 768 } });
	const pb = await ctx.newPage();
	await pb.goto('/login');
	await pb.getByLabel('Логин').fill('bob');
	await pb.getByLabel('Пароль').fill('desk-e2e-password');
	await pb.getByRole('button', { name: 'Войти' }).click();
	const taken = pb.getByRole('button', { name: /^Окно 1\b/ });
	await expect(taken).toBeDisabled();
	await expect(taken).toContainText('занято: Алиса Петрова');
	await ctx.close();
	b = await operatorAt(browser, talon.url, 'bob', 2);

	await button(a, 'Вызвать следующего').click();
	await expect(current(a)).toHaveText(first.number);
	// Within a second B no longer sees A's ticket waiting, and gets the next one.
	await expect(b.getByTestId('waiting-list')).not.toContainText(first.number, { timeout: 1000 });
	await button(b, 'Вызвать следующего').click();
	await expect(current(b)).toHaveText(second.number);
	await expect(current(a)).toHaveText(first.number);

	// A reload (a lost connection, a restart) resyncs to the same visitor.
	await a.reload();
	await expect(current(a)).toHaveText(first.number);
	await expect(a.getByText('На связи')).toBeVisible();
});

test('recall, start and finish (finish by its keyboard shortcut); the day counter follows', async () => {
	await expect(button(a, 'Начать приём')).toBeEnabled();
	await expect(button(a, 'Завершить')).toBeDisabled();
	await button(a, 'Повторить вызов').click();
	await expect(a.getByTestId('current')).toContainText('вызван 2 раза');
	await button(a, 'Начать приём').click();
	await expect(a.getByTestId('current')).toContainText('на приёме');
	await expect(button(a, 'Повторить вызов')).toBeDisabled();
	await expect(button(a, 'Вызвать следующего')).toBeDisabled();
	await a.keyboard.press('f');
	await expect(a.getByText('Посетителя нет. Нажмите «Вызвать следующего».')).toBeVisible();
	await expect(a.getByTestId('served-count')).toHaveText('1');
});

test('no-show ends the call and frees the desk', async () => {
	await button(b, 'Не явился').click();
	await expect(current(b)).toHaveCount(0);
	await expect(button(b, 'Вызвать следующего')).toBeEnabled();
});

test('transfer keeps the arrival time and lands in the other service’s queue', async ({ talon, request }) => {
	const t = await kioskTicket(request, talon, passport);
	await button(a, 'Вызвать следующего').click();
	await expect(current(a)).toHaveText(t.number);
	await button(a, 'Перенаправить').click();
	const dialog = a.getByRole('dialog', { name: 'Перенаправить посетителя' });
	await dialog.getByLabel('В очередь услуги').selectOption({ label: 'Е · Выписка из ЕГРН' });
	await dialog.getByLabel('Комментарий').fill('нужна выписка');
	await dialog.getByRole('button', { name: 'Подтвердить' }).click();
	await expect(current(a)).toHaveCount(0);

	const snap = await (await a.request.get('/api/v1/offices/central/snapshot')).json();
	const moved = snap.tickets.find((x: { id: number }) => x.id === t.id);
	expect(moved).toMatchObject({ state: 'waiting', serviceId: egrn, arrivedAt: t.arrivedAt });

	// Desk 5 serves the property register: B moves there and finds the visitor waiting.
	await b.getByRole('button', { name: 'Сменить окно' }).click();
	await b.getByRole('button', { name: /^Окно 5\b/ }).click();
	const open = b.getByRole('button', { name: 'Открыть окно' });
	await expect(b.getByText('На связи')).toBeVisible();
	if (await open.isVisible()) await open.click();
	await expect(b.getByTestId('waiting-list')).toContainText(t.number);
	// Leaving desk 2 closed it (it was idle), so the boards no longer show it open.
	const after = await (await b.request.get('/api/v1/offices/central/snapshot')).json();
	expect(after.desks.find((d: { number: number }) => d.number === 2).state).toBe('closed');
	await button(b, 'Вызвать следующего').click();
	await expect(current(b)).toHaveText(t.number);
	await button(b, 'Вернуть в очередь').click();
	await expect(current(b)).toHaveCount(0);
});

test('pause makes call-next unavailable until resume', async () => {
	await button(a, 'Перерыв').click();
	await expect(a.getByTestId('desk-state')).toHaveText('Перерыв');
	await expect(button(a, 'Вызвать следующего')).toBeDisabled();
	await a.keyboard.press('n');
	await expect(current(a)).toHaveCount(0);
	await button(a, 'Продолжить').click();
	await expect(a.getByTestId('desk-state')).toHaveText('Приём открыт');
	await expect(button(a, 'Вызвать следующего')).toBeEnabled();
});

test('a ticket issued at the desk joins the queue like a kiosk ticket', async () => {
	await a.getByLabel('Услуга').selectOption({ label: 'П · Паспорт РФ' });
	await a.getByLabel('Льгота').selectOption({ label: 'ветеран' });
	await a.getByRole('button', { name: 'Выдать талон' }).click();
	const notice = a.getByText(/^Выдан талон П\d{3}$/);
	await expect(notice).toBeVisible();
	const number = (await notice.textContent())!.replace('Выдан талон ', '');
	await expect(a.getByTestId('waiting-list')).toContainText(number);
	await expect(a.getByTestId('waiting-list')).toContainText('ветеран');
	// Priority visitors come first.
	await button(a, 'Вызвать следующего').click();
	await expect(current(a)).toHaveText(number);
	await expect(a.getByTestId('current')).toContainText('окно');
	await button(a, 'Вернуть в очередь').click();
});

test('an operator cannot act on another office’s desk, not even by a forged socket event', async ({ talon, baseURL }) => {
	const cookies = await a.context().cookies();
	const session = cookies.find((c) => c.name === 'talon_session')!;
	const staff = await rawSocket(baseURL!, `talon_session=${session.value}`);
	const calls = await emit(staff, 'desk:call-next', { deskId: talon.data.northDeskId });
	expect(calls.error?.code).toBe('wrong_office');
	expect((await emit(staff, 'desk:open', { deskId: talon.data.northDeskId })).error?.code).toBe('wrong_office');
	expect((await emit(staff, 'office:join', { officeId: talon.data.northId })).error?.code).toBe('wrong_office');
	staff.close();

	// Nor at a desk of their own office that another signed-in operator holds (A's desk 1, by B).
	const snap = await (await a.request.get('/api/v1/offices/central/snapshot')).json();
	const desk1 = snap.desks.find((d: { number: number }) => d.number === 1).id;
	const bobCookie = (await b.context().cookies()).find((c) => c.name === 'talon_session')!;
	const intruder = await rawSocket(baseURL!, `talon_session=${bobCookie.value}`);
	const taken = await emit(intruder, 'desk:pause', { deskId: desk1 });
	expect(taken.error).toEqual({ code: 'desk_taken', message: 'Это окно уже занято (Алиса Петрова): выберите другое.' });
	expect((await emit(intruder, 'desk:call-next', { deskId: desk1 })).error?.code).toBe('desk_taken');
	intruder.close();
	await expect(a.getByTestId('desk-state')).toHaveText('Приём открыт');

	const anonymous = await rawSocket(baseURL!);
	expect((await emit(anonymous, 'desk:call-next', { deskId: 1 })).error?.code).toBe('unauthorized');
	expect((await emit(anonymous, 'office:join', { officeId: talon.data.centralId })).error?.code).toBe('unauthorized');
	anonymous.close();

	// Nor by posting the desk picker's form with another office's desk.
	const res = await a.request.post('/desk?/pick', {
		form: { deskId: String(talon.data.northDeskId) },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status()).toBe(403);
	await a.reload();
	await expect(a.getByText('Окно 1', { exact: true })).toBeVisible();
});

test('after a server restart the console reconnects by itself and shows the same visitor', async ({ talon }) => {
	test.setTimeout(60_000); // a restart of the embedded database plus the client's reconnect backoff
	await button(a, 'Вызвать следующего').click();
	await expect(current(a)).toHaveText(/^[А-Я]\d{3}$/);
	const number = (await current(a).textContent())!;
	await talon.restart();
	// No reload: the socket reconnects with the session cookie and the feed fetches a fresh snapshot.
	await expect(a.getByText('На связи')).toBeVisible({ timeout: 20_000 });
	await expect(current(a)).toHaveText(number);
	await button(a, 'Повторить вызов').click();
	await expect(a.getByTestId('current')).toContainText('вызван 2 раза');
	await button(a, 'Вернуть в очередь').click();
	await expect(current(a)).toHaveCount(0);
});
