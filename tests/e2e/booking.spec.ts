import { io } from 'socket.io-client';
import { expect, talonTest } from './harness/fixture';
import { setBookingPlan } from '../../src/lib/server/booking/plan';
import { addStaffUser } from '../../src/lib/server/auth/staff';
import { createSession } from '../../src/lib/server/auth/sessions';

/**
 * The whole story in Chromium: a citizen books on a phone-sized screen and gets a code;
 * at the kiosk (its real screen) they check in with it; a desk's call-next (the staff Socket.IO
 * command) gets that appointment before two walk-ins who took tickets earlier.
 *
 * An appointment is served first only once its slot has started and the next free slot is up to
 * 15 minutes away, so the test moves the ticket's slot start one minute into the past instead of
 * waiting (the only write it makes; on the embedded database the harness stops the server for
 * it and starts it again, as the server holds the folder).
 */
const test = talonTest({
	seed: async (sql, demo) => {
		// Always open, so the test does not depend on the hour it runs at; check-in opens an hour ahead.
		const allDay = { openMin: 0, closeMin: 1440 };
		await setBookingPlan(
			sql,
			demo.officeId,
			{ minLeadMin: 0, beforeMin: 60, publicHolidays: false },
			{ 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay }
		);
		const staff = await addStaffUser(sql, {
			login: 'e2e-desk',
			password: 'booking-e2e-password',
			roles: ['operator'],
			officeIds: [demo.officeId],
			displayName: 'E2E'
		});
		const session = await createSession(sql, staff.id);
		const [desk] = await sql<
			{ id: number }[]
		>`update desks set state = 'open' where office_id = ${demo.officeId} and number = 1 returning id`;
		return {
			officeId: demo.officeId,
			deskId: desk!.id,
			kioskToken: demo.devices.find((d) => d.kind === 'kiosk')!.token,
			sessionToken: session.token
		};
	}
});

test.describe.configure({ mode: 'serial' });

test('book on a phone, check in at the kiosk, and the desk calls the appointment before earlier walk-ins', async ({ browser, talon }) => {
	test.setTimeout(120_000);
	const setup = talon.data;
	const base = talon.url;
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
	await talon.withDatabase((sql) => sql`update tickets set appointment_at = now() - interval '1 minute' where source = 'booking'`);
	const socket = io(base, { transports: ['websocket'], extraHeaders: { cookie: `talon_session=${setup.sessionToken}` } });
	const called = await new Promise<{ data?: { ticket: { number: string } | null; reason: string | null }; error?: { message: string } }>(
		(resolve) => socket.emit('desk:call-next', { deskId: setup.deskId }, resolve)
	);
	socket.close();
	expect(called.error).toBeUndefined();
	expect(called.data!.ticket!.number).toBe(number);
	expect(called.data!.reason).toBe('appointment');
	await kiosk.close();
});

test('staff book a caller on the phone from the desk console', async ({ browser, talon }) => {
	const setup = talon.data;
	const base = talon.url;
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
	await page.goto(`/book/central?lang=en`);
	await expect(page.getByRole('heading', { name: 'Which service do you need?' })).toBeVisible();
	await page.getByRole('link', { name: /Russian passport/ }).click();
	await expect(page.getByRole('heading', { name: 'Choose a day' })).toBeVisible();
});
