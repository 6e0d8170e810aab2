import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { Socket } from 'socket.io-client';
import { expect, talonTest } from './harness/fixture';
import { emit, rawSocket } from './desk-fixture';
import { addStaffUser } from '../../src/lib/server/auth/staff';
import { createSession } from '../../src/lib/server/auth/sessions';
import { engineHooks } from '../../src/lib/server/engine-hooks';
import { issueTicket } from '../../src/lib/server/queue';

/**
 * The supervisor's live dashboard and the visitors' ratings (issue 12), end to end on the built
 * app: a ticket taken at the kiosk appears on the dashboard without a reload, and once its wait
 * passes the service's target (one minute here; the browser's clock is moved on three minutes)
 * an alert shows. A visitor seeded five minutes back is over the target in real time: their
 * alert, acknowledged, stays away after a reload (the dashboard measures waits on the server's
 * clock, so a reload cancels a moved browser clock: that part needs a real wait). A visitor
 * rates a finished visit on /t/<code>, another on the rating pad at the desk; the API then
 * answers 409 `already_rated` for both, and the ratings report of the day counts them.
 */
const PASSWORD = 'live-e2e-password';

interface LiveData {
	serviceId: number;
	serviceName: string;
	/** A ticket of another service (target 1 min too) taken five minutes before the server started. */
	oldTicketId: number;
	deskId: number;
	kioskToken: string;
	boardToken: string;
	/** A supervisor's session cookie value, for the Node-side socket that plays the operator. */
	session: string;
}

const test = talonTest<LiveData>({
	seed: async (sql, demo) => {
		const [desk] = await sql<{ id: number }[]>`select id from desks where office_id = ${demo.officeId} and number = 1`;
		const [svc] = await sql<{ id: number; nameRu: string }[]>`
			select s.id, s.name_ru from desk_services ds join services s on s.id = ds.service_id
			where ds.desk_id = ${desk!.id} order by ds.priority desc, s.id limit 1`;
		// A one-minute target, so a wait passes it within the test.
		await sql`update services set target_wait_min = 1 where id = ${svc!.id}`;
		// A visitor already waiting past the target when the dashboard opens (of the office's day:
		// five minutes back, so only a run in the first five minutes after midnight would miss it).
		const [other] = await sql<{ id: number }[]>`
			select id from services where office_id = ${demo.officeId} and id <> ${svc!.id} order by sort limit 1`;
		await sql`update services set target_wait_min = 1 where id = ${other!.id}`;
		const old = await issueTicket(
			{ sql, publish: () => {}, hooks: engineHooks, now: () => new Date(Date.now() - 5 * 60_000) },
			{ kind: 'system' },
			{ officeId: demo.officeId, serviceId: other!.id, source: 'desk' }
		);
		const sup = await addStaffUser(sql, {
			login: 'super',
			password: PASSWORD,
			roles: ['supervisor'],
			officeIds: [demo.officeId],
			displayName: 'Светлана Руководова'
		});
		return {
			serviceId: svc!.id,
			serviceName: svc!.nameRu,
			oldTicketId: old.ticket.id,
			deskId: desk!.id,
			kioskToken: demo.devices.find((d) => d.kind === 'kiosk')!.token,
			boardToken: demo.devices.find((d) => d.kind === 'display')!.token,
			session: (await createSession(sql, sup.id)).token
		};
	}
});

