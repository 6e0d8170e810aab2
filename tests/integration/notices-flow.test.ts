import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { callNext, cancelTicket, finish, issueTicket, recall, startService } from '../../src/lib/server/queue';
import { createAlert, deleteAlert, ticketAlerts } from '../../src/lib/server/notices/alerts';
import { newAlertBody } from '../../src/lib/schemas/notices';
import { cancelBooking, createBooking, moveBooking } from '../../src/lib/server/booking/bookings';
import { setBookingPlan } from '../../src/lib/server/booking/plan';
import { writeDueReminders } from '../../src/lib/server/notices/jobs';
import { erasePersonalData } from '../../src/lib/server/booking/jobs';
import { runJob } from '../../src/lib/server/jobs/scheduler';
import { noticeJobs } from '../../src/lib/server/notices/jobs';
import { countSms } from '../../src/lib/domain/sms-segments';
import { failedNotices, noticeCounts, retryNotice } from '../../src/lib/server/notices/admin';
import type { AdminScope } from '../../src/lib/server/admin/scope';

/** What gets written to the outbox, and when: by the engine's hook, the booking commands and the reminder job. */
let db: TestDatabase;
let offices = 0;
const clock = new Date('2026-11-23T07:00:00Z');
const now = () => clock;

beforeAll(async () => {
	db = await createTestDatabase();
});
afterAll(async () => {
	await db?.close();
});

async function office(): Promise<Fixture> {
	return makeOffice(db.sql, { slug: `notice-office-${++offices}`, now });
}
async function issue(f: Fixture) {
	const issued = await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
	return { ...issued.ticket, publicCode: issued.publicCode };
}
const alert = (body: unknown) => newAlertBody.parse(body);
const texts = async (ticketId: number) =>
	(
		await db.sql<{ channel: string; text: string }[]>`
			select channel, body->>'text' as text from notifications where ticket_id = ${ticketId} order by id`
	).map((r) => `${r.channel}: ${r.text.split('\n')[0]}`);

describe('ticket notices', () => {
	it('"перед вами 2" once when the threshold is reached, then «Вас вызывают к окну N» on call and recall', async () => {
		const f = await office();
		const before = [await issue(f), await issue(f), await issue(f), await issue(f)];
		const mine = await issue(f);
		const t = mine.publicCode;
		const view = await createAlert(db.sql, t, alert({ channel: 'sms', to: '8 (916) 123-45-67', ahead: 2 }), 'ru', clock);
		expect(view).toEqual({ channel: 'sms', ahead: 2, to: '+7916*****67', aheadSent: false });
		await createAlert(db.sql, t, alert({ channel: 'email', to: 'Anna@Example.ru', ahead: 1 }), 'en', clock);

		// 4 ahead -> 3 -> 2: the SMS now; the e-mail (threshold 1) later.
		const desk1 = f.desks[0]!;
		const desk2 = f.desks[1]!;
		await callNext(f.ctx, f.actor, { deskId: desk1 });
		expect(await texts(mine.id)).toEqual([]);
		await callNext(f.ctx, f.actor, { deskId: desk2 });
		expect(await texts(mine.id)).toEqual(['sms: Талон П005: перед вами 2']);
		// Others moving on do not repeat it.
		await startService(f.ctx, f.actor, { deskId: desk1, ticketId: before[0]!.id });
		await finish(f.ctx, f.actor, { deskId: desk1, ticketId: before[0]!.id });
		await cancelTicket(f.ctx, f.actor, { ticketId: before[2]!.id });
		expect(await texts(mine.id)).toEqual(['sms: Талон П005: перед вами 2', 'email: Ticket П005: 1 ahead of you']);
		await callNext(f.ctx, f.actor, { deskId: desk1 }); // calls before[3]
		const called = await callNext(f.ctx, f.actor, { deskId: desk1 }).catch(() => null);
		expect(called).toBeNull(); // desk 1 is busy with before[3]
		await startService(f.ctx, f.actor, { deskId: desk2, ticketId: before[1]!.id });
		await finish(f.ctx, f.actor, { deskId: desk2, ticketId: before[1]!.id });
		const me = await callNext(f.ctx, f.actor, { deskId: desk2 });
		expect(me.ticket?.id).toBe(mine.id);
		await recall(f.ctx, f.actor, { deskId: desk2, ticketId: mine.id });
		expect(await texts(mine.id)).toEqual([
			'sms: Талон П005: перед вами 2',
			'email: Ticket П005: 1 ahead of you',
			'sms: Талон П005: Вас вызывают к окну 2',
			'email: Ticket П005: please come to desk 2',
			'sms: Талон П005: Вас вызывают к окну 2',
			'email: Ticket П005: please come to desk 2'
		]);
		// The notices are written in the command's transaction: pending, for the sender.
		const states = await db.sql`select distinct state from notifications where ticket_id = ${mine.id}`;
		expect(states.map((r) => r.state)).toEqual(['pending']);
	});

	it('an alert set when already near says so at once; a second on the same channel is refused; delete removes it', async () => {
		const f = await office();
		await issue(f);
		const mine = await issue(f);
		const view = await createAlert(db.sql, mine.publicCode, alert({ channel: 'sms', to: '+79161234567' }), 'ru', clock);
		expect(view.aheadSent).toBe(true);
		expect(await texts(mine.id)).toEqual(['sms: Талон П002: перед вами 1']);
		await expect(createAlert(db.sql, mine.publicCode, alert({ channel: 'sms', to: '+79161234568' }), 'ru', clock)).rejects.toMatchObject({
			code: 'alert_exists'
		});
		await deleteAlert(db.sql, mine.publicCode, 'sms');
		expect(await ticketAlerts(db.sql, mine.publicCode)).toEqual([]);
		await callNext(f.ctx, f.actor, { deskId: f.desks[0]! });
		await callNext(f.ctx, f.actor, { deskId: f.desks[1]! });
		expect(await texts(mine.id)).toEqual(['sms: Талон П002: перед вами 1']);
	});

	it('bad contacts are refused at the edge', () => {
		expect(newAlertBody.safeParse({ channel: 'sms', to: '12345' }).success).toBe(false);
		expect(newAlertBody.safeParse({ channel: 'email', to: 'not-an-address' }).success).toBe(false);
		expect(newAlertBody.safeParse({ channel: 'sms', to: '+79161234567', ahead: 11 }).success).toBe(false);
		expect(newAlertBody.safeParse({ channel: 'push' }).success).toBe(false);
		expect(newAlertBody.parse({ channel: 'sms', to: '+7 916 123 45 67' })).toEqual({ channel: 'sms', recipient: '+79161234567', ahead: 3 });
	});
});

