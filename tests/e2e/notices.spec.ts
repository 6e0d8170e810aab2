import type { Page } from '@playwright/test';
import { expect, talonTest } from './harness/fixture';
import { operatorAt, PASSWORD } from './desk-fixture';
import { startSmsSink, type SmsSink } from '../helpers/sms-sink';
import { addStaffUser } from '../../src/lib/server/auth/staff';

/**
 * «Уведомить меня» end to end: on /t/<code> a visitor asks for an SMS at "2 ahead"; operators call
 * the tickets before it at their desks; the SMS gateway (a local webhook sink that checks the
 * signature) receives exactly one «перед вами 2» and later one «Вас вызывают к окну N».
 */
const test = talonTest();
let sink: SmsSink;

test.beforeAll(async () => {
	sink = await startSmsSink();
});
test.afterAll(async () => {
	await sink?.close();
});

const button = (p: Page, name: string) => p.getByRole('button', { name: new RegExp(`^${name}`) });
async function serveCurrent(p: Page) {
	await button(p, 'Начать приём').click();
	await expect(p.getByTestId('current')).toContainText('на приёме');
	await button(p, 'Завершить').click();
	await expect(p.getByText('Посетителя нет. Нажмите «Вызвать следующего».')).toBeVisible();
}

test('choose "2 ahead" by SMS; desks call the tickets before it: one «перед вами 2», then one «Вас вызывают»', async ({
	launchTalon,
	browser,
	request
}) => {
	test.setTimeout(180_000);
	const talon = await launchTalon({
		seed: async (sql, demo) => {
			for (const [login, displayName] of [
				['alice', 'Алиса Петрова'],
				['bob', 'Борис Смирнов']
			] as const)
				await addStaffUser(sql, { login, roles: ['operator'], officeIds: [demo.officeId], displayName, password: PASSWORD });
			return { kioskToken: demo.devices.find((d) => d.kind === 'kiosk')!.token };
		},
		env: { SMS_PROVIDER: 'webhook', SMS_URL: sink.url, SMS_SECRET: sink.secret, TALON_NOTICE_POLL_MS: '200' }
	});
	const services = (await (await request.get(`${talon.url}/api/v1/offices/central/services`)).json()) as
		{ prefix: string; id: number }[] | { services: { prefix: string; id: number }[] };
	const passport = (Array.isArray(services) ? services : services.services).find((s) => s.prefix === 'П')!.id;
	const issue = async () => {
		const res = await request.post(`${talon.url}/api/v1/offices/central/tickets`, {
			headers: { authorization: `Bearer ${talon.data.kioskToken}` },
			data: { serviceId: passport }
		});
		expect(res.status()).toBe(201);
		return (await res.json()) as { ticket: { number: string }; publicCode: string };
	};
	for (let i = 0; i < 3; i++) await issue();
	const mine = await issue();

	const visitor = await (await browser.newContext({ baseURL: talon.url, viewport: { width: 390, height: 844 } })).newPage();
	await visitor.goto(`/t/${mine.publicCode}`);
	await expect(visitor.getByRole('heading', { name: 'Уведомить меня' })).toBeVisible();
	await visitor.getByLabel('SMS').check();
	await visitor.getByLabel('Номер телефона').fill('8 916 123-45-67');
	await visitor.getByLabel('Когда передо мной останется').selectOption({ label: '2 человека' });
	await visitor.getByRole('button', { name: 'Уведомить' }).click();
	await expect(visitor.getByTestId('alert-sms')).toContainText('+7916*****67');
	await visitor.screenshot({ path: test.info().outputPath('t-alert.png'), fullPage: true });

	const a = await operatorAt(browser, talon.url, 'alice', 1);
	const b = await operatorAt(browser, talon.url, 'bob', 2);
	const texts = () => sink.accepted.map((m) => m.text);

	await button(a, 'Вызвать следующего').click(); // 2 ahead now
	await expect.poll(texts, { timeout: 15_000 }).toEqual([`Талон ${mine.ticket.number}: перед вами 2`]);
	await button(b, 'Вызвать следующего').click(); // 1 ahead
	await serveCurrent(a);
	await button(a, 'Вызвать следующего').click(); // 0 ahead
	await serveCurrent(b);
	await button(b, 'Вызвать следующего').click(); // mine, to desk 2
	await expect(b.getByTestId('current')).toContainText(mine.ticket.number);
	await expect
		.poll(texts, { timeout: 15_000 })
		.toEqual([`Талон ${mine.ticket.number}: перед вами 2`, `Талон ${mine.ticket.number}: Вас вызывают к окну 2`]);
	expect(sink.accepted.every((m) => m.to === '+79161234567')).toBe(true);
	expect(sink.badSignatures).toBe(0);
	// Nothing more arrives later (a sender sends each notice once).
	await new Promise((r) => setTimeout(r, 1000));
	expect(sink.received).toHaveLength(2);
});

test('a supervisor sees a failed notice with its reason at /admin/notices and sends it again', async ({ launchTalon, browser }) => {
	const talon = await launchTalon({
		seed: async (sql, demo) => {
			await addStaffUser(sql, {
				login: 'sveta',
				roles: ['supervisor'],
				officeIds: [demo.officeId],
				displayName: 'Светлана',
				password: PASSWORD
			});
			await sql`
				insert into notifications (office_id, kind, channel, recipient, body, state, attempts, due_at, created_at, failed_at, last_error)
				values (${demo.officeId}, 'ticket_called', 'sms', '+79161234567', '{"text":"Талон П001: Вас вызывают к окну 5"}', 'failed', 4,
					now(), now(), now(), 'SMS gateway answered 503: gateway trouble')`;
			return undefined;
		}
	});
	const page = await (await browser.newContext({ baseURL: talon.url, viewport: { width: 1366, height: 768 } })).newPage();
	await page.goto('/login');
	await page.getByLabel('Логин').fill('sveta');
	await page.getByLabel('Пароль').fill(PASSWORD);
	await page.getByRole('button', { name: 'Войти' }).click();
	await expect(page).not.toHaveURL(/\/login/);
	await page.goto('/admin/notices');
	await expect(page.getByRole('heading', { name: 'Уведомления посетителям' })).toBeVisible();
	const row = page.getByRole('row', { name: /\+7916\*\*\*\*\*67/ });
	await expect(row).toContainText('SMS gateway answered 503: gateway trouble');
	await expect(page.getByRole('link', { name: 'Уведомления' })).toBeVisible();
	await page.screenshot({ path: test.info().outputPath('admin-notices.png') });
	await row.getByRole('button', { name: 'Отправить снова' }).click();
	await expect(page.getByRole('status')).toHaveText('Уведомление снова в очереди.');
	// The default SMS_PROVIDER=log "sends" it at once: nothing failed is left.
	await expect(async () => {
		await page.reload();
		await expect(page.getByText('Недоставленных уведомлений нет.')).toBeVisible();
	}).toPass({ timeout: 10_000 });
	await expect.poll(() => talon.log()).toContain('SMS (SMS_PROVIDER=log, not sent)');
	expect(talon.log()).not.toContain('+79161234567');
});
