import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import {
	createSession,
	invalidateSession,
	invalidateUserSessions,
	SESSION_TTL_MS,
	validateSession
} from '../../src/lib/server/auth/sessions';

const HOUR = 60 * 60 * 1000;
const T0 = new Date('2025-03-03T06:00:00.000Z');
const after = (ms: number) => new Date(T0.getTime() + ms);
const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

let db: TestDatabase;
let officeA: number;
let officeB: number;
let staffCount = 0;

async function addStaff(opts: { roles?: string[]; offices?: number[]; disabled?: boolean } = {}): Promise<number> {
	staffCount++;
	const [row] = await db.sql<{ id: number }[]>`
		insert into staff_users (login, display_name, password_hash, roles, disabled)
		values (${'op' + staffCount}, ${'Оператор ' + staffCount}, '$argon2id$v=19$m=19456,t=2,p=1$x$y',
			${db.sql.array(opts.roles ?? ['operator'])}, ${opts.disabled ?? false})
		returning id`;
	for (const officeId of opts.offices ?? []) await db.sql`insert into staff_offices (staff_id, office_id) values (${row!.id}, ${officeId})`;
	return row!.id;
}

async function sessionRows(staffId?: number) {
	return staffId === undefined
		? db.sql<{ id: string; staffId: number; expiresAt: Date }[]>`select id, staff_id, expires_at from staff_sessions order by created_at`
		: db.sql<
				{ id: string; staffId: number; expiresAt: Date }[]
			>`select id, staff_id, expires_at from staff_sessions where staff_id = ${staffId}`;
}

beforeAll(async () => {
	db = await createTestDatabase();
	const [a] = await db.sql<
		{ id: number }[]
	>`insert into offices (slug, name_ru, name_en, time_zone) values ('office-a', 'Офис А', 'Office A', 'Europe/Moscow') returning id`;
	const [b] = await db.sql<
		{ id: number }[]
	>`insert into offices (slug, name_ru, name_en, time_zone) values ('office-b', 'Офис Б', 'Office B', 'Asia/Yekaterinburg') returning id`;
	officeA = a!.id;
	officeB = b!.id;
});
afterAll(() => db?.close());

