import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createECDH, randomBytes } from 'node:crypto';
import { expect, talonTest } from './harness/fixture';
import { operatorAt, PASSWORD } from './desk-fixture';
import { addStaffUser } from '../../src/lib/server/auth/staff';

/**
 * «Уведомить меня» by Web Push on /t/<code>. Headless Chromium has no push service (its
 * `pushManager.subscribe` rejects: "push service not available"), so the page's real code runs —
 * permission, the service worker registered with scope /t/, the VAPID key from the page — and only
 * `PushManager.prototype.subscribe` is replaced by one that returns a subscription to a local push
 * endpoint (with a real P-256 key, so the server can encrypt to it). Then an operator calls the
 * ticket and that endpoint gets exactly one VAPID-signed, encrypted push.
 */
const test = talonTest();

const pushes: { path: string; headers: IncomingHttpHeaders; size: number }[] = [];
const pushService = createServer(async (req, res) => {
	let size = 0;
	for await (const c of req) size += (c as Buffer).length;
	pushes.push({ path: req.url ?? '', headers: req.headers, size });
	res.writeHead(201).end();
});
let endpoint = '';

test.beforeAll(async () => {
	await new Promise<void>((r) => pushService.listen(0, '127.0.0.1', () => r()));
	endpoint = `http://127.0.0.1:${(pushService.address() as AddressInfo).port}/push/phone-1`;
});
test.afterAll(async () => {
	pushService.closeAllConnections();
	await new Promise<void>((r) => pushService.close(() => r()));
});

