import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../helpers/smtp-sink';
import { cancelBooking, createBooking, moveBooking } from '../../src/lib/server/booking/bookings';
import { setBookingPlan } from '../../src/lib/server/booking/plan';
import { writeDueReminders } from '../../src/lib/server/notices/jobs';
import { checkBookingStop, stopBookingEmails } from '../../src/lib/server/notices/booking';
import { createAlert } from '../../src/lib/server/notices/alerts';
import { newAlertBody } from '../../src/lib/schemas/notices';
import { createSender, type Sender } from '../../src/lib/server/notices/sender';
import { smtpEmail } from '../../src/lib/server/notices/channels/email';
import type { Channel, Outgoing } from '../../src/lib/server/notices/channels/channel';
import { callNext, issueTicket } from '../../src/lib/server/queue';

/**
 * Issue 13, "every e-mail has a stop link", for bookings: each booking e-mail ends with a signed
 * link that stops that booking's e-mails to that address, and every e-mail Talon sends carries
 * it as `List-Unsubscribe` with `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
 * Delivered through nodemailer to a local SMTP server; what the link's page and its POST do is
 * called here as the route calls it (the HTTP side: tests/e2e/booking-stop.spec.ts).
 */
let db: TestDatabase;
let smtp: SmtpSink;
let offices = 0;
const sms: Outgoing[] = [];
const smsChannel: Channel = {
	name: 'sms',
	provider: 'test',
	async send(n) {
		sms.push(n);
		return { providerId: null };
	}
};
let sender: Sender;
let clock = new Date('2026-11-23T05:00:00Z'); // Monday 08:00 Moscow

beforeAll(async () => {
	db = await createTestDatabase();
	smtp = await startSmtpSink();
	sender = createSender({
		sql: db.sql,
		channels: { email: smtpEmail({ url: smtp.url, from: 'MFC <noreply@mfc.example>' }), sms: smsChannel },
		now: () => clock
	});
});
afterAll(async () => {
	await sender?.stop();
	await smtp?.close();
	await db?.close();
});

const VISIT = new Date('2026-11-25T07:00:00Z'); // Wednesday 10:00 Moscow
const EVE = new Date('2026-11-24T15:00:30Z'); // 18:00 Moscow the day before
const TWO_HOURS_BEFORE = new Date('2026-11-25T05:00:30Z');

async function book(f: Fixture, phone: string, email: string, startsAt = VISIT) {
	await setBookingPlan(db.sql, f.officeId);
	const made = await createBooking(
		db.sql,
		{
			officeId: f.officeId,
			serviceId: f.services.a,
			startsAt,
			name: 'Анна',
			phone,
			email,
			notify: { locale: 'ru', origin: 'https://t.example' }
		},
		clock
	);
	return made;
}
const remind = (at: Date) => db.sql.begin((tx) => writeDueReminders(tx, at));
async function deliver(at: Date): Promise<void> {
	clock = at;
	await sender.drain();
}
const mailsTo = (address: string) => smtp.received.filter((m) => m.to.some((to) => to.toLowerCase() === address.toLowerCase()));
const outbox = async (bookingId: number) =>
	db.sql<{ kind: string; channel: string; state: string; lastError: string | null }[]>`
		select kind, channel, state, last_error from notifications where booking_id = ${bookingId} order by id`;
const header = (m: ReceivedMail, name: string) => m.headers.get(name.toLowerCase()) ?? [];

/** The stop link as a mail client reads it from the header; the same link ends the text. */
function stopLinkOf(m: ReceivedMail): URL {
	const [value] = header(m, 'List-Unsubscribe');
	const url = new URL(/^<([^>]+)>$/.exec(value ?? '')?.[1] ?? 'x:');
	expect(m.text).toContain(url.href);
	return url;
}
const sigOf = (u: URL) => u.searchParams.get('sig')!;
const tamper = (sig: string) => sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');

