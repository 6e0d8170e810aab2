import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { adminWorld, auditRows, type AdminWorld } from '../helpers/admin';
import { startRealtime, until, type RealtimeHarness } from '../helpers/realtime';
import { createStaff, getStaff, listStaff, updateStaff } from '../../src/lib/server/admin/staff';
import { socketControl } from '../../src/lib/server/realtime/control';
import { signIn } from '../../src/lib/server/auth/login';
import { createSession, validateSession } from '../../src/lib/server/auth/sessions';
import { staffCreate } from '../../src/lib/schemas/admin-staff';
import type { TalonSocket } from '../../src/lib/realtime/feed';

/** Staff (issue 11, item 4): who manages whom, passwords shown once and never audited, disable ends sockets. */
let db: TestDatabase;
let w: AdminWorld;
let rt: RealtimeHarness;

beforeAll(async () => {
	db = await createTestDatabase();
	w = await adminWorld(db.sql);
	rt = await startRealtime(db.sql);
});
afterAll(async () => {
	await rt?.close();
	await db?.close();
});

const ask = (s: TalonSocket, event: string, payload: unknown) =>
	(s.timeout(5000).emitWithAck as (e: string, p: unknown) => Promise<{ data?: unknown; error?: { code: string } }>)(event, payload);
const input = (login: string, extra: Record<string, unknown> = {}) =>
	staffCreate.parse({ login, displayName: 'Мария Иванова', roles: ['operator'], officeIds: [w.north], ...extra });

describe('adding staff', () => {
	it('a generated password is answered once, works, and never reaches the audit log', async () => {
		const { user, password } = await createStaff(db.sql, w.scope.admin, input('maria'));
		expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
		expect(user).toMatchObject({ login: 'maria', roles: ['operator'], officeIds: [w.north], disabled: false, lockedUntil: null });
		expect((await signIn(db.sql, { login: 'maria', password: password!, ip: '10.0.0.1' })).staffId).toBe(user.id);
		const [row] = (await auditRows(db.sql)).filter((r) => r.entity === 'staff' && r.entityId === String(user.id));
		expect(row).toMatchObject({ action: 'create', officeId: w.north, after: { login: 'maria', roles: ['operator'] } });
		expect(JSON.stringify(await auditRows(db.sql))).not.toContain(password);
	});

	it('a typed password is not answered back; a taken login is 409 and writes nothing', async () => {
		const typed = await createStaff(db.sql, w.scope.admin, input('petr', { password: 'typed by admin 1' }));
		expect(typed.password).toBeNull();
		expect((await signIn(db.sql, { login: 'petr', password: 'typed by admin 1', ip: '10.0.0.2' })).staffId).toBe(typed.user.id);
		const audits = (await auditRows(db.sql)).length;
		await expect(createStaff(db.sql, w.scope.admin, input('PETR'))).rejects.toMatchObject({ code: 'login_taken', status: 409 });
		expect((await auditRows(db.sql)).length).toBe(audits);
		expect(
			staffCreate
				.safeParse({ login: 'x', roles: [], password: 'short' })
				.error?.issues.map((i) => i.path[0])
				.sort()
		).toEqual(['login', 'password', 'roles']);
	});

	it('a supervisor adds operators to their own offices only', async () => {
		const ok = await createStaff(db.sql, w.scope.supervisor, input('olga'));
		expect(ok.user.officeIds).toEqual([w.north]);
		await expect(createStaff(db.sql, w.scope.supervisor, input('oleg', { officeIds: [w.south] }))).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(createStaff(db.sql, w.scope.supervisor, input('ivan', { roles: ['supervisor'] }))).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(createStaff(db.sql, w.scope.supervisor, input('anna', { officeIds: [] }))).rejects.toMatchObject({
			code: 'invalid_input'
		});
		expect(await db.sql`select login from staff_users where login in ('oleg', 'ivan', 'anna')`).toHaveLength(0);
	});
});

