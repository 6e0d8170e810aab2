import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, NEEDS_SERVER, usingServer, type TestDatabase } from '../helpers/db';
import { apiClient } from '../helpers/api';
import { makeOffice, type Fixture } from '../helpers/fixture';
import * as engine from '../../src/lib/server/queue';
import { addDevice, type DevicePrincipal } from '../../src/lib/server/auth/devices';
import { addStaffUser } from '../../src/lib/server/auth/staff';
import { rateAtDesk, rateByCode, ratingState } from '../../src/lib/server/ratings/ratings';
import { TalonError } from '../../src/lib/errors';

/**
 * Visitors' ratings (issue 12): once per ticket, within 24 hours of the finish, copying the
 * service, desk and operator from the ticket; the API `POST /tickets/{code}/rating` and the
 * rating pad's path (`rateAtDesk`, the `rating:pad` socket command's server function).
 */
let db: TestDatabase;
let api: Awaited<ReturnType<typeof apiClient>>;
let f: Fixture;
let staffId: number;
let pad: DevicePrincipal;
const HOUR = 3_600_000;

beforeAll(async () => {
	db = await createTestDatabase();
	f = await makeOffice(db.sql, { slug: 'rate-office', desks: 2 });
	const staff = await addStaffUser(db.sql, {
		login: 'rater-op',
		password: 'a-long-enough-password-1',
		roles: ['operator'],
		officeIds: [f.officeId],
		displayName: 'Оператор'
	});
	staffId = staff.id;
	const added = await addDevice(db.sql, { officeId: f.officeId, kind: 'display', name: 'Пульт окна 1' });
	pad = { deviceId: added.id, officeId: f.officeId, kind: 'display', name: 'Пульт окна 1' };
	api = await apiClient(db);
});
afterAll(() => db?.close());

/** A ticket taken at `at`, called, served and finished at desk 1 (or `desk`) (by the operator) by `at + 10 min`. */
async function visit(opts: { finish?: boolean; at?: Date; desk?: number } = {}) {
	const at = opts.at ?? new Date();
	const ctx = { ...f.ctx, now: () => at };
	const actor = { kind: 'staff' as const, staffId, officeIds: [f.officeId] };
	const issued = await engine.issueTicket(ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'desk' });
	const desk = opts.desk ?? f.desks[0]!;
	const called = await engine.callNext(ctx, actor, { deskId: desk });
	expect(called.ticket?.id).toBe(issued.ticket.id);
	await engine.startService(ctx, actor, { deskId: desk, ticketId: issued.ticket.id });
	if (opts.finish !== false)
		await engine.finish({ ...ctx, now: () => new Date(at.getTime() + 10 * 60_000) }, actor, { deskId: desk, ticketId: issued.ticket.id });
	return { code: issued.publicCode, id: issued.ticket.id, deskId: desk };
}

const code = async (p: Promise<unknown>) =>
	p.then(
		() => 'ok',
		(e: unknown) => (e instanceof TalonError ? e.code : String(e))
	);

