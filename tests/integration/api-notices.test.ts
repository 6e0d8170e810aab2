import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { apiClient } from '../helpers/api';
import { makeOffice } from '../helpers/fixture';
import { issueTicket } from '../../src/lib/server/queue';

/**
 * The notices area of the API (tests/helpers/api-areas.ts): ticket alerts. Every answer is
 * checked against the OpenAPI document by the client.
 */
let db: TestDatabase;
let api: Awaited<ReturnType<typeof apiClient>>;
let code: string;
let f: Awaited<ReturnType<typeof makeOffice>>;

beforeAll(async () => {
	db = await createTestDatabase();
	api = await apiClient(db);
	f = await makeOffice(db.sql, { slug: 'api-notices' });
	for (let i = 0; i < 5; i++) await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
	code = (await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' })).publicCode;
});
afterAll(async () => {
	await db?.close();
});

describe('remote joining', () => {
	const smsCode = async (phone: string) => {
		const [n] = await db.sql<{ body: { text: string } }[]>`
			select body from notifications where kind = 'otp' and recipient = ${phone} order by id desc limit 1`;
		return /(\d{6})/.exec(n!.body.text)![1]!;
	};

	it('400 remote_not_allowed while no service is open to it; then 202 for the code and 201 for the ticket with its link', async () => {
		const none = await api.call('POST', '/offices/api-notices/remote/code', { body: { phone: '+79165550001' }, ip: '10.9.0.1' });
		expect(none.status).toBe(400);
		expect(none.body.error.code).toBe('remote_not_allowed');
		await db.sql`update services set remote_allowed = true where id = ${f.services.b}`;
		const bad = await api.call('POST', '/offices/api-notices/remote/code', { body: { phone: '12345' }, ip: '10.9.0.1' });
		expect(bad.status).toBe(400);
		expect(bad.body.error.fields).toEqual({ phone: 'phone' });
		const sent = await api.call('POST', '/offices/api-notices/remote/code', { body: { phone: '8 916 555-00-01' }, ip: '10.9.0.1' });
		expect(sent.status).toBe(202);
		const smsText = await smsCode('+79165550001');
		const wrongService = await api.call('POST', '/offices/api-notices/remote/tickets', {
			body: { phone: '+79165550001', code: smsText, serviceId: f.services.a },
			ip: '10.9.0.1'
		});
		expect(wrongService.body.error.code).toBe('remote_not_allowed');
		const wrong = await api.call('POST', '/offices/api-notices/remote/tickets', {
			body: { phone: '+79165550001', code: smsText === '123456' ? '654321' : '123456', serviceId: f.services.b },
			ip: '10.9.0.1'
		});
		expect(wrong.status).toBe(400);
		expect(wrong.body.error.code).toBe('code_invalid');
		const joined = await api.call('POST', '/offices/api-notices/remote/tickets', {
			body: { phone: '+79165550001', code: smsText, serviceId: f.services.b },
			ip: '10.9.0.1'
		});
		expect(joined.status).toBe(201);
		expect(joined.body.statusUrl).toMatch(new RegExp(`/t/${joined.body.publicCode}$`));
		expect(joined.body.ticket.number).toMatch(/^К\d{3}$/);
		expect(joined.body.checkinCode).toMatch(/^[A-Z0-9]{6}$/);
		// One active remote ticket per phone and office.
		await api.call('POST', '/offices/api-notices/remote/code', { body: { phone: '+79165550001' }, ip: '10.9.0.1' });
		const twice = await api.call('POST', '/offices/api-notices/remote/tickets', {
			body: { phone: '+79165550001', code: await smsCode('+79165550001'), serviceId: f.services.b },
			ip: '10.9.0.1'
		});
		expect(twice.status).toBe(409);
		expect(twice.body.error.code).toBe('remote_ticket_exists');
	});

	it('429 after 3 codes for one phone in 15 minutes', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) {
			statuses.push(
				(await api.call('POST', '/offices/api-notices/remote/code', { body: { phone: '+79165550002' }, ip: `10.9.1.${i}` })).status
			);
		}
		expect(statuses).toEqual([202, 202, 202, 429]);
	});
});