describe('managing staff', () => {
	it('a supervisor sees and changes only the operators of their offices', async () => {
		const seen = (await listStaff(db.sql, w.scope.supervisor)).map((u) => u.login);
		expect(seen).toContain('clerk');
		expect(seen).not.toContain('root');
		expect(seen).not.toContain('boss');
		const southOp = await createStaff(db.sql, w.scope.admin, input('far', { officeIds: [w.south] }));
		expect((await listStaff(db.sql, w.scope.supervisor)).map((u) => u.login)).not.toContain('far');
		await expect(updateStaff(db.sql, w.scope.supervisor, southOp.user.id, { disabled: true })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(updateStaff(db.sql, w.scope.supervisor, w.admin.staffId, { resetPassword: true })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(getStaff(db.sql, w.scope.supervisor, w.admin.staffId)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(updateStaff(db.sql, w.scope.supervisor, w.operator.staffId, { roles: ['admin'] })).rejects.toMatchObject({
			code: 'forbidden'
		});
		expect((await getStaff(db.sql, w.scope.admin, w.operator.staffId)).roles).toEqual(['operator']);
		expect((await getStaff(db.sql, w.scope.admin, southOp.user.id)).disabled).toBe(false);
	});

	it("a supervisor's office change keeps the user's other offices", async () => {
		const both = await createStaff(db.sql, w.scope.admin, input('both', { officeIds: [w.north, w.south] }));
		const { user } = await updateStaff(db.sql, w.scope.supervisor, both.user.id, { officeIds: [w.north], displayName: 'Обе' });
		expect(user.officeIds).toEqual([w.north, w.south]);
		expect(user.displayName).toBe('Обе');
		const rows = (await auditRows(db.sql)).filter((r) => r.entityId === String(both.user.id));
		expect(rows.at(-1)).toMatchObject({ action: 'update', before: { displayName: 'Мария Иванова' }, after: { displayName: 'Обе' } });
	});

	it('searches by login and name', async () => {
		expect((await listStaff(db.sql, w.scope.admin, { q: 'мари' })).map((u) => u.login)).toEqual(expect.arrayContaining(['maria', 'petr']));
		expect((await listStaff(db.sql, w.scope.admin, { q: 'ROO' })).map((u) => u.login)).toEqual(['root']);
		expect((await listStaff(db.sql, w.scope.admin, { q: '%' })).map((u) => u.login)).toEqual([]);
		expect((await listStaff(db.sql, w.scope.admin, { officeId: w.south })).map((u) => u.login).sort()).toEqual(['both', 'far']);
		await expect(listStaff(db.sql, w.scope.supervisor, { officeId: w.south })).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('nobody disables themselves or drops their own admin role', async () => {
		await expect(updateStaff(db.sql, w.scope.admin, w.admin.staffId, { disabled: true })).rejects.toMatchObject({
			code: 'not_on_yourself'
		});
		await expect(updateStaff(db.sql, w.scope.admin, w.admin.staffId, { roles: ['operator'] })).rejects.toMatchObject({
			code: 'not_on_yourself'
		});
	});

	it('disabling ends the sessions and the open socket at once; enabling lets them sign in again', async () => {
		const { user, password } = await createStaff(db.sql, w.scope.admin, input('desk1'));
		const { token } = await createSession(db.sql, user.id);
		const socket = rt.client({ lang: 'ru' }, { cookie: `talon_session=${token}` });
		await until(() => socket.connected, 5000, 'connect');
		expect((await ask(socket, 'office:join', { officeId: w.north })).error).toBeUndefined();
		let reason = '';
		socket.on('disconnect', (r) => (reason = r));

		await updateStaff(db.sql, w.scope.supervisor, user.id, { disabled: true }, socketControl(rt.io));
		await until(() => !socket.connected, 5000, 'the server ends the socket');
		expect(reason).toBe('io server disconnect');
		expect(await validateSession(db.sql, token)).toBeNull();
		// Even if it comes back, the session is gone: no staff command passes.
		socket.connect();
		await until(() => socket.connected, 5000, 'reconnect');
		expect((await ask(socket, 'office:snapshot', { officeId: w.north })).error?.code).toBe('unauthorized');
		await expect(signIn(db.sql, { login: 'desk1', password: password!, ip: '10.0.0.3' })).rejects.toMatchObject({
			code: 'invalid_credentials'
		});
		expect((await auditRows(db.sql)).at(-1)).toMatchObject({
			action: 'disable',
			staffLogin: 'boss',
			before: { disabled: false },
			after: { disabled: true }
		});

		await updateStaff(db.sql, w.scope.supervisor, user.id, { disabled: false });
		expect((await signIn(db.sql, { login: 'desk1', password: password!, ip: '10.0.0.3' })).staffId).toBe(user.id);
		expect((await auditRows(db.sql)).at(-1)).toMatchObject({ action: 'enable' });
	});

	it('a password reset is answered once, ends sessions, and the old password stops working', async () => {
		const { user, password: old } = await createStaff(db.sql, w.scope.admin, input('desk2'));
		const { token } = await createSession(db.sql, user.id);
		const reset = await updateStaff(db.sql, w.scope.admin, user.id, { resetPassword: true });
		expect(reset.password).toMatch(/^[A-Za-z0-9]{16}$/);
		expect(reset.password).not.toBe(old);
		expect(await validateSession(db.sql, token)).toBeNull();
		await expect(signIn(db.sql, { login: 'desk2', password: old!, ip: '10.0.0.4' })).rejects.toMatchObject({ code: 'invalid_credentials' });
		expect((await signIn(db.sql, { login: 'desk2', password: reset.password!, ip: '10.0.0.4' })).staffId).toBe(user.id);
		const row = (await auditRows(db.sql)).find((r) => r.action === 'reset_password' && r.entityId === String(user.id));
		expect(row?.after).toEqual({ generated: true });
		expect(JSON.stringify(await auditRows(db.sql))).not.toContain(reset.password);
	});

	it('unlock lifts a sign-in block after repeated failures', async () => {
		const { user, password } = await createStaff(db.sql, w.scope.admin, input('desk3'));
		for (let i = 0; i < 5; i++) await signIn(db.sql, { login: 'desk3', password: 'wrong guess!', ip: `10.1.0.${i}` }).catch(() => null);
		expect((await getStaff(db.sql, w.scope.admin, user.id)).lockedUntil).not.toBeNull();
		await expect(signIn(db.sql, { login: 'desk3', password: password!, ip: '10.1.1.1' })).rejects.toMatchObject({
			code: 'login_throttled'
		});
		const { user: after } = await updateStaff(db.sql, w.scope.supervisor, user.id, { unlock: true });
		expect(after.lockedUntil).toBeNull();
		expect((await signIn(db.sql, { login: 'desk3', password: password!, ip: '10.1.1.1' })).staffId).toBe(user.id);
		expect((await auditRows(db.sql)).at(-1)).toMatchObject({ action: 'unlock', after: { lockedUntil: null } });
	});
});
