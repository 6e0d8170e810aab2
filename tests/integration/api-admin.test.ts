import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { apiClient } from '../helpers/api';
import { adminWorld, type AdminWorld } from '../helpers/admin';

/**
 * The administration's JSON API (issue 11, area `admin` in tests/helpers/api-areas.ts), called
 * the way SvelteKit calls it; every answer is checked against the OpenAPI document. Each change
 * is read back (before → after) and each refusal leaves the data as it was. The last test fails
 * while an admin operation of the document has not been answered successfully here.
 */
let db: TestDatabase;
let api: Awaited<ReturnType<typeof apiClient>>;
let w: AdminWorld;

beforeAll(async () => {
	db = await createTestDatabase();
	w = await adminWorld(db.sql);
	api = await apiClient(db);
});
afterAll(() => db?.close());

describe('offices', () => {
	it('admins list, create and edit offices; slugs and ids both address one', async () => {
		const list = await api.call('GET', '/admin/offices', { staff: w.admin });
		expect(list.body.offices.map((o: { slug: string }) => o.slug)).toEqual(['north', 'south']);
		const created = await api.call('POST', '/admin/offices', {
			staff: w.admin,
			body: {
				slug: 'east',
				nameRu: 'Восточный',
				nameEn: 'East',
				timeZone: 'Asia/Vladivostok',
				addressRu: 'ул. Светланская, 1',
				addressEn: '1 Svetlanskaya St'
			}
		});
		expect(created.status).toBe(201);
		expect(created.body.office).toMatchObject({ slug: 'east', archived: false, timeZone: 'Asia/Vladivostok' });
		const id = created.body.office.id;
		const patched = await api.call('PATCH', `/admin/offices/${id}`, {
			staff: w.admin,
			body: { phone: '+7 423 000-00-00', mapUrl: 'https://yandex.ru/maps/-/x' }
		});
		expect(patched.body.office).toMatchObject({ slug: 'east', phone: '+7 423 000-00-00', mapUrl: 'https://yandex.ru/maps/-/x' });
		expect((await api.call('GET', '/admin/offices/east', { staff: w.admin })).body.office.phone).toBe('+7 423 000-00-00');
		const archived = await api.call('PATCH', '/admin/offices/east', { staff: w.admin, body: { archived: true } });
		expect(archived.body.office.archived).toBe(true);
		expect((await api.call('GET', '/offices')).body.offices.map((o: { slug: string }) => o.slug)).not.toContain('east');
	});

	it('400 with field errors, 409 on a taken slug (ru and en), and nothing is written', async () => {
		const before = await db.sql`select * from offices order by id`;
		const bad = await api.call('POST', '/admin/offices', {
			staff: w.admin,
			body: { slug: 'x', nameRu: '', nameEn: 'X', timeZone: 'Moon/Base' }
		});
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields).sort()).toEqual(['nameRu', 'slug', 'timeZone']);
		const taken = await api.call('POST', '/admin/offices', {
			staff: w.admin,
			body: { slug: 'north', nameRu: 'Ещё', nameEn: 'More', timeZone: 'UTC' }
		});
		expect(taken.status).toBe(409);
		expect(taken.body.error).toMatchObject({ code: 'office_slug_taken', message: expect.stringContaining('«north»') });
		const takenEn = await api.call('PATCH', '/admin/offices/south', { staff: w.admin, locale: 'en', body: { slug: 'north' } });
		expect(takenEn.body.error.message).toContain('“north” is taken');
		expect(await db.sql`select * from offices order by id`).toEqual(before);
	});

	it('a supervisor sees and edits only their offices; an operator and strangers are refused', async () => {
		const mine = await api.call('GET', '/admin/offices', { staff: w.supervisor });
		expect(mine.body.offices.map((o: { slug: string }) => o.slug)).toEqual(['north']);
		expect((await api.call('GET', '/admin/offices/south', { staff: w.supervisor })).status).toBe(403);
		expect((await api.call('PATCH', '/admin/offices/south', { staff: w.supervisor, body: { nameRu: 'Мой' } })).status).toBe(403);
		expect(
			(await api.call('POST', '/admin/offices', { staff: w.supervisor, body: { slug: 'mine', nameRu: 'М', nameEn: 'M', timeZone: 'UTC' } }))
				.status
		).toBe(403);
		expect((await api.call('GET', '/admin/offices', { staff: w.operator })).status).toBe(403);
		expect((await api.call('GET', '/admin/offices')).status).toBe(401);
		expect((await api.call('GET', '/admin/offices/nowhere', { staff: w.admin })).status).toBe(404);
		const [south] = await db.sql<{ nameRu: string }[]>`select name_ru from offices where slug = 'south'`;
		expect(south!.nameRu).toBe('Южный');
	});
});

