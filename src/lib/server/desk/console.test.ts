import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/helpers/db';
import { makeOffice, type Fixture } from '../../../../tests/helpers/fixture';
import { addStaffUser } from '$lib/server/auth/staff';
import { createSession, type StaffPrincipal } from '$lib/server/auth/sessions';
import { callNext, finish, issueTicket, openDesk, startService } from '$lib/server/queue';
import { TalonError } from '$lib/errors';
import type { Actor } from '$lib/server/queue';
import { chooseDesk, deskChoices, leaveDesk, operatorDay, sidePanel, sidePanelFor } from './console';

/** What the console's server side derives: who holds which desk, the operator's day, the booked name. */
let db: TestDatabase;
let f: Fixture;
let clock = new Date('2025-03-03T07:00:00.000Z'); // 10:00 in Moscow
const tick = (min: number) => (clock = new Date(clock.getTime() + min * 60_000));
let n = 0;

async function operator(): Promise<{ actor: Actor; principal: StaffPrincipal }> {
	const { id } = await addStaffUser(db.sql, {
		login: `panel${++n}`,
		password: 'a long password',
		roles: ['operator'],
		officeIds: [f.officeId],
		displayName: `Оператор ${n}`
	});
	return {
		actor: { kind: 'staff', staffId: id, officeIds: [f.officeId] },
		principal: {
			staffId: id,
			login: `panel${n}`,
			displayName: `Оператор ${n}`,
			roles: ['operator'],
			officeIds: [f.officeId],
			sessionExpiresAt: clock
		}
	};
}

beforeAll(async () => {
	db = await createTestDatabase();
	f = await makeOffice(db.sql, { slug: 'panel', desks: 3, now: () => clock });
	await db.sql`update desks set state = 'closed', staff_id = null where office_id = ${f.officeId}`;
});
afterAll(() => db?.close());

describe('desk choices', () => {
	it('a desk held by another signed-in operator is taken; one left by a signed-out operator is free', async () => {
		const me = await operator();
		const live = await operator();
		const gone = await operator();
		await createSession(db.sql, live.principal.staffId, clock);
		await openDesk(f.ctx, live.actor, { deskId: f.desks[0]! });
		await openDesk(f.ctx, gone.actor, { deskId: f.desks[1]! }); // no session: signed out long ago
		await openDesk(f.ctx, me.actor, { deskId: f.desks[2]! });
		const choices = await deskChoices(db.sql, f.officeId, me.principal, clock);
		expect(choices.map((c) => ({ n: c.number, takenBy: c.takenBy, mine: c.mine }))).toEqual([
			{ n: 1, takenBy: live.principal.displayName, mine: false },
			{ n: 2, takenBy: null, mine: false },
			{ n: 3, takenBy: null, mine: true }
		]);
		expect(choices[0]!.prefixes).toEqual(['П', 'К']);
	});
});

describe('operator day and side panel', () => {
	it('counts the visitors this operator finished today and their mean service time', async () => {
		const op = await operator();
		await db.sql`update desks set state = 'open', staff_id = ${op.principal.staffId} where id = ${f.desks[2]!}`;
		expect(await operatorDay(db.sql, f.officeId, 'Europe/Moscow', op.principal.staffId, clock)).toEqual({
			served: 0,
			averageServiceSec: null
		});
		for (const minutes of [4, 8]) {
			await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
			const { ticket } = await callNext(f.ctx, op.actor, { deskId: f.desks[2]! });
			await startService(f.ctx, op.actor, { deskId: f.desks[2]!, ticketId: ticket!.id });
			tick(minutes);
			await finish(f.ctx, op.actor, { deskId: f.desks[2]!, ticketId: ticket!.id });
		}
		expect(await operatorDay(db.sql, f.officeId, 'Europe/Moscow', op.principal.staffId, clock)).toEqual({
			served: 2,
			averageServiceSec: 360
		});
		// Another operator's day is their own.
		const other = await operator();
		expect((await operatorDay(db.sql, f.officeId, 'Europe/Moscow', other.principal.staffId, clock)).served).toBe(0);
	});

	it('shows the citizen’s name only for the ticket that came from their booking', async () => {
		const op = await operator();
		const day = '2025-03-03';
		const [booking] = await db.sql<{ id: number }[]>`
			insert into bookings (office_id, service_id, starts_at, duration_min, local_day, code, citizen_name, phone, state)
			values (${f.officeId}, ${f.services.a}, ${clock}, 10, ${day}, 'PNL4K7', 'Иванова Мария Петровна', '+79161234567', 'checked_in') returning id`;
		const booked = await issueTicket(f.ctx, f.actor, {
			officeId: f.officeId,
			serviceId: f.services.a,
			source: 'booking',
			appointmentAt: clock,
			bookingId: booking!.id
		});
		const walkIn = await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		const input = { officeId: f.officeId, timeZone: 'Europe/Moscow', deskId: f.desks[2]!, staffId: op.principal.staffId };
		const withName = await sidePanel(db.sql, { ...input, ticketId: booked.ticket.id }, clock);
		expect(withName.citizenName).toBe('Иванова Мария Петровна');
		expect(withName.bookings.map((b) => b.code)).toContain('PNL4K7');
		expect((await sidePanel(db.sql, { ...input, ticketId: walkIn.ticket.id }, clock)).citizenName).toBeNull();
		expect((await sidePanel(db.sql, { ...input, ticketId: null }, clock)).citizenName).toBeNull();
	});
});

