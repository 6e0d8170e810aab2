import { talonTest, expect } from './harness/fixture';

/**
 * Operations against the production server: /healthz, /readyz, /metrics (loopback or token),
 * request ids, security headers on every page and a CSP that lets the pages work (kiosk, board,
 * booking, sign-in, landing) and stops an injected script. ADDRESS_HEADER is set so a request can
 * come "from elsewhere" (X-Forwarded-For) although the test runs on the same machine.
 */
const METRICS_TOKEN = 'ops-spec-metrics-token-0123456789';
const test = talonTest({
	env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1', METRICS_TOKEN },
	seed: async (_sql, demo) => ({
		kiosk: demo.devices.find((d) => d.kind === 'kiosk')!.token,
		board: demo.devices.find((d) => d.kind === 'display')!.token
	})
});

test('healthz answers, readyz says the database is ready, both uncached', async ({ request }) => {
	const health = await request.get('/healthz');
	expect(health.status()).toBe(200);
	expect(await health.json()).toEqual({ status: 'ok' });
	const ready = await request.get('/readyz');
	expect(ready.status()).toBe(200);
	const body = await ready.json();
	expect(body).toMatchObject({ status: 'ready', ready: true, database: 'ok' });
	expect(body.migrations.applied).toBe(body.migrations.known);
	expect(ready.headers()['cache-control']).toBe('no-store');
});

test('every answer carries a request id: the caller’s when sane, else a new one', async ({ request }) => {
	const given = await request.get('/healthz', { headers: { 'x-request-id': 'lb-7f3a.42' } });
	expect(given.headers()['x-request-id']).toBe('lb-7f3a.42');
	const fresh = await request.get('/api/v1/offices', { headers: { 'x-request-id': 'bad id with spaces' } });
	expect(fresh.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
	const other = await request.get('/api/v1/offices');
	expect(other.headers()['x-request-id']).not.toBe(fresh.headers()['x-request-id']);
});

test('metrics: open on loopback, refused from elsewhere without the token, with latencies by route', async ({ request }) => {
	await request.get('/healthz');
	await request.get('/api/v1/offices');
	const local = await request.get('/metrics');
	expect(local.status()).toBe(200);
	expect(local.headers()['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
	const text = await local.text();
	expect(text).toMatch(/talon_http_request_duration_seconds_count\{route="\/healthz",method="GET",status="200"\} [1-9]/);
	expect(text).toMatch(/talon_http_request_duration_seconds_count\{route="\/api\/v1\/offices",method="GET",status="200"\} [1-9]/);
	expect(text).toMatch(/talon_command_duration_seconds_count\{command="listOffices",via="http",outcome="ok"\} [1-9]/);
	expect(text).toMatch(/talon_waiting_tickets\{office="central",service="[^"]+"\} \d+/);
	expect(text).toContain('talon_metrics_database_up 1');
	const remote = { 'x-forwarded-for': '203.0.113.7' };
	expect((await request.get('/metrics', { headers: remote })).status()).toBe(403);
	expect((await request.get('/metrics', { headers: { ...remote, authorization: 'Bearer wrong-token-wrong-token' } })).status()).toBe(403);
	const withToken = await request.get('/metrics', { headers: { ...remote, authorization: `Bearer ${METRICS_TOKEN}` } });
	expect(withToken.status()).toBe(200);
});

test('pages carry the security headers; the CSP has a nonce and forbids framing elsewhere', async ({ request }) => {
	for (const path of ['/', '/kiosk', '/display', '/book', '/login']) {
		const res = await request.get(path);
		expect(res.status(), path).toBe(200);
		const h = res.headers();
		expect(h['x-content-type-options'], path).toBe('nosniff');
		expect(h['referrer-policy'], path).toBe('same-origin');
		const csp = h['content-security-policy'] ?? '';
		expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
		expect(csp, path).toContain("frame-ancestors 'self'");
		expect(csp, path).toContain("object-src 'none'");
		expect(h['strict-transport-security'], `${path} over plain HTTP`).toBeUndefined();
	}
	// The API's answers too (no CSP of a page, but no framing and no sniffing).
	const api = (await request.get('/api/v1/offices')).headers();
	expect(api['x-content-type-options']).toBe('nosniff');
	expect(api['content-security-policy']).toBe("frame-ancestors 'self'");
});

test('the pages work under the CSP, and an injected inline script does not run', async ({ page, talon }) => {
	const violations: string[] = [];
	page.on('console', (m) => {
		if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
	});
	page.on('pageerror', (e) => violations.push(e.message));

	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'МФЦ «Центральный»' })).toBeVisible();
	await page.goto(`/kiosk?pair=${talon.data.kiosk}`);
	await expect(page.getByRole('button').first()).toBeVisible();
	await page.goto(`/display#token=${talon.data.board}`);
	await expect(page.locator('main, body').first()).toBeVisible();
	await page.waitForTimeout(500);
	await page.goto('/book');
	await expect(page.getByRole('link').first()).toBeVisible();
	await page.goto('/login');
	await expect(page.getByRole('button').first()).toBeVisible();
	expect(violations).toEqual([]);

	const ran = await page.evaluate(async () => {
		const blocked = new Promise<boolean>((r) => document.addEventListener('securitypolicyviolation', () => r(true), { once: true }));
		const s = document.createElement('script');
		s.textContent = 'window.__injected = true';
		document.body.append(s);
		return { ran: (window as unknown as { __injected?: boolean }).__injected === true, blocked: await blocked };
	});
	expect(ran).toEqual({ ran: false, blocked: true });
});

test('HSTS is sent when Talon is served over HTTPS', async ({ launchTalon }) => {
	const secure = await launchTalon({ env: { ORIGIN: 'https://talon.example' } });
	const res = await fetch(`${secure.url}/healthz`);
	expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
	const page = await fetch(`${secure.url}/`);
	expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000');
});
