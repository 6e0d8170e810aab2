import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice } from '../helpers/fixture';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { createBooking, bookingDetails } from '../../src/lib/server/booking/bookings';
import { setBookingPlan } from '../../src/lib/server/booking/plan';
import { bookingIcs } from '../../src/lib/server/booking/confirm';
import { createSender } from '../../src/lib/server/notices/sender';
import { smtpEmail } from '../../src/lib/server/notices/channels/email';

/**
 * The confirmation e-mail, written to the outbox with the booking and delivered by the sender
 * through nodemailer to a local SMTP server (smtp-server) on a random port.
 */
let db: TestDatabase;
let smtp: SmtpSink;

beforeAll(async () => {
	db = await createTestDatabase();
	smtp = await startSmtpSink();
});
afterAll(async () => {
	await smtp?.close();
	await db?.close();
});

const NOW = new Date('2026-11-23T05:00:00Z');

describe('confirmation e-mail', () => {
	it('the citizen gets the code, time, address, documents, manage link and an .ics, sent from the outbox', async () => {
		const f = await makeOffice(db.sql, { slug: 'mail-office' });
		await db.sql`update offices set address_ru = 'ул. Ленина, 1' where id = ${f.officeId}`;
		await db.sql`update services set documents_ru = ${['Паспорт']} where id = ${f.services.a}`;
		await setBookingPlan(db.sql, f.officeId);
		const { booking, token } = await createBooking(
			db.sql,
			{
				officeId: f.officeId,
				serviceId: f.services.a,
				startsAt: new Date('2026-11-24T06:00:00Z'),
				name: 'Анна',
				phone: '+79165551234',
				email: 'anna@example.ru',
				notify: { locale: 'ru', origin: 'https://talon.example' }
			},
			NOW
		);
		const details = await bookingDetails(db.sql, booking);

		// Committed with the booking, nothing sent yet: an SMS to the phone and an e-mail.
		const queued = await db.sql<{ channel: string; state: string }[]>`
			select channel, state from notifications where booking_id = ${booking.id} order by channel`;
		expect(queued).toEqual([
			{ channel: 'email', state: 'pending' },
			{ channel: 'sms', state: 'pending' }
		]);
		expect(smtp.received).toHaveLength(0);

		const email = smtpEmail({ url: smtp.url, from: 'MFC <noreply@mfc.example>' });
		const sender = createSender({ sql: db.sql, channels: { email }, now: () => NOW });
		await sender.tick();
		await email.close?.();
		expect(smtp.received).toHaveLength(1);
		expect(smtp.received[0]!.to).toEqual(['anna@example.ru']);
		const mail = smtp.received[0]!.raw;
		expect(mail).toMatch(/^From: MFC <noreply@mfc\.example>$/m);
		const text = smtp.received[0]!.text;
		expect(text).toContain(booking.code);
		expect(text).toContain('09:00');
		expect(text).toContain('ул. Ленина, 1');
		expect(text).toContain('Паспорт');
		expect(text).toContain(`https://talon.example/book/manage/${token}`);
		expect(mail).toMatch(/filename="?booking-[A-Z0-9]{6}\.ics/);
		expect(mail).toContain('text/calendar');

		const ics = bookingIcs(details, 'ru', 'https://talon.example', token);
		expect(ics).toContain('DTSTART:20261124T060000Z');
		expect(ics).toContain('DTEND:20261124T061000Z');

		// Sent once; the manage link (a secret) is not kept in the outbox after sending.
		const [sent] = await db.sql<{ state: string; body: unknown; providerId: string }[]>`
			select state, body, provider_id from notifications where booking_id = ${booking.id} and channel = 'email'`;
		expect(sent).toMatchObject({ state: 'sent', body: null });
		expect(sent!.providerId).toMatch(/notice-\d+@talon/);
	});
});