describe('users', () => {
	it('admins add users (a generated password answered once), search, disable, reset and unlock them', async () => {
		const made = await api.call('POST', '/admin/users', {
			staff: w.admin,
			body: { login: 'api.user', displayName: 'Через API', roles: ['operator'], officeIds: [w.north] }
		});
		expect(made.status).toBe(201);
		expect(made.body).toMatchObject({ user: { login: 'api.user', disabled: false }, password: expect.stringMatching(/^\w{16}$/) });
		expect(JSON.stringify(made.body.user)).not.toMatch(/hash|\$argon2/);
		const id = made.body.user.id;
		const found = await api.call('GET', '/admin/users?q=api.&office=north', { staff: w.admin });
		expect(found.body.users.map((u: { login: string }) => u.login)).toEqual(['api.user']);
		const disabled = await api.call('PATCH', `/admin/users/${id}`, { staff: w.admin, body: { disabled: true } });
		expect(disabled.body).toMatchObject({ user: { disabled: true }, password: null });
		const reset = await api.call('PATCH', `/admin/users/${id}`, {
			staff: w.admin,
			body: { resetPassword: true, unlock: true, disabled: false }
		});
		expect(reset.body.password).toMatch(/^\w{16}$/);
		expect(reset.body.password).not.toBe(made.body.password);
		const [row] = await db.sql<{ disabled: boolean }[]>`select disabled from staff_users where id = ${id}`;
		expect(row!.disabled).toBe(false);
	});

	it('refuses bad input (400 with fields), a taken login (409), other offices (403) and operators (403), writing nothing', async () => {
		const before = await db.sql`select id, login, roles, disabled from staff_users order by id`;
		const bad = await api.call('POST', '/admin/users', { staff: w.admin, body: { login: 'Не латиница', roles: [], password: 'short' } });
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields).sort()).toEqual(['login', 'password', 'roles']);
		const taken = await api.call('POST', '/admin/users', { staff: w.admin, body: { login: 'clerk', roles: ['operator'] } });
		expect(taken.status).toBe(409);
		expect(taken.body.error).toMatchObject({ code: 'login_taken', message: expect.stringContaining('«clerk»') });
		expect(
			(
				await api.call('POST', '/admin/users', {
					staff: w.supervisor,
					body: { login: 'south.op', roles: ['operator'], officeIds: [w.south] }
				})
			).status
		).toBe(403);
		expect((await api.call('PATCH', `/admin/users/${w.admin.staffId}`, { staff: w.supervisor, body: { disabled: true } })).status).toBe(
			403
		);
		expect((await api.call('GET', '/admin/users', { staff: w.operator })).status).toBe(403);
		expect((await api.call('GET', '/admin/users?office=south', { staff: w.supervisor })).status).toBe(403);
		expect((await api.call('PATCH', '/admin/users/999999', { staff: w.admin, body: { disabled: true } })).status).toBe(404);
		const self = await api.call('PATCH', `/admin/users/${w.admin.staffId}`, { staff: w.admin, body: { disabled: true } });
		expect(self).toMatchObject({ status: 409, body: { error: { code: 'not_on_yourself' } } });
		expect(await db.sql`select id, login, roles, disabled from staff_users order by id`).toEqual(before);
	});
});