describe('choosing and leaving a desk', () => {
	const code = (p: Promise<unknown>) =>
		p.then(
			() => 'ok',
			(e: unknown) => (e instanceof TalonError ? e.code : e)
		);

	it('refuses a desk of another office, an unknown desk and one another signed-in operator holds', async () => {
		const me = await operator();
		const live = await operator();
		await createSession(db.sql, live.principal.staffId, clock);
		const other = await makeOffice(db.sql, { slug: 'panel-other', desks: 1, now: () => clock });
		await db.sql`update desks set state = 'closed', staff_id = null where office_id = ${f.officeId}`;
		await openDesk(f.ctx, live.actor, { deskId: f.desks[0]! });
		expect(await code(chooseDesk(db.sql, me.principal, other.desks[0]!, clock))).toBe('wrong_office');
		expect(await code(chooseDesk(db.sql, me.principal, 2_000_000_000, clock))).toBe('desk_not_found');
		expect(await code(chooseDesk(db.sql, me.principal, f.desks[0]!, clock))).toBe('desk_taken');
		expect(await chooseDesk(db.sql, me.principal, f.desks[1]!, clock)).toEqual({ officeId: f.officeId });
		expect(await code(sidePanelFor(db.sql, me.principal, { deskId: other.desks[0]!, ticketId: null }, clock))).toBe('wrong_office');
	});

	it('leaving closes the desk the operator holds, leaves one with a visitor open, and never touches another’s', async () => {
		const me = await operator();
		const live = await operator();
		await db.sql`update desks set state = 'closed', staff_id = null where office_id = ${f.officeId}`;
		await openDesk(f.ctx, me.actor, { deskId: f.desks[1]! });
		await leaveDesk(f.ctx, me.principal, f.desks[1]!);
		const state = async (deskId: number) => (await db.sql<{ state: string }[]>`select state from desks where id = ${deskId}`)[0]!.state;
		expect(await state(f.desks[1]!)).toBe('closed');

		await openDesk(f.ctx, me.actor, { deskId: f.desks[1]! });
		await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		await callNext(f.ctx, me.actor, { deskId: f.desks[1]! });
		// The engine refuses (desk_busy): the operator still leaves, the desk stays open with its visitor.
		await expect(leaveDesk(f.ctx, me.principal, f.desks[1]!)).resolves.toBeUndefined();
		expect(await state(f.desks[1]!)).toBe('open');

		await openDesk(f.ctx, live.actor, { deskId: f.desks[0]! });
		await leaveDesk(f.ctx, me.principal, f.desks[0]!);
		expect(await state(f.desks[0]!)).toBe('open');
	});

	it('a database failure while leaving is not swallowed', async () => {
		const me = await operator();
		await db.sql`update desks set state = 'closed', staff_id = null where office_id = ${f.officeId}`;
		await openDesk(f.ctx, me.actor, { deskId: f.desks[2]! });
		// The engine's transaction fails for a reason that is not a refusal.
		const failing = {
			...f.ctx,
			sql: new Proxy(f.ctx.sql, { get: (t, k) => (k === 'begin' ? () => Promise.reject(new Error('connection lost')) : Reflect.get(t, k)) })
		};
		await expect(leaveDesk(failing, me.principal, f.desks[2]!)).rejects.toThrow('connection lost');
	});
});
