import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cookies } from '@sveltejs/kit';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { signIn } from '../../src/lib/server/auth/login';
import { addStaffUser, setDisabled, setPassword } from '../../src/lib/server/auth/staff';
import { createSession, SESSION_TTL_MS, sessionTtlMs, validateSession } from '../../src/lib/server/auth/sessions';
import { defaultThrottle } from '../../src/lib/server/auth/throttle';
import { setSessionCookie } from '../../src/lib/server/auth/cookie';
import { TalonError } from '../../src/lib/errors';
import { readConfig } from '../../src/lib/server/config';

const MIN = 60_000;
const T0 = new Date('2025-03-03T06:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const PASSWORD = 'correct horse battery';

let db: TestDatabase;
let officeId: number;
let n = 0;

async function user(opts: { disabled?: boolean } = {}): Promise<{ id: number; login: string }> {
	const login = `user${++n}`;
	const { id } = await addStaffUser(db.sql, { login, password: PASSWORD, roles: ['operator'], officeIds: [officeId] });
	if (opts.disabled) await db.sql`update staff_users set disabled = true where id = ${id}`;
	return { id, login };
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; params: Record<string, string | number> }> {
	const e = await p.then(
		() => null,
		(x: unknown) => x
	);
	expect(e).toBeInstanceOf(TalonError);
	return { code: (e as TalonError).code, params: (e as TalonError).params };
}

const sessionsOf = async (staffId: number) =>
	(await db.sql<{ n: number }[]>`select count(*)::int as n from staff_sessions where staff_id = ${staffId}`)[0]!.n;

beforeAll(async () => {
	db = await createTestDatabase();
	const [o] = await db.sql<
		{ id: number }[]
	>`insert into offices (slug, name_ru, name_en, time_zone) values ('auth-a', 'А', 'A', 'Europe/Moscow') returning id`;
	officeId = o!.id;
});
afterAll(() => db?.close());

describe('signIn', () => {
	it('the right password opens a session whose token validates; the login is case-insensitive', async () => {
		const u = await user();
		const s = await signIn(db.sql, { login: ` ${u.login.toUpperCase()} `, password: PASSWORD, ip: '10.0.0.1' }, { now: T0 });
		expect(s.staffId).toBe(u.id);
		expect(s.expiresAt).toEqual(at(SESSION_TTL_MS));
		expect((await validateSession(db.sql, s.token, at(MIN)))?.staffId).toBe(u.id);
	});

	it('a wrong password, an unknown login and a disabled user get the same refusal and no session', async () => {
		const u = await user();
		const off = await user({ disabled: true });
		for (const [login, password] of [
			[u.login, 'wrong password'],
			['no-such-user', PASSWORD],
			[off.login, PASSWORD]
		] as const) {
			expect((await refusal(signIn(db.sql, { login, password, ip: '10.0.0.2' }, { now: T0 }))).code).toBe('invalid_credentials');
		}
		expect(await sessionsOf(u.id)).toBe(0);
		expect(await sessionsOf(off.id)).toBe(0);
	});

	it('an over-long password is refused as input, before any hashing', async () => {
		const u = await user();
		const e = await signIn(db.sql, { login: u.login, password: 'x'.repeat(201), ip: '10.0.0.3' }).then(
			() => null,
			(x: unknown) => x
		);
		expect((e as Error).name).toBe('ZodError');
	});

	it('the fifth failure of one login blocks it, even for the right password, until the block ends', async () => {
		const u = await user();
		const ip = '10.0.1.1';
		for (let i = 0; i < defaultThrottle.loginLimit - 1; i++)
			expect((await refusal(signIn(db.sql, { login: u.login, password: 'nope', ip }, { now: at(i * MIN) }))).code).toBe(
				'invalid_credentials'
			);
		const fifth = await refusal(signIn(db.sql, { login: u.login, password: 'nope', ip }, { now: at(5 * MIN) }));
		expect(fifth).toEqual({ code: 'login_throttled', params: { minutes: 15 } });
		const blocked = await refusal(signIn(db.sql, { login: u.login, password: PASSWORD, ip: '10.9.9.9' }, { now: at(10 * MIN) }));
		expect(blocked).toEqual({ code: 'login_throttled', params: { minutes: 10 } });
		expect(await sessionsOf(u.id)).toBe(0);
		// Other logins from the same address are not affected.
		const other = await user();
		await expect(signIn(db.sql, { login: other.login, password: PASSWORD, ip }, { now: at(10 * MIN) })).resolves.toBeTruthy();
		// After the block the right password works.
		await expect(signIn(db.sql, { login: u.login, password: PASSWORD, ip }, { now: at(21 * MIN) })).resolves.toBeTruthy();
	});

	it('failures older than the window are forgotten, and a success clears the count', async () => {
		const u = await user();
		const ip = '10.0.2.1';
		for (let i = 0; i < 4; i++) await refusal(signIn(db.sql, { login: u.login, password: 'nope', ip }, { now: at(i * MIN) }));
		// 20 minutes later the window (15 min) restarted: four more failures still do not block.
		for (let i = 0; i < 4; i++)
			expect((await refusal(signIn(db.sql, { login: u.login, password: 'nope', ip }, { now: at(20 * MIN + i * MIN) }))).code).toBe(
				'invalid_credentials'
			);
		await signIn(db.sql, { login: u.login, password: PASSWORD, ip }, { now: at(25 * MIN) });
		for (let i = 0; i < 4; i++)
			expect((await refusal(signIn(db.sql, { login: u.login, password: 'nope', ip }, { now: at(26 * MIN) }))).code).toBe(
				'invalid_credentials'
			);
	});

	it('one address guessing many logins is blocked after twenty failures, for every login', async () => {
		const ip = '10.0.3.1';
		for (let i = 0; i < defaultThrottle.ipLimit - 1; i++)
			expect((await refusal(signIn(db.sql, { login: `guess${i}`, password: 'nope', ip }, { now: T0 }))).code).toBe('invalid_credentials');
		expect((await refusal(signIn(db.sql, { login: 'guess-last', password: 'nope', ip }, { now: T0 }))).code).toBe('login_throttled');
		const u = await user();
		expect((await refusal(signIn(db.sql, { login: u.login, password: PASSWORD, ip }, { now: at(MIN) }))).code).toBe('login_throttled');
		await expect(signIn(db.sql, { login: u.login, password: PASSWORD, ip: '10.0.3.2' }, { now: at(MIN) })).resolves.toBeTruthy();
	});

	it('counts failures arriving at the same time (one statement per failure)', async () => {
		const u = await user();
		await Promise.allSettled(
			Array.from({ length: 5 }, () => signIn(db.sql, { login: u.login, password: 'nope', ip: '10.0.4.1' }, { now: T0 }))
		);
		expect((await refusal(signIn(db.sql, { login: u.login, password: PASSWORD, ip: '10.0.4.2' }, { now: at(MIN) }))).code).toBe(
			'login_throttled'
		);
	});
});

describe('ending sessions', () => {
	it('a password change ends every session of the user, and the new password signs in', async () => {
		const u = await user();
		const a = await createSession(db.sql, u.id, T0);
		const b = await createSession(db.sql, u.id, T0);
		await setPassword(db.sql, u.id, 'a brand new password');
		expect(await validateSession(db.sql, a.token, at(MIN))).toBeNull();
		expect(await validateSession(db.sql, b.token, at(MIN))).toBeNull();
		expect((await refusal(signIn(db.sql, { login: u.login, password: PASSWORD, ip: '10.0.5.1' }))).code).toBe('invalid_credentials');
		await expect(signIn(db.sql, { login: u.login, password: 'a brand new password', ip: '10.0.5.1' })).resolves.toBeTruthy();
	});

	it('disabling a user ends their sessions at once and refuses sign-in', async () => {
		const u = await user();
		const s = await createSession(db.sql, u.id, T0);
		await setDisabled(db.sql, u.id, true);
		expect(await sessionsOf(u.id)).toBe(0);
		expect(await validateSession(db.sql, s.token, at(MIN))).toBeNull();
		expect((await refusal(signIn(db.sql, { login: u.login, password: PASSWORD, ip: '10.0.6.1' }))).code).toBe('invalid_credentials');
		await setDisabled(db.sql, u.id, false);
		await expect(signIn(db.sql, { login: u.login, password: PASSWORD, ip: '10.0.6.1' })).resolves.toBeTruthy();
	});
});

describe('session settings', () => {
	it('the idle limit is 12 h unless TALON_SESSION_IDLE_HOURS sets another; a value out of range stops the start', () => {
		expect(sessionTtlMs(readConfig({}))).toBe(SESSION_TTL_MS);
		expect(sessionTtlMs(readConfig({ TALON_SESSION_IDLE_HOURS: '' }))).toBe(12 * 3600_000);
		expect(sessionTtlMs(readConfig({ TALON_SESSION_IDLE_HOURS: '8' }))).toBe(8 * 3600_000);
		expect(sessionTtlMs(readConfig({ TALON_SESSION_IDLE_HOURS: '0.5' }))).toBe(1800_000);
		for (const bad of ['0', '-3', 'abc', '1000'])
			expect(() => readConfig({ TALON_SESSION_IDLE_HOURS: bad })).toThrow(
				`invalid setting TALON_SESSION_IDLE_HOURS="${bad}": expected a number of hours 0.25–168`
			);
	});

	it('an 8-hour setting ends an idle shift after 8 h and slides an active one', async () => {
		const u = await user();
		const ttl = sessionTtlMs(readConfig({ TALON_SESSION_IDLE_HOURS: '8' }));
		const s = await createSession(db.sql, u.id, T0, ttl);
		expect((await validateSession(db.sql, s.token, at(5 * 3600_000), ttl))?.sessionExpiresAt).toEqual(at(13 * 3600_000));
		expect(await validateSession(db.sql, s.token, at(12 * 3600_000), ttl)).not.toBeNull();
		expect(await validateSession(db.sql, s.token, at(21 * 3600_000), ttl)).toBeNull();
	});

	it('the cookie is httpOnly, SameSite=Lax, path /, expires with the session, Secure only over https', () => {
		const set: { name: string; value: string; opts: Record<string, unknown> }[] = [];
		const cookies = {
			set: (name: string, value: string, opts: Record<string, unknown>) => set.push({ name, value, opts })
		} as unknown as Cookies;
		setSessionCookie(cookies, new URL('https://talon.example/login'), 'tok', at(SESSION_TTL_MS));
		setSessionCookie(cookies, new URL('http://127.0.0.1:3000/login'), 'tok', at(SESSION_TTL_MS));
		expect(set[0]).toEqual({
			name: 'talon_session',
			value: 'tok',
			opts: { path: '/', httpOnly: true, sameSite: 'lax', secure: true, expires: at(SESSION_TTL_MS) }
		});
		expect(set[1]!.opts.secure).toBe(false);
	});
});
