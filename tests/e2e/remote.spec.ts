import { expect, talonTest } from './harness/fixture';
import { operatorAt, PASSWORD } from './desk-fixture';
import { startSmsSink, type SmsSink } from '../helpers/sms-sink';
import { addStaffUser } from '../../src/lib/server/auth/staff';
import QRCode from 'qrcode';

/**
 * Remote joining end to end (issue 13, item 4): at /q/central on a phone-sized screen a visitor
 * types a phone, reads the 6-digit code from the SMS (a local webhook sink), picks the service and
 * gets a ticket whose /t page shows a QR and the code for the kiosk. The operator's «Вызвать
 * следующего» passes over it; the visitor holds the QR to the kiosk's scanner (it types the code
 * and Enter), the phone's page and the desk learn the arrival at once, and the next call takes it.
 * The same phone cannot take a second ticket while this one is live.
 */
const test = talonTest();
let sink: SmsSink;

test.beforeAll(async () => {
	sink = await startSmsSink();
});
test.afterAll(async () => {
	await sink?.close();
});

test('phone → SMS code → ticket with a check-in QR on /t; passed over until the kiosk scans it; then called; one ticket per phone', async ({
	launchTalon,
	browser
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
	const checkin = (await visitor.getByTestId('checkin-code').textContent())!.trim();
	expect(number).toMatch(/^П\d{3}$/);
	expect(checkin).toMatch(/^[ACEFHKMNPRTUWXY34679]{6}$/);
	await expect(visitor.getByTestId('checkin-qr').locator('svg')).toBeVisible();
	await visitor.screenshot({ path: test.info().outputPath('q-ticket.png'), fullPage: true });

	// The ticket's own page: the same QR and code until the kiosk checks it in. The QR holds the
	// plain code (as a booking's does): the scanner types it and Enter.
	await visitor.getByRole('link', { name: 'Открыть талон и уведомления' }).click();
	await expect(visitor.getByTestId('ticket-number')).toHaveText(number);
	const card = visitor.getByTestId('checkin-card');
	await expect(card.getByRole('heading', { name: 'Отметьтесь, когда придёте' })).toBeVisible();
	await expect(card.getByTestId('checkin-code')).toHaveText(checkin);
	const qrBox = await card.getByTestId('checkin-qr').boundingBox();
	expect(qrBox!.width).toBeGreaterThanOrEqual(160);
	const shownPaths = await card
		.getByTestId('checkin-qr')
		.locator('svg path')
		.evaluateAll((ps) => ps.map((p) => p.getAttribute('d')));
	const expected = await QRCode.toString(checkin, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
	expect(shownPaths).toEqual([...expected.matchAll(/ d="([^"]+)"/g)].map((m) => m[1]));
	await visitor.screenshot({ path: test.info().outputPath('t-checkin.png'), fullPage: true });

	// The operator's call passes over the remote ticket until its visitor checks in at the kiosk;
	// the desk's queue shows it as not here yet.
	const alice = await operatorAt(browser, talon.url, 'alice', 1);
	const waitingRow = alice.getByTestId('waiting-list').locator('li', { hasText: number });
	await expect(waitingRow.getByTestId('not-arrived')).toHaveText('с телефона, ещё не пришёл');
	const call = alice.getByRole('button', { name: /^Вызвать следующего/ });
	await call.click();
	await expect(alice.getByText('Сейчас никто не ждёт.')).toBeVisible();
	await expect(alice.getByTestId('current')).not.toContainText(number);

	// At the kiosk: the visitor holds the phone's QR to the scanner on the start screen (a scanner
	// types the code and Enter). The kiosk checks the ticket in; nothing is printed.
	const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
	await kiosk.goto(`${talon.url}/kiosk?pair=${talon.data.kioskToken}`);
	await expect(kiosk.getByRole('heading', { name: 'Выберите услугу' })).toBeVisible();
	await expect(kiosk.getByTestId('have-booking')).toHaveText('У меня запись или талон с телефона');
	await kiosk.keyboard.type(checkin);
	await kiosk.keyboard.press('Enter');
	await expect(kiosk.getByTestId('issued')).toBeVisible();
	await expect(kiosk.getByTestId('ticket-number')).toHaveText(number);
	await expect(kiosk.getByTestId('checked-in')).toHaveText('Вы отметились. Талон — в вашем телефоне: ждите вызова на табло.');
	await kiosk.screenshot({ path: test.info().outputPath('kiosk-checked-in.png') });

	// The arrival reaches the phone and the desk at once (ticket.checked_in), without a reload.
	await expect(card).toHaveCount(0, { timeout: 5000 });
	await expect(waitingRow.getByTestId('not-arrived')).toHaveCount(0, { timeout: 5000 });

	await call.click();
	await expect(alice.getByTestId('current')).toContainText(number);
	await expect.poll(() => sink.accepted.map((m) => m.text), { timeout: 15_000 }).toContain(`Талон ${number}: Вас вызывают к окну 1`);
	await expect(visitor.getByText('Пройдите к окну 1')).toBeVisible();

	// One live remote ticket per phone: the same phone is refused a second one, in words.
	const again = await (await browser.newContext({ baseURL: talon.url, viewport: { width: 390, height: 844 } })).newPage();
	await again.goto('/q/central');
	await again.getByLabel('Номер телефона').fill('+7 916 765-43-21');
	await again.getByRole('button', { name: 'Получить код по SMS' }).click();
	// The page answered (a refusal here would show its words instead), then the SMS left.
	await expect(again.getByText('Мы отправили код по SMS')).toBeVisible();
	await expect.poll(() => sink.accepted.filter((m) => m.text.startsWith('Код Talon')).length, { timeout: 15_000 }).toBe(2);
	const code2 = /Код Talon: (\d{6})/.exec(sink.accepted.filter((m) => m.text.startsWith('Код Talon'))[1]!.text)![1]!;
	await again.getByLabel('Код из SMS').fill(code2);
	await again.getByRole('button', { name: 'Получить талон' }).click();
	await expect(again.getByRole('alert')).toHaveText(
		'У этого номера уже есть талон в очереди этого офиса. Новый можно взять, когда тот будет обслужен или отменён.'
	);
	await expect(again.getByTestId('remote-number')).toHaveCount(0);
});
