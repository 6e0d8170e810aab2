import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { apiClient } from '../helpers/api';
import { seedDemo } from '../../src/lib/server/demo/seed';
import type { StaffPrincipal } from '../../src/lib/server/auth/sessions';
import { bigServiceRows, toCsv, toXlsx } from '../helpers/catalogue-file';
import { readSheet } from '../../src/lib/server/catalogue/transfer';

/**
 * The catalogue's JSON API (issue 11: categories, services, desks, import, export) against a real
 * database: every operation and its refusals (role, office scope, validation, conflicts), each
 * compared before and after, with its audit row and its `config.changed` event. The last test
 * fails when an operation of the area has not been answered successfully here.
 */
let db: TestDatabase;
let api: Awaited<ReturnType<typeof apiClient>>;
let kiosk: string;
let officeId: number;
let otherId: number;
let admin: StaffPrincipal;
let supervisor: StaffPrincipal;
let operator: StaffPrincipal;

const principal = (staffId: number, login: string, roles: StaffPrincipal['roles'], officeIds: number[]): StaffPrincipal => ({
	staffId,
	login,
	displayName: login,
	roles,
	officeIds,
	sessionExpiresAt: new Date(Date.now() + 3_600_000)
});

async function user(login: string, roles: string[], offices: number[]): Promise<number> {
	const [row] = await db.sql<{ id: number }[]>`
		insert into staff_users (login, password_hash, roles) values (${login}, 'x', ${roles}) returning id`;
	for (const o of offices) await db.sql`insert into staff_offices (staff_id, office_id) values (${row!.id}, ${o})`;
	return row!.id;
}

const count = async (table: 'services' | 'service_categories' | 'desks' | 'audit_log' | 'events') =>
	Number((await db.sql.unsafe(`select count(*)::int as n from ${table}`))[0]!.n);
const configEvents = async () =>
	(await db.sql<{ n: number }[]>`select count(*)::int as n from events where office_id = ${officeId} and type = 'config.changed'`)[0]!.n;
const lastAudit = async () =>
	(
		await db.sql<{ entity: string; entityId: string; action: string; before: unknown; after: unknown; staffLogin: string }[]>`
		select entity, entity_id, action, before, after, staff_login from audit_log order by id desc limit 1`
	)[0]!;

beforeAll(async () => {
	db = await createTestDatabase();
	const seeded = await seedDemo(db.sql);
	officeId = seeded.officeId;
	kiosk = seeded.devices.find((d) => d.kind === 'kiosk')!.token;
	const [other] = await db.sql<{ id: number }[]>`
		insert into offices (slug, name_ru, name_en, time_zone) values ('north', 'Северный', 'North', 'Europe/Moscow') returning id`;
	otherId = other!.id;
	admin = principal(await user('net-admin', ['admin'], []), 'net-admin', ['admin'], []);
	supervisor = principal(await user('sup-central', ['supervisor'], [officeId]), 'sup-central', ['supervisor'], [officeId]);
	operator = principal(await user('op-central', ['operator'], [officeId]), 'op-central', ['operator'], [officeId]);
	api = await apiClient(db);
});
afterAll(() => db?.close());

describe('who may administer the catalogue', () => {
	it('an operator gets 403, a stranger 401, a supervisor of another office 403, and nothing is written', async () => {
		const before = [await count('service_categories'), await count('audit_log'), await configEvents()];
		const body = { nameRu: 'Чужая', nameEn: 'Foreign' };
		expect((await api.call('GET', '/admin/offices/central/services', { staff: operator })).status).toBe(403);
		expect((await api.call('POST', '/admin/offices/central/categories', { staff: operator, body })).status).toBe(403);
		expect((await api.call('POST', '/admin/offices/central/categories', { body })).status).toBe(401);
		expect((await api.call('POST', '/admin/offices/north/categories', { staff: supervisor, body })).status).toBe(403);
		expect((await api.call('GET', `/admin/offices/${otherId}/desks`, { staff: supervisor })).status).toBe(403);
		expect((await api.call('GET', '/admin/offices/nowhere/services', { staff: admin })).status).toBe(404);
		expect([await count('service_categories'), await count('audit_log'), await configEvents()]).toEqual(before);
		// An admin may act on any office; the supervisor on their own.
		expect((await api.call('GET', '/admin/offices/north/services', { staff: admin })).status).toBe(200);
		expect((await api.call('GET', '/admin/offices/central/services', { staff: supervisor })).status).toBe(200);
	});
});