/** Serious and critical accessibility findings (axe) inside `selector`, by rule and target. */
async function axeFindings(page: Page, selector: string) {
	const result = await new AxeBuilder({ page }).include(selector).analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function signIn(page: Page, login: string) {
	await page.goto('/login');
	await page.getByLabel('Логин').fill(login);
	await page.getByLabel('Пароль').fill(PASSWORD);
	await page.getByRole('button', { name: 'Войти' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

type Issued = { publicCode: string; ticket: { id: number; number: string } };

/** Calls at the desk until `ticketId` comes up, serving and finishing it (and whoever came before). */
async function serve(socket: Socket, deskId: number, ticketId: number) {
	await emit(socket, 'desk:open', { deskId });
	for (let i = 0; i < 20; i++) {
		const called = await emit<{ ticket: { id: number } | null }>(socket, 'desk:call-next', { deskId });
		const id = called.data?.ticket?.id;
		expect(id, JSON.stringify(called)).toBeTruthy();
		expect((await emit(socket, 'ticket:start', { deskId, ticketId: id })).error).toBeUndefined();
		expect((await emit(socket, 'ticket:finish', { deskId, ticketId: id })).error).toBeUndefined();
		if (id === ticketId) return;
	}
	throw new Error('the ticket never came up');
}

test.describe.configure({ mode: 'serial' });

test('the dashboard shows a new waiting ticket live and an over-target alert; an acknowledged alert stays away', async ({
	page,
	talon,
	request
}) => {
	await page.setViewportSize({ width: 1366, height: 768 });
	await signIn(page, 'super');
	await page.goto('/admin/live');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Мониторинг зала');
	await expect(page.getByTestId('live')).toHaveAttribute('data-status', 'live');
	const row = page.locator(`[data-testid="service-row"][data-service="${talon.data.serviceId}"]`);
	await expect(row.getByTestId('waiting')).toHaveText('0');
	await expect(page.getByTestId('fig-issued')).toHaveText('1');
	// The visitor who has waited five minutes against a one-minute target: an alert at once.
	const oldAlert = page.locator(`[data-testid="alert"][data-key="wait:${talon.data.oldTicketId}"]`);
	await expect(oldAlert).toBeVisible();

	const res = await request.post('/api/v1/offices/central/tickets', {
		headers: { authorization: `Bearer ${talon.data.kioskToken}` },
		data: { serviceId: talon.data.serviceId }
	});
	expect(res.status()).toBe(201);
	const issued = (await res.json()) as Issued;
	// Live: no reload, no polling.
	await expect(row.getByTestId('waiting')).toHaveText('1');
	await expect(page.getByTestId('fig-issued')).toHaveText('2');
	const alert = page.locator(`[data-testid="alert"][data-key="wait:${issued.ticket.id}"]`);
	await expect(alert).toHaveCount(0);

	// Three minutes later by the browser's clock (timers keep running): past the one-minute target.
	await page.clock.setFixedTime(new Date(Date.now() + 3 * 60_000));
	await expect(alert).toHaveCount(1);
	await expect(alert).toContainText(`Талон ${issued.ticket.number}`);
	await expect(alert).toContainText(talon.data.serviceName);
	await expect(alert).toHaveAttribute('data-kind', 'over_target');
	await expect(row.getByTestId('longest')).toHaveText(/^[345] мин$/);
	await page.screenshot({ path: test.info().outputPath('live-1366.png') });
	expect(await axeFindings(page, '[data-testid=live]')).toEqual([]);

	await oldAlert.getByTestId('ack').click();
	await expect(oldAlert).toHaveCount(0);
	// The acknowledgement is kept on the server for the office: after a reload that visitor is
	// still waiting past the target (whatever the clock), and the alert does not come back.
	await page.reload();
	await expect(page.getByTestId('live')).toHaveAttribute('data-status', 'live');
	await expect(page.getByTestId('fig-issued')).toHaveText('2'); // the extras, acknowledgements included, are in
	await expect(page.locator(`[data-testid="service-row"]`).getByTestId('waiting').getByText('1')).toHaveCount(2);
	await page.waitForTimeout(1500); // a tick or two of the dashboard's clock
	await expect(oldAlert).toHaveCount(0);

	// The wall mode: the same live data, big, without the admin frame.
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto('/admin/live/wall?office=central');
	await expect(page.getByTestId('live')).toHaveAttribute('data-status', 'live');
	await expect(page.getByRole('navigation')).toHaveCount(0);
	await expect(row.getByTestId('waiting')).toHaveText('1');
	await expect(page.getByTestId('fig-issued')).toHaveText('2');
	await page.waitForTimeout(1500);
	await expect(oldAlert).toHaveCount(0);
	await page.screenshot({ path: test.info().outputPath('live-wall-1920.png') });
	expect(await axeFindings(page, '[data-testid=live]')).toEqual([]);
});

test('a visitor rates a finished visit on /t/<code>, once', async ({ page, talon, request }) => {
	const socket = await rawSocket(talon.url, `talon_session=${talon.data.session}`);
	const res = await request.post('/api/v1/offices/central/tickets', {
		headers: { authorization: `Bearer ${talon.data.kioskToken}` },
		data: { serviceId: talon.data.serviceId }
	});
	const issued = (await res.json()) as Issued;
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto(`/t/${issued.publicCode}`);
	await expect(page.getByTestId('rating')).toHaveCount(0); // not before the finish
	await serve(socket, talon.data.deskId, issued.ticket.id);
	// The page follows the ticket live; the form comes when it is done.
	await expect(page.getByRole('heading', { name: 'Оцените обслуживание' })).toBeVisible();
	await page.locator('label', { hasText: 'Отлично' }).click();
	await page.getByLabel('Комментарий (необязательно)').fill('Спасибо, всё быстро');
	await page.screenshot({ path: test.info().outputPath('rating-form.png') });
	expect(await axeFindings(page, '[data-testid=rating]')).toEqual([]);
	await page.getByTestId('rate-send').click();
	await expect(page.getByTestId('rating-thanks')).toContainText('Спасибо за оценку');
	await page.screenshot({ path: test.info().outputPath('rating-page.png') });
	await page.reload();
	await expect(page.getByTestId('rating-thanks')).toBeVisible();
	// Stored: the API refuses a second rating.
	const again = await request.post(`/api/v1/tickets/${issued.publicCode}/rating`, { data: { score: 1 } });
	expect(again.status()).toBe(409);
	expect((await again.json()).error.code).toBe('already_rated');
	socket.close();
});

test('the rating pad at the desk shows five faces after a finish and stores the tap', async ({ page, talon, request }) => {
	const socket = await rawSocket(talon.url, `talon_session=${talon.data.session}`);
	await page.setViewportSize({ width: 1024, height: 600 });
	await page.goto(`/display/desk/1/rate#token=${talon.data.boardToken}`);
	await expect(page.getByTestId('pad-rest')).toBeVisible();
	const res = await request.post('/api/v1/offices/central/tickets', {
		headers: { authorization: `Bearer ${talon.data.kioskToken}` },
		data: { serviceId: talon.data.serviceId }
	});
	const issued = (await res.json()) as Issued;
	await serve(socket, talon.data.deskId, issued.ticket.id);
	await expect(page.getByTestId('pad')).toHaveAttribute('data-phase', 'ask');
	await expect(page.getByText(`Талон ${issued.ticket.number}`)).toBeVisible();
	await expect(page.getByRole('button')).toHaveCount(5);
	await page.screenshot({ path: test.info().outputPath('rating-pad.png') });
	expect(await axeFindings(page, '[data-testid=pad]')).toEqual([]);
	await page.getByTestId('pad-4').click();
	await expect(page.getByTestId('pad-thanks')).toBeVisible();
	await expect(async () => {
		const again = await request.post(`/api/v1/tickets/${issued.publicCode}/rating`, { data: { score: 1 } });
		expect(again.status()).toBe(409);
	}).toPass({ timeout: 5000 });
	socket.close();
});

test('both ratings appear in the ratings report of the day', async ({ request, talon }) => {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
	const res = await request.get(`/api/v1/reports/ratings?office=central&from=${today}&to=${today}`, {
		headers: { cookie: `talon_session=${talon.data.session}` }
	});
	expect(res.status()).toBe(200);
	const report = (await res.json()) as {
		ratingCount: number;
		distribution: { score: number; count: number }[];
		comments: { score: number; comment: string }[];
	};
	// The page's 5 with its comment, the pad's 4 (the demo's history has no ratings of today).
	expect(report.ratingCount).toBe(2);
	expect(report.distribution.filter((d) => d.count > 0)).toEqual([
		{ score: 4, count: 1 },
		{ score: 5, count: 1 }
	]);
	expect(report.comments).toEqual([expect.objectContaining({ score: 5, comment: 'Спасибо, всё быстро' })]);
});