test('push on /t: the worker is registered for /t/, the subscription is sent, a call arrives once at the push endpoint', async ({
	launchTalon,
	browser,
	request
}) => {
	test.setTimeout(120_000);
	const talon = await launchTalon({
		seed: async (sql, demo) => {
			await addStaffUser(sql, {
				login: 'alice',
				roles: ['operator'],
				officeIds: [demo.officeId],
				displayName: 'Алиса',
				password: PASSWORD
			});
			return { kioskToken: demo.devices.find((d) => d.kind === 'kiosk')!.token };
		},
		env: { TALON_NOTICE_POLL_MS: '200' }
	});
	const services = (await (await request.get(`${talon.url}/api/v1/offices/central/services`)).json()) as
		{ prefix: string; id: number }[] | { services: { prefix: string; id: number }[] };
	const passport = (Array.isArray(services) ? services : services.services).find((s) => s.prefix === 'П')!.id;
	const res = await request.post(`${talon.url}/api/v1/offices/central/tickets`, {
		headers: { authorization: `Bearer ${talon.data.kioskToken}` },
		data: { serviceId: passport }
	});
	expect(res.status()).toBe(201);
	const mine = (await res.json()) as { ticket: { number: string }; publicCode: string };

	const context = await browser.newContext({ baseURL: talon.url, viewport: { width: 390, height: 844 } });
	await context.grantPermissions(['notifications'], { origin: talon.url });
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	const fake = { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } };
	await context.addInitScript((sub) => {
		const w = window as unknown as { __subscribeKey?: string };
		PushManager.prototype.subscribe = async function (options) {
			const key = options?.applicationServerKey as Uint8Array;
			w.__subscribeKey = btoa(String.fromCharCode(...key))
				.replace(/\+/g, '-')
				.replace(/\//g, '_')
				.replace(/=+$/, '');
			return { endpoint: sub.endpoint, toJSON: () => sub } as unknown as PushSubscription;
		};
		PushManager.prototype.getSubscription = async () => null;
	}, fake);
	const page = await context.newPage();
	const posted: unknown[] = [];
	page.on('request', (r) => {
		if (r.method() === 'POST' && r.url().endsWith(`/api/v1/tickets/${mine.publicCode}/alerts`)) posted.push(r.postDataJSON());
	});
	await page.goto(`/t/${mine.publicCode}`);
	await page.getByLabel('Уведомление в браузере').check();
	await expect(page.getByText('даже если страница закрыта')).toBeVisible();
	await expect(page.getByLabel('Номер телефона')).toHaveCount(0);
	await page.getByLabel('Когда передо мной останется').selectOption({ label: '1 человек' });
	await page.getByRole('button', { name: 'Уведомить' }).click();
	await expect(page.getByTestId('alert-push')).toBeVisible();
	await expect(page.getByTestId('push-note')).toHaveText('Готово: мы сообщим.');

	// The page's own worker, for /t/ only, and the key it subscribed with is the server's VAPID key.
	const scopes = await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope));
	expect(scopes).toEqual([`${talon.url}/t/`]);
	const key = await page.evaluate(() => (window as unknown as { __subscribeKey?: string }).__subscribeKey);
	const [stored] = await talon.withDatabase(
		(sql) => sql<{ value: { publicKey: string } }[]>`select value from notice_keys where name = 'vapid'`
	);
	expect(key).toBe(stored!.value.publicKey);
	expect(posted).toEqual([{ channel: 'push', subscription: fake, ahead: 1 }]);
	await page.screenshot({ path: test.info().outputPath('t-push.png'), fullPage: true });

	// Another page of the site gets no worker (the scope is /t/).
	const board = await context.newPage();
	await board.goto('/');
	expect(await board.evaluate(() => navigator.serviceWorker.controller)).toBeNull();

	// Nobody is ahead already: "перед вами 0" goes out at once.
	await expect.poll(() => pushes.length, { timeout: 15_000 }).toBe(1);
	const desk = await operatorAt(browser, talon.url, 'alice', 1);
	await desk.getByRole('button', { name: /^Вызвать следующего/ }).click();
	await expect(desk.getByTestId('current')).toContainText(mine.ticket.number);
	await expect.poll(() => pushes.length, { timeout: 15_000 }).toBe(2);
	for (const p of pushes) {
		expect(p.path).toBe('/push/phone-1');
		expect(String(p.headers.authorization)).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${stored!.value.publicKey}$`));
		expect(p.headers['content-encoding']).toBe('aes128gcm');
	}
	const sent = await talon.withDatabase(
		(sql) => sql<{ kind: string; state: string; body: { text: string; url?: string } }[]>`
			select kind, state, body from notifications where channel = 'push' order by id`
	);
	expect(sent.map((n) => [n.kind, n.state, n.body.text])).toEqual([
		['ticket_ahead', 'sent', `Талон ${mine.ticket.number}: перед вами 0`],
		['ticket_called', 'sent', `Талон ${mine.ticket.number}: Вас вызывают к окну 1`]
	]);
	expect(sent[1]!.body.url).toMatch(new RegExp(`/t/${mine.publicCode}$`));
	await new Promise((r) => setTimeout(r, 1000));
	expect(pushes).toHaveLength(2);
});

test('an admin turns on "links in SMS" for the office in its form; the change is kept', async ({ launchTalon, browser }) => {
	const talon = await launchTalon({
		seed: async (sql) => {
			await addStaffUser(sql, { login: 'root', roles: ['admin'], officeIds: [], displayName: 'Админ Сети', password: PASSWORD });
			return undefined;
		}
	});
	const page = await (await browser.newContext({ baseURL: talon.url, viewport: { width: 1366, height: 768 } })).newPage();
	await page.goto('/login');
	await page.getByLabel('Логин').fill('root');
	await page.getByLabel('Пароль').fill(PASSWORD);
	await page.getByRole('button', { name: 'Войти' }).click();
	await expect(page).not.toHaveURL(/\/login/);
	await page.goto('/admin/offices/central');
	const box = page.getByRole('checkbox', { name: /Ссылка на талон в SMS/ });
	await expect(box).not.toBeChecked();
	await box.check();
	await page.getByRole('button', { name: 'Сохранить' }).click();
	await expect(page.getByRole('status')).toBeVisible();
	await page.reload();
	await expect(box).toBeChecked();
	await page.screenshot({ path: test.info().outputPath('admin-office-sms-links.png'), fullPage: true });
	const [row] = await talon.withDatabase((sql) => sql<{ smsLinks: boolean }[]>`select sms_links from offices where slug = 'central'`);
	expect(row!.smsLinks).toBe(true);
});

test('the stop link of a ticket e-mail asks first, then the button stops the e-mails; a changed link is refused', async ({
	launchTalon,
	browser,
	request
}) => {
	const talon = await launchTalon({
		seed: async (_sql, demo) => ({ kioskToken: demo.devices.find((d) => d.kind === 'kiosk')!.token }),
		env: { TALON_NOTICE_POLL_MS: '200' }
	});
	const services = (await (await request.get(`${talon.url}/api/v1/offices/central/services`)).json()) as
		{ prefix: string; id: number }[] | { services: { prefix: string; id: number }[] };
	const passport = (Array.isArray(services) ? services : services.services).find((s) => s.prefix === 'П')!.id;
	const issued = await request.post(`${talon.url}/api/v1/offices/central/tickets`, {
		headers: { authorization: `Bearer ${talon.data.kioskToken}` },
		data: { serviceId: passport }
	});
	const mine = (await issued.json()) as { ticket: { number: string }; publicCode: string };
	const set = await request.post(`${talon.url}/api/v1/tickets/${mine.publicCode}/alerts`, {
		data: { channel: 'email', to: 'anna@example.ru' }
	});
	expect(set.status()).toBe(201);
	// Nobody ahead: the "перед вами 0" e-mail is written at once, with its stop link.
	const [mail] = await talon.withDatabase(
		(sql) => sql<{ text: string }[]>`select body->>'text' as text from notifications where channel = 'email'`
	);
	const link = new URL(/Отписаться: (\S+)/.exec(mail!.text)![1]!);
	expect(link.pathname).toBe(`/t/${mine.publicCode}/stop`);

	const page = await (await browser.newContext({ baseURL: talon.url, viewport: { width: 390, height: 844 } })).newPage();
	await page.goto(`${link.pathname}?channel=email&sig=${link.searchParams.get('sig')!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`);
	await expect(page.getByRole('alert')).toHaveText(/Ссылка неверна/);
	await page.goto(link.pathname + link.search);
	await expect(page.getByText(`Больше не присылать письма о талоне ${mine.ticket.number}?`)).toBeVisible();
	// Opening the link stopped nothing yet.
	await expect
		.poll(async () => (await (await request.get(`${talon.url}/t/${mine.publicCode}`)).text()).includes('a***@example.ru'))
		.toBe(true);
	await page.screenshot({ path: test.info().outputPath('t-stop.png') });
	await page.getByRole('button', { name: 'Отписаться' }).click();
	await expect(page.getByRole('status')).toHaveText('Готово: писем об этом талоне больше не будет.');
	await page.goto(`/t/${mine.publicCode}`);
	await expect(page.getByTestId('alert-email')).toHaveCount(0);
});