describe('devices', () => {
	it('adds a kiosk (token and pairing link once), lists, renames and revokes it; scope holds', async () => {
		const made = await api.call('POST', '/admin/offices/north/devices', { staff: w.supervisor, body: { kind: 'kiosk', name: 'Киоск 1' } });
		expect(made.status).toBe(201);
		expect(made.body).toMatchObject({ device: { kind: 'kiosk', name: 'Киоск 1', online: false, printer: 'no_agent' } });
		expect(made.body.pairUrl).toBe(`${api.origin}/kiosk?pair=${made.body.token}`);
		const id = made.body.device.id;
		expect((await api.call('GET', '/device', { token: made.body.token })).status).toBe(200);
		const list = await api.call('GET', '/admin/offices/north/devices', { staff: w.admin });
		expect(list.body.devices.map((d: { id: number }) => d.id)).toContain(id);
		expect(JSON.stringify(list.body)).not.toContain(made.body.token);
		const renamed = await api.call('PATCH', `/admin/offices/north/devices/${id}`, { staff: w.admin, body: { name: 'Киоск у входа' } });
		expect(renamed.body.device.name).toBe('Киоск у входа');
		expect((await api.call('DELETE', `/admin/offices/south/devices/${id}`, { staff: w.admin })).status).toBe(404);
		expect((await api.call('DELETE', `/admin/offices/north/devices/${id}`, { staff: w.operator })).status).toBe(403);
		expect((await api.call('GET', '/admin/offices/south/devices', { staff: w.supervisor })).status).toBe(403);
		expect((await api.call('POST', '/admin/offices/north/devices', { staff: w.admin, body: { kind: 'printer', name: '' } })).status).toBe(
			400
		);
		expect((await api.call('GET', '/device', { token: made.body.token })).status).toBe(200);
		const revoked = await api.call('DELETE', `/admin/offices/north/devices/${id}`, { staff: w.supervisor });
		expect(revoked.body.device.revokedAt).not.toBeNull();
		expect((await api.call('GET', '/device', { token: made.body.token })).status).toBe(401);
	});
});

describe('board messages', () => {
	it('adds, lists, changes and removes running-line messages; bad windows are 400', async () => {
		const made = await api.call('POST', '/admin/offices/north/board-messages', {
			staff: w.supervisor,
			body: { textRu: 'Технический перерыв', textEn: 'Break', startsAt: '2030-01-01T10:00:00+03:00', endsAt: null }
		});
		expect(made.status).toBe(201);
		expect(made.body.message).toMatchObject({ startsAt: '2030-01-01T07:00:00.000Z', showing: false, active: true, sort: 0 });
		const id = made.body.message.id;
		expect(
			(await api.call('GET', '/admin/offices/north/board-messages', { staff: w.admin })).body.messages.map((m: { id: number }) => m.id)
		).toEqual([id]);
		const changed = await api.call('PATCH', `/admin/offices/north/board-messages/${id}`, {
			staff: w.admin,
			body: { startsAt: null, sort: 5 }
		});
		expect(changed.body.message).toMatchObject({ startsAt: null, sort: 5, showing: true });
		const bad = await api.call('POST', '/admin/offices/north/board-messages', {
			staff: w.admin,
			body: { textRu: '', startsAt: '2030-01-02T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' }
		});
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields).sort()).toEqual(['endsAt', 'textRu']);
		expect((await api.call('GET', '/admin/offices/south/board-messages', { staff: w.supervisor })).status).toBe(403);
		expect((await api.call('DELETE', `/admin/offices/south/board-messages/${id}`, { staff: w.admin })).status).toBe(404);
		expect((await api.call('DELETE', `/admin/offices/north/board-messages/${id}`, { staff: w.admin })).body).toEqual({ deleted: id });
		expect((await api.call('GET', '/admin/offices/north/board-messages', { staff: w.admin })).body.messages).toEqual([]);
	});
});

