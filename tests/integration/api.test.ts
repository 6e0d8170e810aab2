import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { apiClient } from '../helpers/api';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { addDevice } from '../../src/lib/server/auth/devices';
import { createSession, validateSession, type StaffPrincipal } from '../../src/lib/server/auth/sessions';
import { hashToken } from '../../src/lib/server/booking/bookings';

/**
 * Every /api/v1 operation, called the way SvelteKit calls it, against a real database: each
 * answer's status must be one the OpenAPI document lists for the operation and its body must
 * validate against the documented schema (`apiClient` checks both on every call). The last test
 * fails when an operation of the document has not been answered successfully here.
 */
let db: TestDatabase;
let api: Awaited<ReturnType<typeof apiClient>>;
let kiosk: string;
let board: string;
let otherKiosk: string;
let staff: StaffPrincipal;
let serviceId: number;

beforeAll(async () => {
	db = await createTestDatabase();
	const seeded = await seedDemo(db.sql);
	kiosk = seeded.devices.find((d) => d.kind === 'kiosk')!.token;
	board = seeded.devices.find((d) => d.kind === 'display')!.token;
	const [other] = await db.sql<{ id: number }[]>`
		insert into offices (slug, name_ru, name_en, time_zone) values ('other', 'Другой', 'Other', 'Asia/Vladivostok') returning id`;
	otherKiosk = (await addDevice(db.sql, { officeId: other!.id, kind: 'kiosk', name: 'Чужой киоск' })).token;
	const [operator] = await db.sql<{ id: number }[]>`select id from staff_users where login = 'operator'`;
	staff = (await validateSession(db.sql, (await createSession(db.sql, operator!.id)).token))!;
	const [service] = await db.sql<
		{ id: number }[]
	>`select id from services where office_id = ${seeded.officeId} and bookable order by id limit 1`;
	serviceId = service!.id;
	api = await apiClient(db);
});
afterAll(() => db?.close());

describe('offices', () => {
	it('lists offices and services with their queues', async () => {
		expect((await api.call('GET', '/offices')).body.offices.map((o: { slug: string }) => o.slug)).toContain('central');
		const services = await api.call('GET', '/offices/central/services');
		expect(services.status).toBe(200);
		expect(services.body.services[0]).toMatchObject({ waiting: 0, openDesks: 0 });
		expect((await api.call('GET', '/offices/nowhere/services')).body.error.code).toBe('office_not_found');
	});

	it('gives the snapshot to devices and staff of the office only', async () => {
		const snap = await api.call('GET', '/offices/central/snapshot', { token: board });
		expect(snap.status).toBe(200);
		expect(snap.body.office.slug).toBe('central');
		expect((await api.call('GET', '/offices/central/snapshot', { staff })).status).toBe(200);
		expect((await api.call('GET', '/offices/central/snapshot')).body.error.code).toBe('unauthorized');
		expect((await api.call('GET', '/offices/central/snapshot', { token: otherKiosk })).body.error.code).toBe('wrong_office');
		expect((await api.call('GET', '/offices/central/snapshot', { token: 'no-such-token' })).status).toBe(401);
	});
});

describe('tickets', () => {
	it('issues a ticket once per idempotency key, with the one issued-ticket shape', async () => {
		const headers = { 'idempotency-key': 'api-test-key-1' };
		const first = await api.call('POST', '/offices/central/tickets', { token: kiosk, headers, body: { serviceId } });
		expect(first.status).toBe(201);
		expect(first.body).toMatchObject({ duplicate: false, appointmentAt: null, statusUrl: `${api.origin}/t/${first.body.publicCode}` });
		expect(first.body.ticket).toMatchObject({ serviceId, state: 'waiting', source: 'kiosk' });
		const again = await api.call('POST', '/offices/central/tickets', { token: kiosk, headers, body: { serviceId } });
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ duplicate: true, ticket: { id: first.body.ticket.id } });

		const status = await api.call('GET', `/tickets/${first.body.publicCode}`);
		expect(status.body).toMatchObject({ number: first.body.ticket.number, state: 'waiting' });
		expect((await api.call('GET', '/tickets/aaaaaaaaaaaaaaaa')).body.error.code).toBe('ticket_not_found');
		expect((await api.call('GET', '/tickets/NOT-A-CODE')).status).toBe(400);
	});

	it('lets staff issue, refuses boards and strangers, and names the wrong fields', async () => {
		const byStaff = await api.call('POST', '/offices/central/tickets', { staff, body: { serviceId, priorityReason: 'veteran' } });
		expect(byStaff.body.ticket).toMatchObject({ source: 'api', category: 'priority' });
		expect((await api.call('POST', '/offices/central/tickets', { body: { serviceId } })).body.error.code).toBe('unauthorized');
		expect((await api.call('POST', '/offices/central/tickets', { token: board, body: { serviceId } })).body.error.code).toBe('forbidden');
		expect((await api.call('POST', '/offices/central/tickets', { token: otherKiosk, body: { serviceId } })).body.error.code).toBe(
			'wrong_office'
		);
		const bad = await api.call('POST', '/offices/central/tickets', { token: kiosk, body: { serviceId: 'one' }, locale: 'en' });
		expect(bad.status).toBe(400);
		expect(bad.body.error).toMatchObject({ code: 'invalid_input', fields: { serviceId: expect.any(String) } });
		expect((await api.call('POST', '/offices/central/tickets', { token: kiosk, body: { serviceId: 999999 } })).body.error.code).toBe(
			'service_not_found'
		);
	});
});