describe('categories', () => {
	let top: number;
	let mid: number;
	let leaf: number;

	it('builds a tree of any depth, each change audited and announced', async () => {
		const events = await configEvents();
		const a = await api.call('POST', '/admin/offices/central/categories', {
			staff: supervisor,
			body: { nameRu: 'Паспорта', nameEn: 'Passports' }
		});
		expect(a.status).toBe(201);
		top = a.body.id;
		mid = (
			await api.call('POST', '/admin/offices/central/categories', {
				staff: supervisor,
				body: { nameRu: 'Заграничные', nameEn: 'Travel', parentId: top }
			})
		).body.id;
		const c = await api.call('POST', '/admin/offices/central/categories', {
			staff: supervisor,
			body: { nameRu: 'Для детей', nameEn: 'Children', parentId: mid, kiosk: false }
		});
		leaf = c.body.id;
		expect(c.body).toMatchObject({ parentId: mid, kiosk: false, archived: false, sort: 0 });
		expect(await lastAudit()).toMatchObject({ entity: 'category', entityId: String(leaf), action: 'create', staffLogin: 'sup-central' });
		expect(await configEvents()).toBe(events + 3);
		const list = await api.call('GET', '/admin/offices/central/categories', { staff: supervisor });
		expect(list.body.categories.filter((x: { id: number }) => [top, mid, leaf].includes(x.id))).toHaveLength(3);
	});

	it('refuses a cycle (400 naming parentId), an unknown parent (400) and an archived one (409)', async () => {
		const before = await db.sql`select * from service_categories order by id`;
		const cycle = await api.call('PATCH', `/admin/offices/central/categories/${top}`, { staff: admin, body: { parentId: leaf } });
		expect(cycle.status).toBe(400);
		expect(cycle.body.error.fields).toHaveProperty('parentId');
		const unknown = await api.call('POST', '/admin/offices/central/categories', {
			staff: admin,
			body: { nameRu: 'X', nameEn: 'X', parentId: 999999 }
		});
		expect(unknown.status).toBe(400);
		const empty = await api.call('POST', '/admin/offices/central/categories', { staff: admin, body: { nameRu: '', nameEn: 'X' } });
		expect(empty.status).toBe(400);
		expect(empty.body.error.fields).toHaveProperty('nameRu');
		expect(await db.sql`select * from service_categories order by id`).toEqual(before);

		const old = (await api.call('POST', '/admin/offices/central/categories', { staff: admin, body: { nameRu: 'Старое', nameEn: 'Old' } }))
			.body.id;
		const svc = await api.call('POST', '/admin/offices/central/services', {
			staff: admin,
			body: { nameRu: 'Старая услуга', nameEn: 'Old service', prefix: 'СТ', categoryId: old, durationMin: 10 }
		});
		await db.sql`insert into tickets (office_id, service_id, service_day, prefix, seq, number, public_code, source, state, arrived_at, queued_at)
			values (${officeId}, ${svc.body.id}, '2020-01-01', 'СТ', 1, 'СТ001', 'old-ticket-code-1', 'kiosk', 'done', now(), now())`;
		expect((await api.call('DELETE', `/admin/offices/central/categories/${old}`, { staff: admin })).body.error.code).toBe(
			'category_not_empty'
		);
		expect((await api.call('DELETE', `/admin/offices/central/services/${svc.body.id}`, { staff: admin })).body).toEqual({
			result: 'archived'
		});
		// Only an archived service refers to it now: the category is archived, not deleted.
		expect((await api.call('DELETE', `/admin/offices/central/categories/${old}`, { staff: admin })).body).toEqual({ result: 'archived' });
		const under = await api.call('POST', '/admin/offices/central/categories', {
			staff: admin,
			body: { nameRu: 'Под', nameEn: 'Under', parentId: old }
		});
		expect(under.status).toBe(409);
		expect(under.body.error.code).toBe('category_archived');
		const into = await api.call('POST', '/admin/offices/central/services', {
			staff: admin,
			body: { nameRu: 'Новая', nameEn: 'New', prefix: 'НВ', categoryId: old, durationMin: 10 }
		});
		expect(into.body.error).toMatchObject({ code: 'category_archived', message: expect.stringContaining('архиве') });
		const archived = await api.call('GET', '/admin/offices/central/categories?archived=1', { staff: admin });
		expect(archived.body.categories.find((x: { id: number }) => x.id === old)).toMatchObject({ archived: true });
	});

	it('renames and moves up and down among its siblings', async () => {
		const second = (
			await api.call('POST', '/admin/offices/central/categories', { staff: admin, body: { nameRu: 'Ещё', nameEn: 'More', parentId: top } })
		).body;
		expect(second.sort).toBe(1);
		const up = await api.call('PATCH', `/admin/offices/central/categories/${second.id}`, {
			staff: admin,
			body: { move: 'up', nameRu: 'Другие' }
		});
		expect(up.body).toMatchObject({ sort: 0, nameRu: 'Другие' });
		const midNow = (await api.call('GET', '/admin/offices/central/categories', { staff: admin })).body.categories.find(
			(x: { id: number }) => x.id === mid
		);
		expect(midNow.sort).toBe(1);
		expect(await lastAudit()).toMatchObject({ action: 'update', before: { nameRu: 'Ещё', sort: 1 }, after: { nameRu: 'Другие', sort: 0 } });
		expect((await api.call('DELETE', `/admin/offices/central/categories/${second.id}`, { staff: admin })).body).toEqual({
			result: 'deleted'
		});
		expect((await api.call('DELETE', `/admin/offices/central/categories/${second.id}`, { staff: admin })).status).toBe(404);
	});
});