describe('staff sessions', () => {
	it('a valid token yields the principal with its roles and offices', async () => {
		const staffId = await addStaff({ roles: ['operator', 'supervisor'], offices: [officeB, officeA] });
		const { token, expiresAt } = await createSession(db.sql, staffId, T0);
		expect(expiresAt).toEqual(after(SESSION_TTL_MS));
		const p = await validateSession(db.sql, token, after(HOUR));
		expect(p).toEqual({
			staffId,
			login: `op${staffCount}`,
			displayName: `Оператор ${staffCount}`,
			roles: ['operator', 'supervisor'],
			officeIds: [officeA, officeB].sort((x, y) => x - y),
			sessionExpiresAt: expiresAt
		});
	});

	it('a user without offices gets an empty office list', async () => {
		const staffId = await addStaff({ roles: ['admin'] });
		const { token } = await createSession(db.sql, staffId, T0);
		const p = await validateSession(db.sql, token, after(HOUR));
		expect(p?.roles).toEqual(['admin']);
		expect(p?.officeIds).toEqual([]);
	});

	it('tokens are random, 32 lower-case base32 characters', async () => {
		const staffId = await addStaff();
		const a = await createSession(db.sql, staffId, T0);
		const b = await createSession(db.sql, staffId, T0);
		expect(a.token).toMatch(/^[a-z2-7]{32}$/);
		expect(a.token).not.toBe(b.token);
	});

	it('stores the SHA-256 hex of the token, never the token itself', async () => {
		const staffId = await addStaff();
		const { token } = await createSession(db.sql, staffId, T0);
		const rows = await sessionRows(staffId);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.id).toBe(sha256Hex(token));
		expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
		const [found] = await db.sql<{ hits: number }[]>`
			select count(*)::int as hits from staff_sessions where id = ${token} or position(${token} in id) > 0`;
		expect(found?.hits).toBe(0);
		// Presenting the stored hash as a token gets nothing.
		expect(await validateSession(db.sql, rows[0]!.id, after(HOUR))).toBeNull();
	});

	it('a wrong or malformed token yields null', async () => {
		const staffId = await addStaff();
		const { token } = await createSession(db.sql, staffId, T0);
		const wrong = (token[0] === 'a' ? 'b' : 'a') + token.slice(1);
		for (const t of [
			wrong,
			'',
			'abc',
			token.toUpperCase(),
			token + 'a',
			token.slice(1),
			token.slice(0, 31) + '1',
			`${token.slice(0, 31)}'`
		])
			expect(await validateSession(db.sql, t, after(HOUR))).toBeNull();
		// The real session is untouched by the failed attempts.
		expect(await validateSession(db.sql, token, after(HOUR))).not.toBeNull();
	});

	it('refuses a malformed token without asking the database', async () => {
		let queries = 0;
		const counting = ((strings: TemplateStringsArray, ...values: unknown[]) => {
			queries++;
			return (db.sql as unknown as (s: TemplateStringsArray, ...v: unknown[]) => unknown)(strings, ...values);
		}) as unknown as typeof db.sql;
		for (const t of ['', 'abc', 'A'.repeat(32), '1'.repeat(32), 'a'.repeat(33), "' or 1=1 --"])
			expect(await validateSession(counting, t, after(HOUR))).toBeNull();
		expect(queries).toBe(0);
		// The well-formed path does query (so the counter is wired).
		expect(await validateSession(counting, 'a'.repeat(32), after(HOUR))).toBeNull();
		expect(queries).toBe(1);
	});

	it('an expired session yields null and its row is deleted', async () => {
		const staffId = await addStaff();
		const { token, expiresAt } = await createSession(db.sql, staffId, T0);
		expect(await validateSession(db.sql, token, new Date(expiresAt.getTime() + 1))).toBeNull();
		expect(await sessionRows(staffId)).toHaveLength(0);
		// Gone for good, even when asked again with an earlier clock.
		expect(await validateSession(db.sql, token, after(HOUR))).toBeNull();
	});

	it('a session ends exactly at expiresAt', async () => {
		const staffId = await addStaff();
		const { token, expiresAt } = await createSession(db.sql, staffId, T0);
		expect(await validateSession(db.sql, token, new Date(expiresAt.getTime() - 1))).not.toBeNull();
		const { token: other, expiresAt: otherExpiry } = await createSession(db.sql, staffId, T0);
		expect(await validateSession(db.sql, other, otherExpiry)).toBeNull();
	});

	it('in the first half of its life a session is not extended', async () => {
		const staffId = await addStaff();
		const { token, expiresAt } = await createSession(db.sql, staffId, T0);
		const p = await validateSession(db.sql, token, after(SESSION_TTL_MS / 2 - 60_000));
		expect(p?.sessionExpiresAt).toEqual(expiresAt);
		const [row] = await sessionRows(staffId);
		expect(row!.expiresAt).toEqual(expiresAt);
	});

	it('in the second half of its life a session slides to now + TTL', async () => {
		const staffId = await addStaff();
		const { token, expiresAt } = await createSession(db.sql, staffId, T0);
		const now = after(SESSION_TTL_MS / 2 + 60_000);
		const p = await validateSession(db.sql, token, now);
		const extended = new Date(now.getTime() + SESSION_TTL_MS);
		expect(p?.sessionExpiresAt).toEqual(extended);
		expect(extended.getTime()).toBeGreaterThan(expiresAt.getTime());
		const [row] = await sessionRows(staffId);
		expect(row!.expiresAt).toEqual(extended);
		// An active shift outlives the first TTL: still valid after the original expiry.
		expect(await validateSession(db.sql, token, new Date(expiresAt.getTime() + HOUR))).not.toBeNull();
	});

	it('honours a custom TTL for creation and sliding', async () => {
		const staffId = await addStaff();
		const ttl = 10 * 60_000;
		const { token, expiresAt } = await createSession(db.sql, staffId, T0, ttl);
		expect(expiresAt).toEqual(after(ttl));
		const p = await validateSession(db.sql, token, after(6 * 60_000), ttl);
		expect(p?.sessionExpiresAt).toEqual(after(16 * 60_000));
	});

	it('a disabled user gets null, and the session is removed', async () => {
		const staffId = await addStaff();
		const { token } = await createSession(db.sql, staffId, T0);
		await db.sql`update staff_users set disabled = true where id = ${staffId}`;
		expect(await validateSession(db.sql, token, after(HOUR))).toBeNull();
		expect(await sessionRows(staffId)).toHaveLength(0);
		// Enabling the user again does not bring the old session back.
		await db.sql`update staff_users set disabled = false where id = ${staffId}`;
		expect(await validateSession(db.sql, token, after(HOUR))).toBeNull();
	});

	it('invalidateSession ends that one session only', async () => {
		const staffId = await addStaff();
		const a = await createSession(db.sql, staffId, T0);
		const b = await createSession(db.sql, staffId, T0);
		await invalidateSession(db.sql, a.token);
		expect(await validateSession(db.sql, a.token, after(HOUR))).toBeNull();
		expect(await validateSession(db.sql, b.token, after(HOUR))).not.toBeNull();
	});

	it('invalidateUserSessions ends every session of that user and no one else’s', async () => {
		const alice = await addStaff({ offices: [officeA] });
		const bob = await addStaff({ offices: [officeA] });
		const a1 = await createSession(db.sql, alice, T0);
		const a2 = await createSession(db.sql, alice, T0);
		const b1 = await createSession(db.sql, bob, T0);
		await invalidateUserSessions(db.sql, alice);
		expect(await validateSession(db.sql, a1.token, after(HOUR))).toBeNull();
		expect(await validateSession(db.sql, a2.token, after(HOUR))).toBeNull();
		expect(await sessionRows(alice)).toHaveLength(0);
		const p = await validateSession(db.sql, b1.token, after(HOUR));
		expect(p?.staffId).toBe(bob);
		expect(await sessionRows(bob)).toHaveLength(1);
	});
});