describe('devices', () => {
	it('tells a device who it is; anything else is refused', async () => {
		expect((await api.call('GET', '/device', { token: kiosk })).body).toMatchObject({
			device: { kind: 'kiosk' },
			office: { slug: 'central' }
		});
		expect((await api.call('GET', '/device', { token: 'revoked-or-unknown' })).status).toBe(401);
		expect((await api.call('GET', '/device', { staff })).status).toBe(403);
	});
});

describe('booking', () => {
	it('books, reads, moves and cancels by the manage token', async () => {
		const days = await api.call('GET', `/offices/central/slots?service=${serviceId}`);
		expect(days.body.days.length).toBeGreaterThan(0);
		const day = days.body.days.at(-1).day; // the furthest day: untouched by the clock of the run
		const slots = await api.call('GET', `/offices/central/slots?service=${serviceId}&date=${day}`);
		expect(slots.body.slots.length).toBeGreaterThan(1);
		const [first, second] = slots.body.slots;
		const made = await api.call('POST', '/offices/central/bookings', {
			body: { serviceId, startsAt: first.startsAt, name: 'Иван Петров', phone: '8 (916) 123-45-67', email: '', consent: true }
		});
		expect(made.status).toBe(201);
		expect(made.body).toMatchObject({ booking: { state: 'booked', phone: '+79161234567', email: null }, emailed: false });
		const token = made.body.token;
		expect((await api.call('GET', `/bookings/${token}`)).body.booking.code).toBe(made.body.booking.code);
		expect((await api.call('PATCH', `/bookings/${token}`, { body: { startsAt: second.startsAt } })).body.booking.startsAt).toBe(
			second.startsAt
		);
		expect((await api.call('DELETE', `/bookings/${token}`)).body.booking.state).toBe('cancelled');
		expect((await api.call('DELETE', `/bookings/${token}`)).body.error.code).toBe('booking_not_active');
		expect((await api.call('GET', '/bookings/nosuchtoken0000000')).body.error.code).toBe('booking_not_found');
		const refused = await api.call('POST', '/offices/central/bookings', {
			body: { serviceId, startsAt: first.startsAt, name: 'И', phone: '123', consent: false }
		});
		expect(Object.keys(refused.body.error.fields).sort()).toEqual(['consent', 'name', 'phone']);
	});

	it('says when to come back: 429 with Retry-After and params.seconds, before the input is even read', async () => {
		let last;
		for (let i = 0; i < 21; i++) last = await api.call('POST', '/offices/central/bookings', { ip: '10.0.0.21', body: {} });
		expect(last!.status).toBe(429);
		expect(last!.body.error.params.seconds).toBeGreaterThan(0);
		expect(last!.headers.get('retry-after')).toBe(String(last!.body.error.params.seconds));
	});
});

describe('check-ins', () => {
	let phones = 0;
	async function booking(code: string, startsAt: Date) {
		const [office] = await db.sql<{ id: number }[]>`select id from offices where slug = 'central'`;
		await db.sql`
			insert into bookings (office_id, service_id, starts_at, duration_min, local_day, code, token_hash, citizen_name, phone, source, created_at)
			values (${office!.id}, ${serviceId}, ${startsAt}, 15, ${startsAt.toISOString().slice(0, 10)}, ${code}, ${hashToken(code)}, 'Гость', ${'+7916000000' + ++phones}, 'api', now())`;
	}

	it('turns a booking into an appointment ticket; too early says when it opens', async () => {
		await booking('ACEFH3', new Date(Date.now() + 5 * 60_000));
		const done = await api.call('POST', '/offices/central/check-ins', {
			token: kiosk,
			body: { code: 'acefh3', idempotencyKey: 'check-in-key-1' }
		});
		expect(done.status).toBe(201);
		expect(done.body.ticket.category).toBe('appointment');
		expect(done.body.appointmentAt).toBe(done.body.ticket.appointmentAt);
		expect(
			(await api.call('POST', '/offices/central/check-ins', { token: kiosk, body: { code: 'ACEFH3', idempotencyKey: 'check-in-key-1' } }))
				.status
		).toBe(200);

		const opensIn = new Date(Date.now() + 3 * 3600_000);
		await booking('KMNPR4', opensIn);
		const early = await api.call('POST', '/offices/central/check-ins', { token: kiosk, body: { code: 'KMNPR4' } });
		expect(early.status).toBe(409);
		expect(early.body.error.code).toBe('booking_too_early');
		expect(new Date(early.body.error.params.opensAt).getTime()).toBeLessThan(opensIn.getTime());
		expect((await api.call('POST', '/offices/central/check-ins', { token: kiosk, body: { code: 'XXXXXX' } })).body.error.code).toBe(
			'booking_not_found'
		);
	});
});

describe('the document', () => {
	it('is served', async () => {
		expect((await api.call('GET', '/openapi.json')).body.openapi).toBe('3.1.0');
	});

	it('has no operation this file has not answered successfully', () => {
		expect(api.unexercised()).toEqual([]);
	});
});
