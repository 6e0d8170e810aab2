import { expect, PASSWORD, signIn, test } from './desk-fixture';

test.describe('staff sign-in', () => {
	test('a wrong password gives the message and no session; an unknown login gives the same one', async ({ page, context }) => {
		await signIn(page, 'alice', 'not-the-password');
		await expect(page.getByRole('alert')).toHaveText('Неверный логин или пароль.');
		await signIn(page, 'nobody-here', 'whatever-password');
		await expect(page.getByRole('alert')).toHaveText('Неверный логин или пароль.');
		expect((await context.cookies()).find((c) => c.name === 'talon_session')).toBeUndefined();
		await page.goto('/desk');
		await expect(page).toHaveURL(/\/login\?next=%2Fdesk$/);
	});

	test('after five failures the login is throttled, even with the right password', async ({ page, context }) => {
		for (let i = 1; i <= 4; i++) {
			await signIn(page, 'carol', `wrong-${i}`);
			await expect(page.getByRole('alert')).toHaveText('Неверный логин или пароль.');
		}
		await signIn(page, 'carol', 'wrong-5');
		await expect(page.getByRole('alert')).toHaveText('Слишком много неудачных попыток входа. Повторите через 15 мин.');
		await signIn(page, 'carol', PASSWORD);
		await expect(page.getByRole('alert')).toContainText('Слишком много неудачных попыток входа');
		await expect(page).toHaveURL(/\/login/);
		expect((await context.cookies()).find((c) => c.name === 'talon_session')).toBeUndefined();
	});

	test('signing in sets an httpOnly SameSite=Lax cookie; signing out ends the session on the server', async ({
		page,
		context,
		browser,
		baseURL
	}) => {
		await signIn(page, 'alice');
		await expect(page).toHaveURL(/\/desk$/);
		const cookie = (await context.cookies()).find((c) => c.name === 'talon_session')!;
		expect(cookie).toBeDefined();
		expect(cookie.httpOnly).toBe(true);
		expect(cookie.sameSite).toBe('Lax');
		expect(cookie.secure).toBe(false); // plain http here; Secure over https (unit test of the cookie helper)
		expect(cookie.path).toBe('/');
		expect(cookie.expires).toBeGreaterThan(Date.now() / 1000 + 11 * 3600);
		expect(await page.evaluate(() => document.cookie)).not.toContain('talon_session');

		await page.getByRole('button', { name: 'Выйти' }).click();
		await expect(page).toHaveURL(/\/login$/);
		// The old token is dead on the server, not only forgotten by this browser.
		const other = await browser.newContext({ baseURL });
		await other.addCookies([{ ...cookie }]);
		const stale = await other.newPage();
		await stale.goto('/desk');
		await expect(stale).toHaveURL(/\/login/);
		await other.close();
	});

	test('a signed-out browser is sent to /login from /desk and /admin, and comes back after signing in', async ({ page }) => {
		await page.goto('/admin');
		await expect(page).toHaveURL(/\/login\?next=%2Fadmin$/);
		await page.goto('/desk?lang=ru');
		await expect(page).toHaveURL(/\/login\?next=%2Fdesk%3Flang%3Dru$/);
		await page.getByLabel('Логин').fill('bob');
		await page.getByLabel('Пароль').fill(PASSWORD);
		await page.getByRole('button', { name: 'Войти' }).click();
		await expect(page).toHaveURL(/\/desk\?lang=ru$/);
		await expect(page.getByRole('heading', { name: 'Выберите своё окно' })).toBeVisible();
	});

	test('an operator gets 403 at /admin; an admin opens it', async ({ page, browser, baseURL }) => {
		await signIn(page, 'bob');
		await expect(page).toHaveURL(/\/desk$/);
		const res = await page.goto('/admin');
		expect(res?.status()).toBe(403);
		const ctx = await browser.newContext({ baseURL });
		const admin = await ctx.newPage();
		await signIn(admin, 'boss');
		const ok = await admin.goto('/admin');
		expect(ok?.status()).toBe(200);
		await ctx.close();
	});

	test('the sign-in page speaks English', async ({ page }) => {
		await page.goto('/login?lang=en');
		await expect(page.getByRole('heading', { name: 'Staff sign-in' })).toBeVisible();
		await page.getByLabel('Login').fill('bob');
		await page.getByLabel('Password').fill('wrong-password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('alert')).toHaveText('Wrong login or password.');
	});
});