describe('services', () => {
	let zp: number;

	it('creates a service with a two-letter prefix; its ticket is numbered ЗП001 and the kiosk sees it', async () => {
		const body = {
			nameRu: 'Загранпаспорт нового образца',
			nameEn: 'Biometric travel passport',
			prefix: 'зп',
			categoryId: null,
			durationMin: 20,
			targetWaitMin: 30,
			documentsRu: ['Паспорт РФ', 'Фото'],
			documentsEn: ['Passport', 'Photo'],
			priorityAllowed: false,
			remoteAllowed: true
		};
		const events = await configEvents();
		const made = await api.call('POST', '/admin/offices/central/services', { staff: supervisor, body });
		expect(made.status).toBe(201);
		expect(made.body).toMatchObject({
			prefix: 'ЗП',
			kiosk: true,
			bookable: true,
			priorityAllowed: false,
			remoteAllowed: true,
			archived: false
		});
		zp = made.body.id;
		expect(await configEvents()).toBe(events + 1);
		expect(await lastAudit()).toMatchObject({ entity: 'service', action: 'create', after: { prefix: 'ЗП', nameRu: body.nameRu } });

		const snapshot = await api.call('GET', '/offices/central/snapshot', { token: kiosk });
		expect(snapshot.body.services.find((s: { id: number }) => s.id === zp)).toMatchObject({
			prefix: 'ЗП',
			kiosk: true,
			priorityAllowed: false
		});
		const ticket = await api.call('POST', '/offices/central/tickets', {
			token: kiosk,
			body: { serviceId: zp, idempotencyKey: 'catalogue-zp-1' }
		});
		expect(ticket.status).toBe(201);
		expect(ticket.body.ticket.number).toBe('ЗП001');
	});

	it('refuses a taken prefix (409) and bad input (400 with fields), writing nothing', async () => {
		const before = [await db.sql`select * from services order by id`, await count('audit_log'), await configEvents()];
		const dup = await api.call('POST', '/admin/offices/central/services', {
			staff: admin,
			body: { nameRu: 'Дубль', nameEn: 'Dup', prefix: 'ЗП', categoryId: null, durationMin: 10 }
		});
		expect(dup.status).toBe(409);
		expect(dup.body.error).toMatchObject({ code: 'prefix_taken', message: expect.stringContaining('ЗП') });
		const bad = await api.call('POST', '/admin/offices/central/services', {
			staff: admin,
			body: { nameRu: 'Плохая', nameEn: 'Bad', prefix: 'З1', categoryId: null, durationMin: 0 }
		});
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields).sort()).toEqual(['durationMin', 'prefix']);
		const three = await api.call('PATCH', `/admin/offices/central/services/${zp}`, { staff: admin, body: { prefix: 'ЗПА' } });
		expect(three.status).toBe(400);
		// The same prefix in another office is fine; not here.
		const [taken] = await db.sql<
			{ id: number }[]
		>`select id from services where office_id = ${officeId} and id <> ${zp} and archived_at is null limit 1`;
		const clash = await api.call('PATCH', `/admin/offices/central/services/${taken!.id}`, { staff: admin, body: { prefix: 'ЗП' } });
		expect(clash.status).toBe(409);
		expect([await db.sql`select * from services order by id`, await count('audit_log'), await configEvents()]).toEqual(before);
		const north = await api.call('POST', '/admin/offices/north/services', {
			staff: admin,
			body: { nameRu: 'Загранпаспорт', nameEn: 'Passport', prefix: 'ЗП', categoryId: null, durationMin: 10 }
		});
		expect(north.status).toBe(201);
	});

	it('changes fields and order within its category, with before → after in the audit log', async () => {
		const other = (
			await api.call('POST', '/admin/offices/central/services', {
				staff: admin,
				body: { nameRu: 'Справка', nameEn: 'Certificate', prefix: 'СП', categoryId: null, durationMin: 5 }
			})
		).body;
		const order = async () =>
			(await api.call('GET', '/admin/offices/central/services', { staff: admin })).body.services
				.filter((s: { categoryId: number | null }) => s.categoryId === null)
				.map((s: { id: number }) => s.id);
		expect(await order()).toEqual([zp, other.id]);
		const up = await api.call('PATCH', `/admin/offices/central/services/${other.id}`, { staff: admin, body: { move: 'up' } });
		expect(up.body.sort).toBe(0);
		expect(await order()).toEqual([other.id, zp]);
		expect(await lastAudit()).toMatchObject({ action: 'reorder', before: { sort: 1 }, after: { sort: 0 } });
		await api.call('PATCH', `/admin/offices/central/services/${other.id}`, { staff: admin, body: { move: 'up' } });
		expect(await order()).toEqual([other.id, zp]); // at the top it stays
		await api.call('PATCH', `/admin/offices/central/services/${other.id}`, { staff: admin, body: { move: 'down' } });
		expect(await order()).toEqual([zp, other.id]);
		const edit = await api.call('PATCH', `/admin/offices/central/services/${zp}`, {
			staff: admin,
			body: { nameEn: 'Travel passport', kiosk: false, documentsRu: ['Паспорт РФ'] }
		});
		expect(edit.body).toMatchObject({ nameEn: 'Travel passport', kiosk: false, documentsRu: ['Паспорт РФ'], prefix: 'ЗП' });
		expect(await lastAudit()).toMatchObject({
			before: { nameEn: 'Biometric travel passport', kiosk: true },
			after: { nameEn: 'Travel passport', kiosk: false }
		});
		await api.call('PATCH', `/admin/offices/central/services/${zp}`, { staff: admin, body: { kiosk: true } });
	});

	it('refuses to remove a service a visitor waits for, archives one with history, deletes one never used', async () => {
		const before = await db.sql`select * from services where id = ${zp}`;
		const refused = await api.call('DELETE', `/admin/offices/central/services/${zp}`, { staff: admin });
		expect(refused.status).toBe(409);
		expect(refused.body.error).toMatchObject({ code: 'service_has_live_tickets', message: expect.stringContaining('ждут') });
		expect(await db.sql`select * from services where id = ${zp}`).toEqual(before);

		await db.sql`update tickets set state = 'cancelled' where service_id = ${zp}`;
		expect((await api.call('DELETE', `/admin/offices/central/services/${zp}`, { staff: admin })).body).toEqual({ result: 'archived' });
		expect(await lastAudit()).toMatchObject({ entity: 'service', action: 'archive', after: { archived: true } });
		const snapshot = await api.call('GET', '/offices/central/snapshot', { token: kiosk });
		expect(snapshot.body.services.some((s: { id: number }) => s.id === zp)).toBe(false);
		// Its prefix is free again; restoring the archived one then clashes.
		const again = await api.call('POST', '/admin/offices/central/services', {
			staff: admin,
			body: { nameRu: 'Загранпаспорт (новый)', nameEn: 'Passport (new)', prefix: 'ЗП', categoryId: null, durationMin: 15 }
		});
		expect(again.status).toBe(201);
		const restore = await api.call('PATCH', `/admin/offices/central/services/${zp}`, { staff: admin, body: { archived: false } });
		expect(restore.body.error.code).toBe('prefix_taken');
		expect((await api.call('DELETE', `/admin/offices/central/services/${again.body.id}`, { staff: admin })).body).toEqual({
			result: 'deleted'
		});
		const restored = await api.call('PATCH', `/admin/offices/central/services/${zp}`, { staff: admin, body: { archived: false } });
		expect(restored.body).toMatchObject({ archived: false, prefix: 'ЗП' });
		expect(await lastAudit()).toMatchObject({ action: 'restore' });
	});
});