describe('booking notices', () => {
	const BOOKED_AT = new Date('2026-11-23T05:00:00Z'); // Monday 08:00 Moscow
	const VISIT = new Date('2026-11-25T07:00:00Z'); // Wednesday 10:00 Moscow

	async function book(f: Fixture, phone: string) {
		await setBookingPlan(db.sql, f.officeId);
		await db.sql`update offices set address_ru = 'г. Москва, ул. Большая Дмитровка, д. 32, стр. 1, подъезд 4, 2 этаж' where id = ${f.officeId}`;
		return createBooking(
			db.sql,
			{
				officeId: f.officeId,
				serviceId: f.services.a,
				startsAt: VISIT,
				name: 'Анна',
				phone,
				email: null,
				notify: { locale: 'ru', origin: 'https://t.example' }
			},
			BOOKED_AT
		);
	}
	const bookingTexts = async (bookingId: number) =>
		(
			await db.sql<{ kind: string; text: string }[]>`
				select kind, body->>'text' as text from notifications where booking_id = ${bookingId} order by id`
		).map((r) => `${r.kind}: ${r.text}`);

	it('confirmed, moved and cancelled, each in its own transaction; every SMS one segment', async () => {
		const f = await office();
		const { booking, token } = await book(f, '+79161110001');
		await moveBooking(db.sql, token, new Date('2026-11-25T08:00:00Z'), BOOKED_AT);
		await cancelBooking(db.sql, token, BOOKED_AT);
		const got = await bookingTexts(booking.id);
		expect(got).toEqual([
			`booking_confirmed: Запись ${booking.code}: 25.11 10:00, г. Москва, ул. Большая Дмитровка, д. 32,…`,
			`booking_moved: Запись ${booking.code} перенесена на 25.11 11:00`,
			`booking_cancelled: Запись ${booking.code} на 25.11 11:00 отменена`
		]);
		for (const line of got) expect(countSms(line.slice(line.indexOf(': ') + 2)).segments).toBe(1);
	});

	it('a refused move writes no notice (it rolls back with the move)', async () => {
		const f = await office();
		const { booking, token } = await book(f, '+79161110002');
		await expect(moveBooking(db.sql, token, new Date('2026-11-25T07:07:00Z'), BOOKED_AT)).rejects.toMatchObject({
			code: 'slot_unavailable'
		});
		expect((await bookingTexts(booking.id)).map((t) => t.split(':')[0])).toEqual(['booking_confirmed']);
	});

	it('reminders: 18:00 office time the evening before and 2 hours before, once each; a moved booking is reminded again', async () => {
		const f = await office();
		const { booking, token } = await book(f, '+79161110003');
		const remind = (at: string) => db.sql.begin((tx) => writeDueReminders(tx, new Date(at)));
		const reminders = async () => (await bookingTexts(booking.id)).filter((t) => t.startsWith('booking_reminder'));

		await remind('2026-11-24T14:59:00Z'); // 17:59 Moscow
		expect(await reminders()).toEqual([]);
		await remind('2026-11-24T15:00:00Z'); // 18:00 Moscow
		await remind('2026-11-24T15:01:00Z');
		expect(await reminders()).toEqual([
			`booking_reminder: Напоминаем: 25.11 10:00 запись ${booking.code}, г. Москва, ул. Большая Дмитров…`
		]);
		await remind('2026-11-25T04:59:00Z');
		expect(await reminders()).toHaveLength(1);
		await remind('2026-11-25T05:00:00Z'); // 08:00 Moscow, 2 h before
		await remind('2026-11-25T05:30:00Z');
		expect(await reminders()).toHaveLength(2);

		// Moved to 12:00: its own 2-hour reminder at 10:00.
		await moveBooking(db.sql, token, new Date('2026-11-25T09:00:00Z'), new Date('2026-11-25T05:40:00Z'));
		await remind('2026-11-25T07:00:00Z');
		await remind('2026-11-25T07:10:00Z');
		expect(await reminders()).toHaveLength(3);
		expect((await reminders())[2]).toContain('25.11 12:00');
	});

	it('per office: reminders turned off, or at other times', async () => {
		const f = await office();
		await db.sql`insert into notice_settings (office_id, reminder_eve_at_min, reminder_before_min) values (${f.officeId}, null, 60)`;
		const { booking } = await book(f, '+79161110004');
		for (const at of ['2026-11-24T15:00:00Z', '2026-11-25T05:00:00Z']) await db.sql.begin((tx) => writeDueReminders(tx, new Date(at)));
		expect(await bookingTexts(booking.id)).toHaveLength(1);
		// Through the scheduler's run (under its advisory lock).
		expect(await runJob(db.sql, noticeJobs[0]!, new Date('2026-11-25T06:00:00Z'))).toEqual({ outcome: 'done', rows: 1 });
		expect(await bookingTexts(booking.id)).toHaveLength(2);
	});

	it("personal data: the retention job erases the notices' and alerts' phones and e-mails", async () => {
		const f = await office();
		const { booking, token } = await book(f, '+79161110005');
		await cancelBooking(db.sql, token, BOOKED_AT);
		const t = await issue(f);
		await createAlert(db.sql, t.publicCode, alert({ channel: 'sms', to: '+79161110006', ahead: 10 }), 'ru', clock);
		await cancelTicket(f.ctx, f.actor, { ticketId: t.id });
		await db.sql`update notifications set state = 'sent' where booking_id = ${booking.id} or ticket_id = ${t.id}`;
		const left = async () =>
			(
				await db.sql<{ recipient: string }[]>`
					select recipient from notifications where (booking_id = ${booking.id} or ticket_id = ${t.id}) and recipient is not null
					union all select recipient from ticket_alerts where ticket_id = ${t.id} and recipient is not null`
			).map((r) => r.recipient);
		// Within the retention period (30 days by default) they stay.
		await erasePersonalData(db.sql, new Date('2026-12-10T00:00:00Z'));
		expect((await left()).sort()).toEqual(['+79161110005', '+79161110005', '+79161110006', '+79161110006']);
		await erasePersonalData(db.sql, new Date('2027-01-10T00:00:00Z'));
		expect(await left()).toEqual([]);
		const [b] = await db.sql`select phone, erased_at from bookings where id = ${booking.id}`;
		expect(b).toMatchObject({ phone: null, erasedAt: expect.any(Date) });
	});
});

