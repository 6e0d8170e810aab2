import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { expect, talonTest } from './harness/fixture';
import { addStaffUser } from '../../src/lib/server/auth/staff';
import { bigServiceRows, toXlsx } from '../helpers/catalogue-file';

/**
 * The catalogue in Chromium (issue 11): an administrator creates a service in the admin page and
 * a kiosk page that is already open shows it without a reload, and its ticket carries the new
 * two-letter prefix; a 230-service XLSX file is imported through the dry-run page; the kiosk's
 * search finds «загранпаспорт» by «загран» and by «паспорт» on its on-screen keyboard.
 */
const PASSWORD = 'catalogue-e2e-password';
const test = talonTest({
	seed: async (sql, demo) => {
		await addStaffUser(sql, { login: 'chief', roles: ['admin'], officeIds: [demo.officeId], displayName: 'Главный', password: PASSWORD });
		for (let n = 1; n <= 40; n++) await sql`insert into desks (office_id, number) values (${demo.officeId}, ${n}) on conflict do nothing`;
		return { kioskToken: demo.devices.find((d) => d.kind === 'kiosk')!.token };
	}
});
test.describe.configure({ mode: 'serial' });

async function signIn(page: Page) {
	await page.goto('/login');
	await page.getByLabel('Логин').fill('chief');
	await page.getByLabel('Пароль').fill(PASSWORD);
	await page.getByRole('button', { name: /Войти/ }).click();
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function type(kiosk: Page, word: string) {
	for (const letter of word) await kiosk.getByRole('button', { name: letter, exact: true }).click();
}

test('a service created in the admin page appears on an open kiosk without a reload; its ticket has the new prefix', async ({
	browser,
	talon
}) => {
	const kioskContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	const kiosk = await kioskContext.newPage();
	await kiosk.goto(`/kiosk?pair=${talon.data.kioskToken}`);
	await expect(kiosk.getByRole('button', { name: 'Паспорта и документы' })).toBeVisible();
	let reloaded = false;
	kiosk.on('framenavigated', (f) => f === kiosk.mainFrame() && (reloaded = true));

	const admin = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
	await signIn(admin);
	await admin.goto('/admin/offices/central/services');
	await admin.getByTestId('new-service').click();
	const form = admin.getByTestId('service-form');
	await form.getByLabel('Название (рус.)').fill('Загранпаспорт срочный');
	await form.getByLabel('Название (англ.)').fill('Urgent travel passport');
	await form.getByLabel('Префикс талона').fill('зс');
	await form.getByLabel('Длительность приёма, мин').fill('25');
	await form.getByLabel('Документы (рус.), по одному в строке').fill('Паспорт РФ\nФотография');
	await admin.getByTestId('save-service').click();
	await expect(admin.getByRole('status')).toHaveText('Сохранено.');
	await expect(admin.getByRole('row', { name: /Загранпаспорт срочный/ })).toContainText('ЗС');

	// The kiosk, untouched, shows it (it has no category: the top level).
	const tile = kiosk.getByRole('button', { name: /Загранпаспорт срочный/ });
	await expect(tile).toBeVisible({ timeout: 5000 });
	expect(reloaded).toBe(false);
	await tile.click();
	await expect(kiosk.getByText('Фотография')).toBeVisible();
	await kiosk.getByTestId('get-ticket').click();
	await expect(kiosk.getByTestId('ticket-number')).toHaveText(/^ЗС\d{3}$/);
	await kioskContext.close();
});

test('the catalogue pages have no axe-core violations (WCAG 2.2 AA) at 1366×768 (before the big import: axe on 9,000 inputs takes minutes)', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 1366, height: 768 });
	await signIn(page);
	for (const path of [
		'/admin/offices/central/services',
		'/admin/offices/central/services?service=new',
		'/admin/offices/central/services?category=new',
		'/admin/offices/central/services/import',
		'/admin/offices/central/desks?desk=new'
	]) {
		await page.goto(path);
		const started = Date.now();
		const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
		const found = result.violations.map((v) => `${path}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
		expect(found, `axe took ${Date.now() - started} ms`).toEqual([]);
		await page.screenshot({ path: test.info().outputPath(`${path.split('/').slice(4).join('-').replace(/[?=]/g, '-')}.png`) });
	}
	// A refusal tied to its field: a taken prefix.
	await page.goto('/admin/offices/central/services?service=new');
	const form = page.getByTestId('service-form');
	await form.getByLabel('Название (рус.)').fill('Дубль');
	await form.getByLabel('Название (англ.)').fill('Duplicate');
	await form.getByLabel('Префикс талона').fill('П');
	await page.getByTestId('save-service').click();
	await expect(form.getByLabel('Префикс талона')).toHaveAttribute('aria-invalid', 'true');
	await expect(form.getByText('Префикс «П» уже занят другой услугой этого офиса.')).toBeVisible();
	expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag22aa']).analyze()).violations).toEqual([]);
	await page.screenshot({ path: test.info().outputPath('service-error.png') });
});

test('an administrator imports 230 services from an XLSX file: the dry run shows them, then they are written', async ({ page }) => {
	await page.setViewportSize({ width: 1366, height: 768 });
	await signIn(page);
	await page.goto('/admin/offices/central/services/import');
	const rows = bigServiceRows(
		230,
		Array.from({ length: 40 }, (_, i) => i + 1)
	);
	await page.getByTestId('import-file').setInputFiles({
		name: 'services.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: Buffer.from(await toXlsx(rows))
	});
	await page.getByTestId('import-check').click();
	await expect(page.getByTestId('import-summary')).toContainText('Будет создано: 230');
	await expect(page.getByRole('row', { name: /Загранпаспорт нового образца/ })).toContainText('создать');
	await page.getByTestId('import-write').click();
	await expect(page.getByTestId('import-done')).toHaveText('Загружено: создано 230, изменено 0.');
	await page.goto('/admin/offices/central/services');
	await expect(page.getByText(/Услуг: 239,/)).toBeVisible();
	await expect(page.getByTestId('service-row')).toHaveCount(239);
});

test('the kiosk search finds «загранпаспорт» by «загран» and by «паспорт»', async ({ page, talon }) => {
	await page.setViewportSize({ width: 1366, height: 768 });
	await page.goto(`/kiosk?pair=${talon.data.kioskToken}`);
	await page.getByTestId('search').click();
	await type(page, 'ЗАГРАН');
	await expect(page.getByTestId('search-query')).toHaveText('ЗАГРАН');
	await expect(page.getByTestId('search-result').filter({ hasText: 'Загранпаспорт нового образца' })).toBeVisible();
	await page.getByRole('button', { name: 'Очистить' }).click();
	await type(page, 'ПАСПОРТ');
	const results = page.getByTestId('search-result');
	await expect(results.filter({ hasText: /^Загранпаспорт/ }).first()).toBeVisible();
	await expect(results.first()).toContainText('Паспорт РФ'); // a word that starts with «паспорт» first
	// One letter wrong still finds it.
	await page.getByRole('button', { name: 'Очистить' }).click();
	await type(page, 'ЗАГРАНПАСПАРТ');
	await expect(results.filter({ hasText: 'Загранпаспорт нового образца' })).toBeVisible();
	await results.filter({ hasText: 'Загранпаспорт нового образца' }).click();
	await expect(page.getByRole('heading', { name: 'Загранпаспорт нового образца' })).toBeVisible();
});