describe('booking plan', () => {
	const plan = {
		bookingShare: 0.4,
		stepMin: 20,
		minLeadMin: 120,
		horizonDays: 21,
		beforeMin: 20,
		afterMin: 10,
		latePolicy: 'refuse',
		retentionDays: 60,
		publicHolidays: true,
		week: [
			{ weekday: 1, open: '08:00', close: '20:00', breakStart: '13:00', breakEnd: '14:00' },
			{ weekday: 6, open: '09:00', close: '15:00', breakStart: null, breakEnd: null }
		]
	};

	it('reads the defaults, replaces rules and weekly hours, and keeps the audit row', async () => {
		const empty = await api.call('GET', '/admin/offices/north/booking-plan', { staff: w.supervisor });
		expect(empty.body).toMatchObject({ takesBookings: false, week: [] });
		const put = await api.call('PUT', '/admin/offices/north/booking-plan', { staff: w.supervisor, body: plan });
		expect(put.body).toEqual({ ...plan, takesBookings: true });
		const hours =
			await db.sql`select weekday, open_min, close_min, break_start_min from office_hours where office_id = ${w.north} order by weekday`;
		expect(hours).toEqual([
			{ weekday: 1, openMin: 480, closeMin: 1200, breakStartMin: 780 },
			{ weekday: 6, openMin: 540, closeMin: 900, breakStartMin: null }
		]);
		const [row] = await db.sql<
			{ after: { stepMin: number } }[]
		>`select after from audit_log where entity = 'booking_plan' order by id desc limit 1`;
		expect(row!.after.stepMin).toBe(20);
	});

	it('refuses hours out of order, a lunch outside the day, a repeated weekday; writes nothing', async () => {
		const before = await db.sql`select * from office_hours order by office_id, weekday`;
		const bad = await api.call('PUT', '/admin/offices/north/booking-plan', {
			staff: w.admin,
			body: {
				...plan,
				stepMin: 1,
				week: [
					{ weekday: 1, open: '20:00', close: '08:00' },
					{ weekday: 2, open: '08:00', close: '12:00', breakStart: '13:00', breakEnd: '14:00' },
					{ weekday: 2, open: '25:00', close: '12:00' }
				]
			}
		});
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields)).toEqual(
			expect.arrayContaining(['stepMin', 'week.0.close', 'week.1.breakStart', 'week.2.open'])
		);
		expect((await api.call('PUT', '/admin/offices/south/booking-plan', { staff: w.supervisor, body: plan })).status).toBe(403);
		expect(await db.sql`select * from office_hours order by office_id, weekday`).toEqual(before);
	});

	it('sets, replaces, lists and removes day exceptions', async () => {
		const closed = await api.call('POST', '/admin/offices/north/day-exceptions', {
			staff: w.supervisor,
			body: { day: '2026-12-31', kind: 'closed', note: 'Новый год' }
		});
		expect(closed.body.exception).toEqual({
			day: '2026-12-31',
			kind: 'closed',
			open: null,
			close: null,
			breakStart: null,
			breakEnd: null,
			note: 'Новый год'
		});
		const short = await api.call('POST', '/admin/offices/north/day-exceptions', {
			staff: w.supervisor,
			body: { day: '2026-12-31', kind: 'open', open: '09:00', close: '14:00' }
		});
		expect(short.body.exception).toMatchObject({ kind: 'open', open: '09:00', close: '14:00' });
		expect((await api.call('GET', '/admin/offices/north/day-exceptions', { staff: w.admin })).body.exceptions).toHaveLength(1);
		expect(
			(await api.call('POST', '/admin/offices/north/day-exceptions', { staff: w.admin, body: { day: '2026-02-30', kind: 'closed' } }))
				.status
		).toBe(400);
		expect(
			(await api.call('POST', '/admin/offices/north/day-exceptions', { staff: w.admin, body: { day: '2027-01-09', kind: 'open' } })).status
		).toBe(400);
		const rows = await db.sql<{ action: string }[]>`select action from audit_log where entity = 'day_exception' order by id`;
		expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
		expect((await api.call('DELETE', '/admin/offices/north/day-exceptions?day=2026-12-31', { staff: w.admin })).body).toEqual({
			deleted: '2026-12-31'
		});
		expect((await api.call('DELETE', '/admin/offices/north/day-exceptions?day=2026-12-31', { staff: w.admin })).status).toBe(404);
		expect((await api.call('GET', '/admin/offices/north/day-exceptions', { staff: w.admin })).body.exceptions).toEqual([]);
	});
});

