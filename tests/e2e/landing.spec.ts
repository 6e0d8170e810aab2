import { expect, test } from './harness/fixture';

test('the landing page is in Russian and switches to English', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
	await expect(page.getByRole('heading', { name: 'МФЦ «Центральный»' })).toBeVisible();
	await expect(page.getByRole('link', { name: /Записаться на приём/ })).toBeVisible();
	await expect(page.getByRole('link', { name: /Терминал в зале/ })).toBeVisible();
	await expect(page.getByRole('link', { name: /Встать в очередь с телефона/ })).toHaveAttribute('href', '/q/central');
	await expect(page.getByRole('link', { name: /Табло в зале/ })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Вход для сотрудников' })).toBeVisible();

	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { name: 'Central Service Centre' })).toBeVisible();
	await expect(page.getByRole('link', { name: /Book a visit/ })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Staff sign-in' })).toBeVisible();

	// The choice is remembered: a fresh visit without ?lang stays English.
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByRole('link', { name: 'Русский' }).click();
	await expect(page.getByRole('heading', { name: 'МФЦ «Центральный»' })).toBeVisible();
});

test('the OpenAPI document and the Socket.IO handshake are served on the same port', async ({ request }) => {
	const doc = await request.get('/api/v1/openapi.json');
	expect(doc.ok()).toBe(true);
	const body = await doc.json();
	expect(body.openapi).toBe('3.1.0');
	expect(Object.keys(body.paths)).toContain('/offices/{office}/tickets');
	const handshake = await request.get('/socket.io/?EIO=4&transport=polling');
	expect(handshake.ok()).toBe(true);
	expect(await handshake.text()).toMatch(/^0\{"sid":/);
});
