import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { closeDesk, issueTicket, openDesk, type Actor } from '../../src/lib/server/queue';
import { TalonError } from '../../src/lib/errors';
import { errorMessage } from '../../src/lib/i18n/errors';
import { toErrorBody } from '../../src/lib/server/edge/errors';
import { startRealtime, until } from '../helpers/realtime';
import { apiClient } from '../helpers/api';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { addStaffUser } from '../../src/lib/server/auth/staff';
import { createSession } from '../../src/lib/server/auth/sessions';

/**
 * The engine itself honours two flags of the administration (issue 11), whatever a client sends:
 * a service without priority visitors refuses a priority ticket; a switched-off desk cannot be
 * opened. Each refusal: a typed error, ru/en words, no row changed and no event.
 */
let db: TestDatabase;
let f: Fixture;
let staff: Actor;

beforeAll(async () => {
	db = await createTestDatabase();
	f = await makeOffice(db.sql, { slug: 'flags', desks: 2 });
	const [row] = await db.sql<{ id: number }[]>`
		insert into staff_users (login, password_hash, roles) values ('op-flags', 'x', ${['operator']}) returning id`;
	await db.sql`insert into staff_offices (staff_id, office_id) values (${row!.id}, ${f.officeId})`;
	staff = { kind: 'staff', staffId: row!.id, officeIds: [f.officeId] };
});
afterAll(() => db?.close());

const state = async () => ({
	tickets: await db.sql`select * from tickets order by id`,
	counters: await db.sql`select * from ticket_counters order by prefix`,
	desks: await db.sql`select id, state, staff_id, active from desks order by id`,
	events: await db.sql`select count(*)::int as n from events`
});

describe('engine checks of the administration flags', () => {
	it('a priority ticket for a service without priority visitors is refused; an ordinary one and an allowed service still work', async () => {
		await db.sql`update services set priority_allowed = false where id = ${f.services.a}`;
		const before = await state();
		const refused = issueTicket(f.ctx, f.actor, {
			officeId: f.officeId,
			serviceId: f.services.a,
			source: 'kiosk',
			priorityReason: 'disabled'
		});
		await expect(refused).rejects.toMatchObject({ code: 'priority_not_allowed', status: 409 });
		expect(await state()).toEqual(before);

		const ordinary = await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		expect(ordinary.ticket.category).toBe('ordinary');
		const priority = await issueTicket(f.ctx, f.actor, {
			officeId: f.officeId,
			serviceId: f.services.b,
			source: 'kiosk',
			priorityReason: 'disabled'
		});
		expect(priority.ticket.category).toBe('priority');
	});

	it('a switched-off desk cannot be opened; switched on again, it opens', async () => {
		const desk = f.desks[1]!;
		await closeDesk(f.ctx, staff, { deskId: desk });
		await db.sql`update desks set active = false where id = ${desk}`;
		const before = await state();
		await expect(openDesk(f.ctx, staff, { deskId: desk })).rejects.toMatchObject({ code: 'desk_inactive', status: 409 });
		expect(await state()).toEqual(before);

		await db.sql`update desks set active = true where id = ${desk}`;
		expect((await openDesk(f.ctx, staff, { deskId: desk })).state).toBe('open');
	});

	it('over the socket, `desk:open` of a switched-off desk answers desk_inactive with its words', async () => {
		const rt = await startRealtime(db.sql);
		try {
			const { id } = await addStaffUser(db.sql, {
				login: 'op-socket',
				password: 'a long password',
				roles: ['operator'],
				officeIds: [f.officeId],
				displayName: 'Оператор'
			});
			const { token } = await createSession(db.sql, id);
			const socket = rt.client({ lang: 'en' }, { cookie: `talon_session=${token}` });
			await until(() => socket.connected, 5000, 'connect');
			const desk = f.desks[0]!;
			await closeDesk(f.ctx, staff, { deskId: desk });
			await db.sql`update desks set active = false where id = ${desk}`;
			type Ask = (e: string, p: unknown) => Promise<{ error?: { code: string; message: string } }>;
			const answer = await (socket.timeout(5000).emitWithAck as Ask)('desk:open', { deskId: desk });
			expect(answer.error?.code).toBe('desk_inactive');
			expect(answer.error?.message).toBe(errorMessage('en', 'desk_inactive'));
			const [row] = await db.sql<{ state: string }[]>`select state from desks where id = ${desk}`;
			expect(row!.state).toBe('closed');
		} finally {
			await rt.close();
		}
	});

	it('the kiosk API answers 409 priority_not_allowed for such a service, in the reader’s language; nothing is issued', async () => {
		const seeded = await seedDemo(db.sql);
		const kiosk = seeded.devices.find((d) => d.kind === 'kiosk')!.token;
		const [service] = await db.sql<{ id: number }[]>`
			update services set priority_allowed = false
			where id = (select id from services where office_id = ${seeded.officeId} order by id limit 1) returning id`;
		const api = await apiClient(db);
		const before = await state();
		const refused = await api.call('POST', `/offices/${seeded.officeId}/tickets`, {
			token: kiosk,
			locale: 'en',
			body: { serviceId: service!.id, priorityReason: 'veteran' }
		});
		expect(refused.status).toBe(409);
		expect(refused.body.error).toMatchObject({ code: 'priority_not_allowed', message: errorMessage('en', 'priority_not_allowed') });
		expect(await state()).toEqual(before);
		const ordinary = await api.call('POST', `/offices/${seeded.officeId}/tickets`, { token: kiosk, body: { serviceId: service!.id } });
		expect(ordinary.status).toBe(201);
	});

	it('both refusals have their own words in Russian and English', () => {
		for (const code of ['priority_not_allowed', 'desk_inactive'] as const) {
			expect(errorMessage('ru', code)).toMatch(/[а-я]/);
			expect(errorMessage('en', code)).toMatch(/^[A-Z][^а-я]+$/);
			expect(toErrorBody(new TalonError(code), 'en')).toEqual({ status: 409, body: { code, message: errorMessage('en', code) } });
		}
	});
});