describe('the stop link of booking e-mails', () => {
	it('every booking e-mail carries the link and the one-click headers; the link stops the next reminder, not the SMS', async () => {
		const f = await makeOffice(db.sql, { slug: `stop-office-${++offices}` });
		const { booking } = await book(f, '+79161230001', 'Anna@Example.ru');
		await deliver(clock);
		const [confirmation] = mailsTo('Anna@Example.ru');
		expect(confirmation).toBeDefined();
		expect(header(confirmation!, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click']);
		const link = stopLinkOf(confirmation!);
		expect(link.pathname).toBe(`/book/stop/${booking.id}`);
		expect(confirmation!.text).toContain('Вы получили это письмо, потому что указали этот адрес при записи.');
		expect(confirmation!.text).toContain(`Не присылать больше писем об этой записи: ${link.href}`);

		// The evening reminder: an e-mail with the same link and headers, and an SMS.
		await remind(EVE);
		await deliver(EVE);
		const [, eve] = mailsTo('Anna@Example.ru');
		expect(eve!.headers.get('subject')?.[0]).toBeDefined();
		expect(eve!.text).toContain('Напоминаем о записи');
		expect(stopLinkOf(eve!).href).toBe(link.href);
		expect(header(eve!, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click']);
		expect(sms.filter((s) => s.recipient === '+79161230001').map((s) => s.kind)).toEqual(['booking_confirmed', 'booking_reminder']);

		// Opening the link (GET: the page that asks) changes nothing and names the booking.
		const view = await checkBookingStop(db.sql, booking.id, sigOf(link));
		expect(view).toMatchObject({ code: booking.code, to: 'A***@Example.ru', stopped: false, localDay: '2026-11-25' });
		const [still] = await db.sql`select emails_stopped_at from bookings where id = ${booking.id}`;
		expect(still!.emailsStoppedAt).toBeNull();

		// The POST stops. Twice is fine (a mail client may retry).
		await stopBookingEmails(db.sql, booking.id, sigOf(link), new Date('2026-11-24T16:00:00Z'));
		await stopBookingEmails(db.sql, booking.id, sigOf(link), new Date('2026-11-24T17:00:00Z'));
		expect(await checkBookingStop(db.sql, booking.id, sigOf(link))).toMatchObject({ stopped: true });
		const [stopped] = await db.sql`select emails_stopped_at from bookings where id = ${booking.id}`;
		expect(stopped!.emailsStoppedAt).toEqual(new Date('2026-11-24T16:00:00Z'));

		// The next reminder (2 hours before) goes by SMS only; no e-mail is written or sent.
		const mailsBefore = smtp.received.length;
		await remind(TWO_HOURS_BEFORE);
		await deliver(TWO_HOURS_BEFORE);
		expect(smtp.received).toHaveLength(mailsBefore);
		expect(sms.filter((s) => s.recipient === '+79161230001').map((s) => s.kind)).toEqual([
			'booking_confirmed',
			'booking_reminder',
			'booking_reminder'
		]);
		expect((await outbox(booking.id)).filter((n) => n.channel === 'email').map((n) => n.kind)).toEqual([
			'booking_confirmed',
			'booking_reminder'
		]);
	});

	it('a notice already in the outbox when the link is used is cancelled there, never sent; moved and cancelled write no e-mail', async () => {
		clock = new Date('2026-11-23T05:00:00Z');
		const f = await makeOffice(db.sql, { slug: `stop-office-${++offices}` });
		const { booking, token } = await book(f, '+79161230002', 'boris@example.ru');
		await deliver(clock);
		const link = stopLinkOf(mailsTo('boris@example.ru')[0]!);
		// The evening reminder is written; before the sender's next round the citizen stops e-mails.
		await remind(EVE);
		expect((await outbox(booking.id)).filter((n) => n.state === 'pending').map((n) => n.channel)).toEqual(['sms', 'email']);
		await stopBookingEmails(db.sql, booking.id, sigOf(link), EVE);
		await deliver(EVE);
		expect(mailsTo('boris@example.ru')).toHaveLength(1);
		const reminders = (await outbox(booking.id)).filter((n) => n.kind === 'booking_reminder');
		expect(reminders).toEqual([
			{ kind: 'booking_reminder', channel: 'sms', state: 'sent', lastError: null },
			{ kind: 'booking_reminder', channel: 'email', state: 'cancelled', lastError: 'stopped by the recipient (stop link)' }
		]);

		await moveBooking(db.sql, token, new Date('2026-11-25T08:00:00Z'), new Date('2026-11-24T16:00:00Z'));
		await cancelBooking(db.sql, token, new Date('2026-11-24T16:05:00Z'));
		await deliver(new Date('2026-11-24T16:06:00Z'));
		expect(mailsTo('boris@example.ru')).toHaveLength(1);
		expect((await outbox(booking.id)).map((n) => `${n.kind}/${n.channel}`)).toEqual([
			'booking_confirmed/sms',
			'booking_confirmed/email',
			'booking_reminder/sms',
			'booking_reminder/email',
			'booking_moved/sms',
			'booking_cancelled/sms'
		]);
	});

	it("a changed link, or another booking's, is refused and changes nothing", async () => {
		clock = new Date('2026-11-23T05:00:00Z');
		const f = await makeOffice(db.sql, { slug: `stop-office-${++offices}` });
		const mine = await book(f, '+79161230003', 'vera@example.ru');
		const other = await book(f, '+79161230004', 'gleb@example.ru', new Date('2026-11-25T08:00:00Z'));
		await deliver(clock);
		const link = stopLinkOf(mailsTo('vera@example.ru')[0]!);
		await remind(EVE);

		const wrong = [
			[mine.booking.id, tamper(sigOf(link))],
			[mine.booking.id, sigOf(link).slice(0, -1)],
			[other.booking.id, sigOf(link)],
			[mine.booking.id + 1000, sigOf(link)]
		] as const;
		for (const [id, sig] of wrong) {
			expect(await checkBookingStop(db.sql, id, sig)).toBeNull();
			await expect(stopBookingEmails(db.sql, id, sig, EVE)).rejects.toMatchObject({ code: 'not_found' });
		}
		const flags =
			await db.sql`select id from bookings where emails_stopped_at is not null and id in (${mine.booking.id}, ${other.booking.id})`;
		expect(flags).toEqual([]);
		const states = await db.sql`
			select distinct state from notifications where booking_id in (${mine.booking.id}, ${other.booking.id}) and kind = 'booking_reminder'`;
		expect(states.map((r) => r.state)).toEqual(['pending']);

		// The link names the address it was sent to: once the e-mail is changed, it names nothing.
		await db.sql`update bookings set email = 'vera.new@example.ru' where id = ${mine.booking.id}`;
		expect(await checkBookingStop(db.sql, mine.booking.id, sigOf(link))).toBeNull();
	});
});

describe('every e-mail Talon sends has the one-click headers', () => {
	it('a ticket alert e-mail: List-Unsubscribe is its stop link', async () => {
		clock = new Date('2026-11-23T07:00:00Z');
		const f = await makeOffice(db.sql, { slug: `stop-office-${++offices}`, now: () => clock });
		const issued = await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		await createAlert(db.sql, issued.publicCode, newAlertBody.parse({ channel: 'email', to: 'dina@example.ru', ahead: 1 }), 'ru', clock);
		await callNext(f.ctx, f.actor, { deskId: f.desks[0]! });
		await deliver(clock);
		const mails = mailsTo('dina@example.ru');
		expect(mails.map((m) => m.headers.get('subject'))).toHaveLength(2); // "перед вами 0" and the call
		for (const m of mails) {
			const link = stopLinkOf(m);
			expect(link.pathname).toBe(`/t/${issued.publicCode}/stop`);
			expect(header(m, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click']);
		}
	});
});
