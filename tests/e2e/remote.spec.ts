import { expect, talonTest } from './harness/fixture';
import { operatorAt, PASSWORD } from './desk-fixture';
import { startSmsSink, type SmsSink } from '../helpers/sms-sink';
import { addStaffUser } from '../../src/lib/server/auth/staff';

/**
 * Remote joining end to end (issue 13, item 4): at /q/central on a phone-sized screen a visitor
 * types a phone, reads the 6-digit code from the SMS (a local webhook sink), picks the service and
 * gets a ticket with a kiosk check-in code, which the kiosk's check-in accepts.
 * The operator's «Вызвать следующего» passes over it before the check-in and calls it after.
 */
const test = talonTest();
let sink: SmsSink;

test.beforeAll(async () => {
	sink = await startSmsSink();
});
test.afterAll(async () => {
	await sink?.close();
});

test('phone → SMS code (from the sink) → service → ticket; the kiosk checks it in with its code; then it is called; the /t link opens', async ({
	launchTalon,
	browser,
	request
}) => {
	test.setTimeout(180_000);
	const talon = await launchTalon({
		seed: async (sql, demo) => {
			await addStaffUser(sql, {
				login: 'alice',
				roles: ['operator'],
				officeIds: [demo.officeId],
				displayName: 'Алиса',
				password: PASSWORD
			});
			await sql`update services set remote_allowed = true where office_id = ${demo.officeId} and prefix = 'П'`;
			return { kioskToken: demo.devices.find((d) => d.kind === 'kiosk')!.token };
		},
		env: { SMS_PROVIDER: 'webhook', SMS_URL: sink.url, SMS_SECRET: sink.secret, TALON_NOTICE_POLL_MS: '200' }
	});

	const visitor = await (await browser.newContext({ baseURL: talon.url, viewport: { width: 390, height: 844 } })).newPage();
	await visitor.goto('/q/central');
	await expect(visitor.getByRole('heading', { name: 'Встать в очередь с телефона' })).toBeVisible();
	await visitor.getByLabel('Номер телефона').fill('8 916 765-43-21');
	await visitor.getByRole('button', { name: 'Получить код по SMS' }).click();
	await expect(visitor.getByText('Мы отправили код по SMS')).toBeVisible();
	await expect.poll(() => sink.accepted.length, { timeout: 15_000 }).toBe(1);
	expect(sink.accepted[0]!.to).toBe('+79167654321');
	const code = /Код Talon: (\d{6})\. Действует 5 минут\./.exec(sink.accepted[0]!.text)![1]!;
	await visitor.getByLabel('Код из SMS').fill(code);
	await visitor.getByRole('button', { name: 'Получить талон' }).click();
	const number = (await visitor.getByTestId('remote-number').textContent())!.trim();
	const checkin = (await visitor.getByTestId('remote-checkin').textContent())!.trim();
	expect(number).toMatch(/^П\d{3}$/);
	await visitor.screenshot({ path: test.info().outputPath('q-ticket.png'), fullPage: true });

	// The operator's call passes over the remote ticket until its visitor checks in at the kiosk.
	const alice = await operatorAt(browser, talon.url, 'alice', 1);
	const call = alice.getByRole('button', { name: /^Вызвать следующего/ });
	await call.click();
	await expect(alice.getByText('Сейчас никто не ждёт.')).toBeVisible();
	await expect(alice.getByTestId('current')).not.toContainText(number);

	const res = await request.post(`${talon.url}/api/v1/offices/central/check-ins`, {
		headers: { authorization: `Bearer ${talon.data.kioskToken}` },
		data: { code: checkin }
	});
	expect(res.status()).toBe(201);
	expect(((await res.json()) as { ticket: { number: string } }).ticket.number).toBe(number);

	await call.click();
	await expect(alice.getByTestId('current')).toContainText(number);
	await expect.poll(() => sink.accepted.map((m) => m.text), { timeout: 15_000 }).toContain(`Талон ${number}: Вас вызывают к окну 1`);

	await visitor.getByRole('link', { name: 'Открыть талон и уведомления' }).click();
	await expect(visitor.getByTestId('ticket-number')).toHaveText(number);
});