describe('ticket alerts', () => {
	it('201 for an SMS alert (the phone masked); 409 for a second on that channel; 400 for a bad phone or e-mail', async () => {
		const created = await api.call('POST', `/tickets/${code}/alerts`, {
			body: { channel: 'sms', to: '8 916 123-45-67', ahead: 2 },
			ip: '10.0.0.1'
		});
		expect(created.status).toBe(201);
		expect(created.body).toEqual({ channel: 'sms', ahead: 2, to: '+7916*****67', aheadSent: false });
		const again = await api.call('POST', `/tickets/${code}/alerts`, { body: { channel: 'sms', to: '+79161234500' }, ip: '10.0.0.1' });
		expect(again.status).toBe(409);
		expect(again.body.error.code).toBe('alert_exists');
		const badPhone = await api.call('POST', `/tickets/${code}/alerts`, { body: { channel: 'sms', to: '12345' }, ip: '10.0.0.2' });
		expect(badPhone.status).toBe(400);
		expect(badPhone.body.error.fields).toEqual({ to: 'phone' });
		const badMail = await api.call('POST', `/tickets/${code}/alerts`, { body: { channel: 'email', to: 'nobody' }, ip: '10.0.0.2' });
		expect(badMail.status).toBe(400);
		const badAhead = await api.call('POST', `/tickets/${code}/alerts`, {
			body: { channel: 'email', to: 'a@b.ru', ahead: 0 },
			ip: '10.0.0.2'
		});
		expect(badAhead.status).toBe(400);
		const unknown = await api.call('POST', `/tickets/aaaaaaaaaaaaaaaa/alerts`, {
			body: { channel: 'sms', to: '+79161234567' },
			ip: '10.0.0.3'
		});
		expect(unknown.status).toBe(404);
	});

	it('DELETE stops it; a second DELETE is 404; then a new alert on the channel is accepted', async () => {
		const del = await api.call('DELETE', `/tickets/${code}/alerts/sms`, { ip: '10.0.0.4' });
		expect(del).toMatchObject({ status: 200, body: { deleted: true } });
		expect((await api.call('DELETE', `/tickets/${code}/alerts/sms`, { ip: '10.0.0.4' })).status).toBe(404);
		const created = await api.call('POST', `/tickets/${code}/alerts`, {
			body: { channel: 'email', to: 'Anna@Example.ru' },
			ip: '10.0.0.4'
		});
		expect(created.body).toEqual({ channel: 'email', ahead: 3, to: 'a***@example.ru', aheadSent: false });
	});

	it('rate-limited per ticket and per client address (429 with Retry-After)', async () => {
		const statuses = async (n: number, url: (i: number) => string, ip: (i: number) => string) => {
			const out: number[] = [];
			for (let i = 0; i < n; i++) out.push((await api.call('DELETE', url(i), { ip: ip(i) })).status);
			return out;
		};
		// One ticket from many addresses: 10 changes, then 429 (the 4 calls above count too).
		const perTicket = await statuses(
			8,
			() => `/tickets/${code}/alerts/push`,
			(i) => `10.1.0.${i}`
		);
		expect(perTicket.slice(-2)).toEqual([429, 429]);
		// One address on many tickets: 60, then 429.
		const codes = (i: number) =>
			`/tickets/${'abcdefgh'.repeat(2).slice(0, 14)}${'ab'[i % 2]}${'cdefghijklmnopqrstuvwxyz234567'[i % 30]}/alerts/sms`;
		const perAddress = await statuses(62, codes, () => '10.2.0.1');
		expect(perAddress.filter((s) => s === 429)).toHaveLength(2);
		const r = await api.call('DELETE', `/tickets/${code}/alerts/push`, { ip: '10.1.0.1' });
		expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
	});

	it('answers every operation of the notices area', () => {
		expect(api.unexercised('notices')).toEqual([]);
	});
});