describe('POST /tickets/{code}/rating', () => {
	it('rates a finished visit once: 201, then 409; the rating carries the ticket’s service, desk and operator', async () => {
		const v = await visit();
		const first = await api.call('POST', `/tickets/${v.code}/rating`, { body: { score: 5, comment: '  Быстро и вежливо  ' } });
		expect(first.status).toBe(201);
		expect(first.body).toMatchObject({ score: 5, comment: 'Быстро и вежливо', via: 'page' });
		const again = await api.call('POST', `/tickets/${v.code}/rating`, { body: { score: 1 } });
		expect(again.status).toBe(409);
		expect(again.body.error.code).toBe('already_rated');
		const rows = await db.sql<{ score: number; serviceId: number; deskId: number; staffId: number; officeId: number }[]>`
			select score, service_id, desk_id, staff_id, office_id from ratings where ticket_id = ${v.id}`;
		expect(rows).toEqual([{ score: 5, serviceId: f.services.a, deskId: v.deskId, staffId, officeId: f.officeId }]);
	});

	it('refuses before the finish (400) and a ticket nobody has (404)', async () => {
		const v = await visit({ finish: false, desk: f.desks[1]! });
		const early = await api.call('POST', `/tickets/${v.code}/rating`, { body: { score: 4 } });
		expect(early.status).toBe(400);
		expect(early.body.error.code).toBe('ticket_not_finished');
		const nobody = await api.call('POST', '/tickets/aaaaaaaaaaaaaaaa/rating', { body: { score: 4 } });
		expect(nobody.status).toBe(404);
		expect((await api.call('POST', `/tickets/${v.code}/rating`, { body: { score: 6 } })).status).toBe(400);
		expect((await api.call('POST', `/tickets/${v.code}/rating`, { body: { score: 3, comment: 'я'.repeat(1001) } })).status).toBe(400);
		expect(await db.sql`select 1 from ratings where ticket_id = ${v.id}`).toHaveLength(0);
	});

	it('is open for 24 hours after the finish and closed after (400 rating_closed)', async () => {
		const old = await visit({ at: new Date(Date.now() - 25 * HOUR) });
		const late = await api.call('POST', `/tickets/${old.code}/rating`, { body: { score: 2 } });
		expect(late.status).toBe(400);
		expect(late.body.error.code).toBe('rating_closed');
		expect(await ratingState(db.sql, old.code)).toEqual({ kind: 'closed' });

		// Just inside the window (finished 23 h 50 min ago).
		const recent = await visit({ at: new Date(Date.now() - 24 * HOUR) });
		expect((await ratingState(db.sql, recent.code)).kind).toBe('open');
		expect((await api.call('POST', `/tickets/${recent.code}/rating`, { body: { score: 3 } })).status).toBe(201);
		expect(await ratingState(db.sql, recent.code)).toMatchObject({ kind: 'given', rating: { score: 3, via: 'page' } });
		// The clock decides: the same rule with an injected now.
		const v = await visit();
		expect(await code(rateByCode(db.sql, v.code, { score: 4 }, new Date(Date.now() + 25 * HOUR)))).toBe('rating_closed');
	});

	it.skipIf(!usingServer())(`stores one row when the same visit is rated twenty times at once ${NEEDS_SERVER}`, async () => {
		const v = await visit();
		const answers = await Promise.all(
			Array.from({ length: 20 }, (_, i) => api.call('POST', `/tickets/${v.code}/rating`, { body: { score: (i % 5) + 1 } }))
		);
		expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
		expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
		expect(await db.sql`select 1 from ratings where ticket_id = ${v.id}`).toHaveLength(1);
	});
});

describe('the rating pad (rateAtDesk)', () => {
	it('rates the ticket just finished at its desk, once, as `pad`', async () => {
		const v = await visit();
		expect(await rateAtDesk(db.sql, pad, { deskId: v.deskId, ticketId: v.id, score: 4 })).toMatchObject({ score: 4, via: 'pad' });
		expect(await code(rateAtDesk(db.sql, pad, { deskId: v.deskId, ticketId: v.id, score: 5 }))).toBe('already_rated');
		// The page cannot rate it a second time either.
		expect((await api.call('POST', `/tickets/${v.code}/rating`, { body: { score: 1 } })).status).toBe(409);
	});

	it('refuses kiosks and staff (403), another office’s display (403) and another desk’s ticket (404)', async () => {
		const v = await visit();
		const req = { deskId: v.deskId, ticketId: v.id, score: 5 };
		expect(await code(rateAtDesk(db.sql, { ...pad, kind: 'kiosk' }, req))).toBe('forbidden');
		expect(await code(rateAtDesk(db.sql, null, req))).toBe('forbidden');
		const other = await makeOffice(db.sql, { slug: 'rate-other', desks: 1 });
		expect(await code(rateAtDesk(db.sql, { ...pad, officeId: other.officeId }, req))).toBe('wrong_office');
		expect(await code(rateAtDesk(db.sql, pad, { ...req, deskId: f.desks[1]! }))).toBe('ticket_not_found');
		expect(await code(rateAtDesk(db.sql, pad, { ...req, ticketId: 2_000_000 }))).toBe('ticket_not_found');
		expect(new TalonError('forbidden').status).toBe(403);
		expect(new TalonError('wrong_office').status).toBe(403);
		expect(await db.sql`select 1 from ratings where ticket_id = ${v.id}`).toHaveLength(0);
	});
});

it('exercises every ratings operation', () => {
	expect(api.unexercised('ratings')).toEqual([]);
});
