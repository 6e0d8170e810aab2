import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, talonTest } from './harness/fixture';
import { addStaffUser } from '../../src/lib/server/auth/staff';
import { addDevice } from '../../src/lib/server/auth/devices';

/**
 * The administration in Chromium (issue 11): a supervisor of one office never sees another, an
 * operator gets 403, revoking a kiosk sends its open screen to pairing at once, and the admin
 * screens built here have no axe-core violations (WCAG 2.2 AA rules) at 1366×768.
 */
const PASSWORD = 'admin-e2e-password';

const test = talonTest({
	seed: async (sql, demo) => {
		const [north] = await sql<{ id: number }[]>`
			insert into offices (slug, name_ru, name_en, time_zone) values ('north', 'МФЦ «Северный»', 'North Centre', 'Asia/Vladivostok') returning id`;
		await addStaffUser(sql, { login: 'root', password: PASSWORD, roles: ['admin'], officeIds: [], displayName: 'Админ Сети' });
		await addStaffUser(sql, {
			login: 'boss',
			password: PASSWORD,
			roles: ['supervisor'],
			officeIds: [demo.officeId],
			displayName: 'Руководитель'
		});
		await addStaffUser(sql, {
			login: 'clerk',
			password: PASSWORD,
			roles: ['operator'],
			officeIds: [demo.officeId],
			displayName: 'Оператор'
		});
		const nora = await addStaffUser(sql, {
			login: 'nora',
			password: PASSWORD,
			roles: ['operator'],
			officeIds: [north!.id],
			displayName: 'Нора'
		});
		const kiosk = await addDevice(sql, { officeId: demo.officeId, kind: 'kiosk', name: 'Киоск на отзыв' });
		await sql`insert into board_messages (office_id, text_ru, text_en) values (${demo.officeId}, 'Добро пожаловать', 'Welcome')`;
		return { northId: north!.id, noraId: nora.id, kioskId: kiosk.id, kioskToken: kiosk.token };
	}
});

test.use({ viewport: { width: 1366, height: 768 } });

async function signIn(page: Page, login: string) {
	await page.goto('/login');
	await page.getByLabel('Логин').fill(login);
	await page.getByLabel('Пароль').fill(PASSWORD);
	await page.getByRole('button', { name: 'Войти' }).click();
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function noViolations(page: Page) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
	expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a supervisor sees only their office: not in the menu, not by address, not in the API', async ({ page, talon }) => {
	await signIn(page, 'boss');
	await page.goto('/admin/offices');
	await expect(page.getByRole('link', { name: 'МФЦ «Центральный»' })).toBeVisible();
	await expect(page.getByText('МФЦ «Северный»')).toHaveCount(0);
	await expect(page.locator('#office-switch option')).toHaveCount(1);
	for (const path of [
		'/admin/offices/north',
		'/admin/offices/north/devices',
		'/admin/offices/north/messages',
		`/admin/offices/${talon.data.northId}`
	]) {
		const res = await page.goto(path);
		expect(res?.status(), path).toBe(403);
	}
	expect((await page.request.get('/api/v1/admin/offices/north/devices')).status()).toBe(403);
	expect((await page.request.get('/admin/audit?office=north')).status()).toBe(403);
	// Their staff list has their operator, not the other office's.
	await page.goto('/admin/staff');
	await expect(page.getByRole('link', { name: 'clerk' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'nora' })).toHaveCount(0);
	expect((await page.goto(`/admin/staff/${talon.data.noraId}`))?.status()).toBe(403);
});

test('an operator gets 403 on every admin page and API', async ({ page }) => {
	await signIn(page, 'clerk');
	for (const path of ['/admin', '/admin/offices', '/admin/staff', '/admin/audit', '/admin/offices/central/devices']) {
		expect((await page.goto(path))?.status(), path).toBe(403);
	}
	expect((await page.request.get('/api/v1/admin/offices')).status()).toBe(403);
});

test('revoking a device sends the open kiosk to its pairing screen at once', async ({ page, browser, talon }) => {
	const kiosk = await browser.newPage({ baseURL: talon.url });
	await kiosk.goto(`/kiosk?pair=${talon.data.kioskToken}`);
	await expect(kiosk.getByRole('button', { name: 'Паспорта и документы' })).toBeVisible();

	await signIn(page, 'boss');
	await page.goto('/admin/offices/central/devices');
	const row = page.getByTestId(`device-${talon.data.kioskId}`);
	await expect(row.getByText('на связи')).toBeVisible();
	await row.getByRole('button', { name: 'Отозвать «Киоск на отзыв»' }).click();
	await expect(page.getByRole('status')).toContainText('Устройство отозвано');

	await expect(kiosk.getByTestId('pairing')).toBeVisible({ timeout: 5000 });
	await expect(kiosk.getByRole('alert')).toContainText(/отозван|заново/i);
	await kiosk.close();
});