describe('desks and the desk × service weights', () => {
	it('creates, changes and removes desks; refuses a taken number and an open desk', async () => {
		const services = (await api.call('GET', '/admin/offices/central/services', { staff: admin })).body.services;
		const [a, b] = services as { id: number }[];
		const made = await api.call('POST', '/admin/offices/central/desks', {
			staff: supervisor,
			body: { number: 41, name: 'Окно 41', services: [{ serviceId: a!.id, priority: 9 }] }
		});
		expect(made.status).toBe(201);
		expect(made.body).toMatchObject({ number: 41, active: true, state: 'closed', services: [{ serviceId: a!.id, priority: 9 }] });
		const desks = await count('desks');
		const dup = await api.call('POST', '/admin/offices/central/desks', { staff: supervisor, body: { number: 41 } });
		expect(dup.body.error.code).toBe('desk_number_taken');
		const badWeight = await api.call('PATCH', `/admin/offices/central/desks/${made.body.id}`, {
			staff: supervisor,
			body: { services: [{ serviceId: a!.id, priority: 11 }] }
		});
		expect(badWeight.status).toBe(400);
		const foreign = await db.sql<{ id: number }[]>`select id from services where office_id = ${otherId} limit 1`;
		const notOurs = await api.call('PATCH', `/admin/offices/central/desks/${made.body.id}`, {
			staff: supervisor,
			body: { services: [{ serviceId: foreign[0]!.id, priority: 5 }] }
		});
		expect(notOurs.status).toBe(400);
		expect(await count('desks')).toBe(desks);

		const patched = await api.call('PATCH', `/admin/offices/central/desks/${made.body.id}`, {
			staff: supervisor,
			body: {
				name: 'Приём',
				services: [
					{ serviceId: b!.id, priority: 3 },
					{ serviceId: a!.id, priority: 10 }
				]
			}
		});
		expect(patched.body.services).toEqual(
			[
				{ serviceId: a!.id, priority: 10 },
				{ serviceId: b!.id, priority: 3 }
			].sort((x, y) => x.serviceId - y.serviceId)
		);
		expect(await lastAudit()).toMatchObject({ entity: 'desk', before: { name: 'Окно 41' }, after: { name: 'Приём' } });
		const snapshot = await api.call('GET', '/offices/central/snapshot', { token: kiosk });
		expect(snapshot.body.desks.find((d: { id: number }) => d.id === made.body.id).services).toHaveLength(2);

		await db.sql`update desks set state = 'open' where id = ${made.body.id}`;
		expect((await api.call('DELETE', `/admin/offices/central/desks/${made.body.id}`, { staff: supervisor })).body.error.code).toBe(
			'desk_in_use'
		);
		await db.sql`update desks set state = 'closed' where id = ${made.body.id}`;
		expect((await api.call('DELETE', `/admin/offices/central/desks/${made.body.id}`, { staff: supervisor })).body).toEqual({
			result: 'deleted'
		});
		const list = await api.call('GET', '/admin/offices/central/desks', { staff: supervisor });
		expect(list.body.desks.some((d: { id: number }) => d.id === made.body.id)).toBe(false);
	});
});