describe('audit log', () => {
	it('lists the changes above, filtered by office, user and date; supervisors see only their offices', async () => {
		const all = await api.call('GET', '/admin/audit', { staff: w.admin });
		expect(all.status).toBe(200);
		const kinds = new Set(all.body.entries.map((e: { entity: string; action: string }) => `${e.entity}:${e.action}`));
		for (const k of [
			'office:create',
			'office:archive',
			'staff:create',
			'staff:disable',
			'staff:reset_password',
			'device:revoke',
			'board_message:delete'
		])
			expect(kinds).toContain(k);
		expect(JSON.stringify(all.body)).not.toMatch(/argon2|password_hash/);
		const ids = all.body.entries.map((e: { id: number }) => e.id);
		expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));

		const north = await api.call('GET', '/admin/audit?office=north', { staff: w.supervisor });
		expect(north.body.entries.length).toBeGreaterThan(0);
		expect(north.body.entries.every((e: { officeId: number }) => e.officeId === w.north)).toBe(true);
		const mine = await api.call('GET', '/admin/audit', { staff: w.supervisor });
		expect(mine.body.entries.every((e: { officeId: number }) => e.officeId === w.north)).toBe(true);
		expect((await api.call('GET', '/admin/audit?office=south', { staff: w.supervisor })).status).toBe(403);
		expect((await api.call('GET', '/admin/audit', { staff: w.operator })).status).toBe(403);

		const byBoss = await api.call('GET', '/admin/audit?user=boss', { staff: w.admin });
		expect(byBoss.body.entries.length).toBeGreaterThan(0);
		expect(byBoss.body.entries.every((e: { staffLogin: string }) => e.staffLogin === 'boss')).toBe(true);
		expect((await api.call('GET', `/admin/audit?user=${w.supervisor.staffId}`, { staff: w.admin })).body.entries).toEqual(
			byBoss.body.entries
		);
		expect((await api.call('GET', '/admin/audit?user=nobody', { staff: w.admin })).body.entries).toEqual([]);

		const today = new Date().toISOString().slice(0, 10);
		expect((await api.call('GET', `/admin/audit?from=${today}&to=${today}`, { staff: w.admin })).body.entries.length).toBe(
			all.body.entries.length
		);
		expect((await api.call('GET', '/admin/audit?to=2000-01-01', { staff: w.admin })).body.entries).toEqual([]);
		expect((await api.call('GET', '/admin/audit?from=soon', { staff: w.admin })).status).toBe(400);

		const page = await api.call('GET', '/admin/audit?limit=2', { staff: w.admin });
		expect(page.body.entries).toHaveLength(2);
		const older = await api.call('GET', `/admin/audit?limit=2&before=${page.body.next}`, { staff: w.admin });
		expect(older.body.entries[0].id).toBeLessThan(page.body.next);
	});

	it('cannot be edited, not even by SQL the app runs', async () => {
		await expect(db.sql`update audit_log set action = 'update'`).rejects.toThrow(/append-only/);
		await expect(db.sql`delete from audit_log`).rejects.toThrow(/append-only/);
	});
});

describe('coverage', () => {
	it('calls every admin operation of the document', () => {
		expect(api.unexercised('admin')).toEqual([]);
	});
});