describe('failed notices for supervisors', () => {
	it('a supervisor sees and re-queues the failed notices of their offices only; the re-queue is audited', async () => {
		const mine = await office();
		const other = await office();
		const [a] = await db.sql<{ id: number }[]>`
			insert into notifications (office_id, kind, channel, recipient, body, state, attempts, due_at, created_at, failed_at, last_error)
			values (${mine.officeId}, 'ticket_called', 'sms', '+79161234567', '{"text":"x"}', 'failed', 4, now(), now(), now(), 'SMS gateway answered 500')
			returning id`;
		await db.sql`
			insert into notifications (office_id, kind, channel, recipient, body, state, attempts, due_at, created_at, failed_at, last_error)
			values (${other.officeId}, 'ticket_called', 'sms', '+79161234599', '{"text":"y"}', 'failed', 4, now(), now(), now(), 'no')`;
		const supervisor: AdminScope = { staffId: 0, login: 'sup', isAdmin: false, officeIds: [mine.officeId] };
		const failed = await failedNotices(db.sql, supervisor);
		expect(failed.map((n) => [n.officeId, n.to, n.lastError, n.attempts])).toEqual([
			[mine.officeId, '+7916*****67', 'SMS gateway answered 500', 4]
		]);
		expect((await noticeCounts(db.sql, supervisor, new Date())).failed).toBe(1);
		const [theirs] = await db.sql<{ id: number }[]>`select id from notifications where office_id = ${other.officeId}`;
		await expect(retryNotice(db.sql, supervisor, theirs!.id, new Date())).rejects.toMatchObject({ code: 'forbidden' });
		await retryNotice(db.sql, supervisor, a!.id, new Date());
		expect(await db.sql`select state, attempts from notifications where id = ${a!.id}`).toEqual([{ state: 'pending', attempts: 0 }]);
		const [entry] = await db.sql`select entity, entity_id, action, staff_login from audit_log where entity = 'notice'`;
		expect(entry).toMatchObject({ entity: 'notice', entityId: String(a!.id), action: 'update', staffLogin: 'sup' });
	});
});
