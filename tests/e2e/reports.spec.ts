import { expect, talonTest } from './harness/fixture';
import { addStaffUser } from '../../src/lib/server/auth/staff';
import { createSession } from '../../src/lib/server/auth/sessions';
import { seedHistory } from '../../src/lib/server/demo/history';

/**
 * /admin/reports in Chromium on two weeks of history: a supervisor sees the summary, switches to
 * the weekday × hour heat map and downloads the table as CSV for Excel (BOM, `;`).
 */
const test = talonTest({
	seed: async (sql, demo) => {
		await seedHistory(sql, { officeId: demo.officeId, days: 14 });
		const staff = await addStaffUser(sql, {
			login: 'e2e-supervisor',
			password: 'reports-e2e-password',
			roles: ['supervisor'],
			officeIds: [demo.officeId],
			displayName: 'Руководитель'
		});
		return { sessionToken: (await createSession(sql, staff.id)).token };
	}
});

test('a supervisor reads the month, opens the heat map and downloads the CSV', async ({ page, context, talon }) => {
	await context.addCookies([{ name: 'talon_session', value: talon.data.sessionToken, url: talon.url }]);
	await page.goto('/admin/reports?period=month');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Отчёты: МФЦ «Центральный»');
	const issued = page.locator('.cards div').filter({ hasText: 'Выдано талонов' }).locator('dd');
	expect(Number(await issued.textContent())).toBeGreaterThan(1000);
	await expect(page.getByRole('link', { name: 'Отчёты' })).toHaveAttribute('aria-current', 'page');
	await expect(page.locator('canvas')).toBeVisible();
	await expect(page.locator('table.data tbody tr')).toHaveCount(8);

	await page.getByRole('link', { name: 'По часам' }).click();
	await expect(page.getByText('Приход посетителей: день недели × час')).toBeVisible();
	await expect(page.locator('.heat').first().locator('tbody tr')).toHaveCount(7);

	const href = await page.getByRole('link', { name: 'CSV' }).nth(1).getAttribute('href');
	expect(href).toMatch(/^\/api\/v1\/reports\/by-hour\?office=central&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}&format=csv$/);
	const csv = await page.request.get(href!);
	expect(csv.status()).toBe(200);
	const bytes = await csv.body();
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe('День недели;Час;Пришло;Ожидание, среднее, с');
});
