import { talonTest, expect } from './harness/fixture';

/**
 * Behind a reverse proxy every request comes from the proxy's address; the limits must count
 * per citizen. With ADDRESS_HEADER=x-forwarded-for and XFF_DEPTH=1 two clients are limited
 * separately (booking writes and sign-in throttling); without the setting the header is not
 * believed, so a client cannot escape its limit by inventing addresses. Plain HTTP requests with
 * the headers nginx would add, against servers started by the e2e harness.
 */
const limits = { TALON_BOOKING_WRITES_PER_10MIN: '2' };
const behindProxy = talonTest({ env: { ...limits, ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });
const direct = talonTest({ env: { ...limits, ADDRESS_HEADER: '', XFF_DEPTH: '' } });

/** A booking write as the public API takes it; the body is incomplete, so only the limit matters. */
async function bookingWrite(url: string, headers: Record<string, string>): Promise<number> {
	const res = await fetch(`${url}/api/v1/offices/central/bookings`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: '{}'
	});
	await res.arrayBuffer();
	return res.status;
}

/** A failed sign-in through the login form (as its script posts it); returns the error code. */
async function signInCode(url: string, login: string, headers: Record<string, string>): Promise<string> {
	const res = await fetch(`${url}/login`, {
		method: 'POST',
		headers: { origin: url, 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams({ login, password: 'wrong-password' })
	});
	const body = (await res.json()) as { type: string; data: string };
	expect(body.type).toBe('failure');
	// SvelteKit's devalue format: the code is one of the strings of the flattened data.
	return (JSON.parse(body.data) as unknown[]).find((v) => v === 'invalid_credentials' || v === 'login_throttled') as string;
}

behindProxy.describe('behind a proxy: ADDRESS_HEADER=x-forwarded-for, XFF_DEPTH=1', () => {
	behindProxy.describe.configure({ mode: 'serial' });

	behindProxy(
		'two clients are limited separately; what a client writes left of the proxy entry changes nothing',
		async ({ talon: server }) => {
			const a = { 'x-forwarded-for': '203.0.113.10' };
			const b = { 'x-forwarded-for': '203.0.113.20' };
			expect(await bookingWrite(server.url, a)).toBe(400);
			expect(await bookingWrite(server.url, a)).toBe(400);
			expect(await bookingWrite(server.url, a), 'the third write of client A in 10 minutes').toBe(429);
			// A forged entry on the left: nginx appends the real address, which is what counts.
			expect(await bookingWrite(server.url, { 'x-forwarded-for': '198.51.100.1, 203.0.113.10' })).toBe(429);
			expect(await bookingWrite(server.url, b), 'client B has its own bucket').toBe(400);
		}
	);

	behindProxy('sign-in throttling counts per client address too', async ({ talon: server }) => {
		// 20 failures from one address (each with another login) block that address.
		for (let i = 0; i < 19; i++)
			expect(await signInCode(server.url, `nobody${i}`, { 'x-forwarded-for': '203.0.113.30' })).toBe('invalid_credentials');
		expect(await signInCode(server.url, 'nobody19', { 'x-forwarded-for': '203.0.113.30' })).toBe('login_throttled');
		expect(await signInCode(server.url, 'nobody20', { 'x-forwarded-for': '203.0.113.30' })).toBe('login_throttled');
		expect(await signInCode(server.url, 'nobody21', { 'x-forwarded-for': '203.0.113.40' }), 'another citizen behind the same proxy').toBe(
			'invalid_credentials'
		);
	});

	behindProxy('a request sent past the proxy (no header) counts under its connecting address, not a 500', async ({ talon: server }) => {
		expect(await bookingWrite(server.url, {})).toBe(400);
		expect(server.log()).toMatch(/without the x-forwarded-for header/);
	});
});

direct.describe('no proxy setting: forwarding headers are not believed', () => {
	direct('a client inventing a new X-Forwarded-For per request stays in its one bucket', async ({ talon: server }) => {
		expect(await bookingWrite(server.url, { 'x-forwarded-for': '203.0.113.1' })).toBe(400);
		expect(await bookingWrite(server.url, { 'x-forwarded-for': '203.0.113.2' })).toBe(400);
		expect(await bookingWrite(server.url, { 'x-forwarded-for': '203.0.113.3' })).toBe(429);
		expect(await bookingWrite(server.url, { 'x-real-ip': '203.0.113.4' })).toBe(429);
	});
});