test('an admin adds a kiosk (token, link and QR once), creates an office and a user; the change log shows them', async ({ page }) => {
	await signIn(page, 'root');
	await page.goto('/admin/offices/central/devices');
	await page.getByLabel('Название', { exact: true }).fill('Киоск у окна 5');
	await page.getByRole('button', { name: 'Добавить', exact: true }).click();
	const token = (await page.getByTestId('device-token').textContent())!.trim();
	await expect(page.getByTestId('pair-url')).toHaveText(new RegExp(`/kiosk\\?pair=${token}$`));
	await expect(page.getByRole('img', { name: /QR-код/ })).toBeVisible();

	await page.goto('/admin/offices');
	await page.getByLabel('Название (русский)').fill('МФЦ «Южный»');
	await page.getByLabel('Название (английский)').fill('South Centre');
	await page.getByLabel('Адрес в ссылках (латиницей)').fill('north');
	await page.getByLabel('Часовой пояс').fill('Asia/Kamchatka');
	await page.getByRole('button', { name: 'Создать офис' }).click();
	await expect(page.getByRole('alert')).toContainText('«north» уже занят');
	await page.getByLabel('Адрес в ссылках (латиницей)').fill('Плохо');
	await page.getByLabel('Часовой пояс').fill('Asia/Nowhere');
	await page.getByRole('button', { name: 'Создать офис' }).click();
	await expect(page.getByLabel('Часовой пояс')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByText('Выберите часовой пояс из списка')).toBeVisible();
	await page.getByLabel('Адрес в ссылках (латиницей)').fill('south');
	await page.getByLabel('Часовой пояс').fill('Asia/Kamchatka');
	await page.getByRole('button', { name: 'Создать офис' }).click();
	await expect(page).toHaveURL(/\/admin\/offices\/south\?created=1$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('МФЦ «Южный»');

	await page.goto('/admin/staff/new');
	await page.getByLabel('Логин').fill('petrova');
	await page.getByRole('checkbox', { name: 'МФЦ «Центральный»' }).check();
	await page.getByRole('button', { name: 'Добавить', exact: true }).click();
	await expect(page.getByTestId('new-password')).toHaveText(/^[A-Za-z0-9]{16}$/);

	await page.goto('/admin/audit?user=root');
	await expect(page.getByRole('cell', { name: /устройство .* создание/ })).toBeVisible();
	await expect(page.getByRole('cell', { name: /офис .* создание/ })).toBeVisible();
	await expect(page.getByRole('cell', { name: /сотрудник .* создание/ })).toBeVisible();
});

test('a supervisor sets the weekly hours and a holiday; a lunch outside the day is refused at its field', async ({ page }) => {
	await signIn(page, 'boss');
	await page.goto('/admin/offices/central/plan');
	await page.getByLabel('Воскресенье: Работает').check();
	await page.getByLabel('Воскресенье: Открытие').fill('10:00');
	await page.getByLabel('Воскресенье: Закрытие').fill('16:00');
	await page.getByLabel('Воскресенье: Обед с').fill('17:00');
	await page.getByLabel('Воскресенье: Обед до').fill('18:00');
	await page.getByRole('button', { name: 'Сохранить' }).click();
	await expect(page.getByLabel('Воскресенье: Обед с')).toHaveAttribute('aria-invalid', 'true');
	await page.getByLabel('Воскресенье: Обед с').fill('13:00');
	await page.getByLabel('Воскресенье: Обед до').fill('13:30');
	await page.getByRole('button', { name: 'Сохранить' }).click();
	await expect(page.getByRole('status')).toHaveText('Сохранено.');
	await page.reload();
	await expect(page.getByLabel('Воскресенье: Работает')).toBeChecked();
	await expect(page.getByLabel('Воскресенье: Обед до')).toHaveValue('13:30');

	// The preview: computed from the unsaved values, shown with them kept in the form, nothing saved.
	const share = page.getByLabel('Доля времени окон для записи, %');
	const savedShare = await share.inputValue();
	const preview = page.getByRole('region', { name: /Свободные места на 7 дней/ });
	const withPlaces = preview.getByRole('cell').filter({ hasText: /^[1-9]/ });
	await share.fill('100');
	await page.getByRole('button', { name: 'Показать свободные слоты на 7 дней' }).click();
	await expect(preview).toBeVisible();
	await expect(withPlaces.first()).toBeVisible();
	await share.fill('0');
	await page.getByRole('button', { name: 'Показать свободные слоты на 7 дней' }).click();
	await expect(withPlaces).toHaveCount(0);
	await expect(share).toHaveValue('0');
	await page.reload();
	await expect(share).toHaveValue(savedShare);

	await page.getByLabel('Дата', { exact: true }).fill('2026-12-31');
	await page.getByLabel('Примечание').fill('Предпраздничный');
	await page.getByRole('button', { name: 'Добавить исключение' }).click();
	await expect(page.getByText('2026-12-31 — выходной · Предпраздничный')).toBeVisible();
	await page.getByRole('button', { name: 'Удалить исключение 2026-12-31' }).click();
	await expect(page.getByText('Исключений нет.')).toBeVisible();
});

test('the admin screens have no axe-core violations (Russian and English)', async ({ page, talon }) => {
	test.setTimeout(120_000); // axe reads every node of ten pages on a shared 2-core machine
	await signIn(page, 'root');
	const user = talon.data.noraId;
	const pages = [
		'/admin/offices',
		'/admin/offices/central',
		'/admin/offices/central/devices',
		'/admin/offices/central/messages',
		'/admin/offices/central/plan',
		'/admin/staff',
		'/admin/staff/new',
		`/admin/staff/${user}`,
		'/admin/audit'
	];
	for (const path of pages) {
		await page.goto(path);
		await noViolations(page);
	}
	// A refused form: errors tied to their fields must pass too.
	await page.goto('/admin/staff/new');
	await page.getByLabel('Логин').fill('Не логин');
	await page.getByRole('button', { name: 'Добавить', exact: true }).click();
	await expect(page.getByLabel('Логин')).toHaveAttribute('aria-invalid', 'true');
	await noViolations(page);
	await page.goto('/admin/offices/central/devices?lang=en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Devices');
	await noViolations(page);
});