describe('import and export', () => {
	const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
	const deskNumbers = Array.from({ length: 40 }, (_, i) => i + 1);
	let rows: string[][];
	const snapshotOfWrites = async () => [
		await db.sql`select * from services order by id`,
		await db.sql`select * from desk_services order by desk_id, service_id`,
		await db.sql`select * from service_categories order by id`,
		await count('audit_log'),
		await configEvents()
	];

	beforeAll(async () => {
		for (const n of deskNumbers) await db.sql`insert into desks (office_id, number) values (${officeId}, ${n}) on conflict do nothing`;
		rows = bigServiceRows(230, deskNumbers);
	});

	it('a dry run of 230 services lists what it would create and writes nothing', async () => {
		const before = await snapshotOfWrites();
		const dry = await api.call('POST', '/admin/offices/central/services/import?dryRun=1', {
			staff: supervisor,
			raw: await toXlsx(rows),
			headers: { 'content-type': XLSX }
		});
		expect(dry.status).toBe(200);
		expect(dry.body).toMatchObject({ dryRun: true, written: false, created: 230, updated: 0, errors: [] });
		expect(dry.body.rows[0]).toMatchObject({ line: 2, action: 'create', prefix: 'АА', nameRu: 'Загранпаспорт нового образца' });
		expect(await snapshotOfWrites()).toEqual(before);
	});

	it('a bad row 150 of 230: the dry run names line, column and reason; the import writes nothing at all', async () => {
		const bad = rows.map((r) => [...r]);
		bad[150]![4] = 'долго'; // durationMin of the 150th service: line 151 of the file
		bad[200]![0] = bad[10]![0]!; // a prefix twice in the file
		bad[120]![12] = '11'; // desk 1's weight out of range
		const before = await snapshotOfWrites();
		const dry = await api.call('POST', '/admin/offices/central/services/import?dryRun=1', {
			staff: supervisor,
			raw: toCsv(bad),
			headers: { 'content-type': 'text/csv' }
		});
		// The reasons are in the reader's language (finish11): Russian first, English on request.
		expect(dry.body.errors).toEqual([
			{ line: 121, column: 'desk 1', reason: 'Вес — целое число от 1 до 10 или пусто' },
			{ line: 151, column: 'durationMin', reason: 'Введите число.' },
			{ line: 201, column: 'prefix', reason: `Префикс ${bad[10]![0]} уже указан в строке 11` }
		]);
		const dryEn = await api.call('POST', '/admin/offices/central/services/import?dryRun=1', {
			staff: supervisor,
			locale: 'en',
			raw: toCsv(bad),
			headers: { 'content-type': 'text/csv' }
		});
		expect(dryEn.body.errors.map((e: { reason: string }) => e.reason)).toEqual([
			'A weight is a whole number 1..10, or empty',
			'Please enter a number.',
			`Prefix ${bad[10]![0]} is already used on line 11`
		]);
		expect(dry.body.rows.find((r: { line: number }) => r.line === 151).action).toBe('error');
		const real = await api.call('POST', '/admin/offices/central/services/import', {
			staff: supervisor,
			raw: await toXlsx(bad),
			headers: { 'content-type': XLSX }
		});
		expect(real.status).toBe(400);
		expect(Object.keys(real.body.error.fields)).toEqual(['line 121: desk 1', 'line 151: durationMin', 'line 201: prefix']);
		expect(real.body.error.fields['line 121: desk 1']).toBe('Вес — целое число от 1 до 10 или пусто');
		expect(await snapshotOfWrites()).toEqual(before);
	});

	it('imports 230 services with the 40-desk table in one go; the same file again changes nothing', async () => {
		const services = await count('services');
		const events = await configEvents();
		const done = await api.call('POST', '/admin/offices/central/services/import', {
			staff: supervisor,
			raw: await toXlsx(rows),
			headers: { 'content-type': XLSX }
		});
		expect(done.status).toBe(200);
		expect(done.body).toMatchObject({ dryRun: false, written: true, created: 230, errors: [] });
		expect(await count('services')).toBe(services + 230);
		expect(await configEvents()).toBe(events + 1);
		expect(await lastAudit()).toMatchObject({ entity: 'service', action: 'import' });
		const [passport] = await db.sql<{ id: number; durationMin: number; categoryId: number }[]>`
			select id, duration_min, category_id from services where office_id = ${officeId} and prefix = 'АА' and archived_at is null`;
		expect(passport!.durationMin).toBe(10);
		const path = await db.sql<{ nameRu: string }[]>`
			with recursive up as (select id, parent_id, name_ru, 0 as d from service_categories where id = ${passport!.categoryId}
				union all select c.id, c.parent_id, c.name_ru, up.d + 1 from service_categories c join up on c.id = up.parent_id)
			select name_ru from up order by d desc`;
		expect(path.map((p) => p.nameRu)).toEqual(['Паспорта и документы', 'Паспорта и документы: раздел 1', 'Группа 1']);
		const cells = await db.sql<{ n: number }[]>`
			select count(*)::int as n from desk_services ds join services s on s.id = ds.service_id where s.office_id = ${officeId} and length(s.prefix) = 2 and s.prefix <> 'ЗП'`;
		const expected = rows.slice(1).reduce((n, r) => n + r.slice(12).filter((c) => c !== '').length, 0);
		expect(cells[0]!.n).toBe(expected);

		const again = await api.call('POST', '/admin/offices/central/services/import?dryRun=1', {
			staff: supervisor,
			raw: toCsv(rows),
			headers: { 'content-type': 'text/csv' }
		});
		expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 230 });
	});

	it('exports CSV (BOM, `;`) and XLSX that import back unchanged; an edited row is an update', async () => {
		const csv = await api.call('GET', '/admin/offices/central/services/export?format=csv', { staff: supervisor });
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const bytes = csv.body as Uint8Array;
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes);
		// TextDecoder drops the BOM checked above.
		expect(text.split('\r\n')[0]).toMatch(/^prefix;nameRu;nameEn;category;/);
		expect(text).toContain(
			'АА;Загранпаспорт нового образца;Biometric travel passport;Паспорта и документы / Паспорта и документы: раздел 1 / Группа 1;10;20'
		);
		const xlsx = await api.call('GET', '/admin/offices/central/services/export?format=xlsx', { staff: supervisor });
		expect(xlsx.headers.get('content-type')).toBe(XLSX);
		const sheet = await readSheet(xlsx.body);
		expect(sheet.rows.length).toBeGreaterThan(230);
		const back = await api.call('POST', '/admin/offices/central/services/import?dryRun=1', {
			staff: supervisor,
			raw: xlsx.body,
			headers: { 'content-type': XLSX }
		});
		expect(back.body).toMatchObject({ created: 0, updated: 0, errors: [] });
		const edited = text.replace('АА;Загранпаспорт нового образца', 'АА;Загранпаспорт (биометрический)');
		const one = await api.call('POST', '/admin/offices/central/services/import?dryRun=1', {
			staff: supervisor,
			raw: edited,
			headers: { 'content-type': 'text/csv' }
		});
		expect(one.body).toMatchObject({ updated: 1, created: 0 });
		expect(one.body.rows.find((r: { prefix: string }) => r.prefix === 'АА')).toMatchObject({ action: 'update', changes: ['nameRu'] });
		// A supervisor of another office gets neither the list nor an import.
		expect((await api.call('GET', '/admin/offices/north/services/export?format=csv', { staff: supervisor })).status).toBe(403);
		expect(
			(
				await api.call('POST', '/admin/offices/north/services/import?dryRun=1', {
					staff: supervisor,
					raw: edited,
					headers: { 'content-type': 'text/csv' }
				})
			).status
		).toBe(403);
	});
});

describe('the area', () => {
	it('every catalogue operation was answered successfully', () => {
		expect(api.unexercised('catalogue')).toEqual([]);
	});
});
