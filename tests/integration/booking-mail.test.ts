import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice } from '../helpers/fixture';
import { createBooking, bookingDetails } from '../../src/lib/server/booking/bookings';
import { setBookingPlan } from '../../src/lib/server/booking/plan';
import { mailConfirmation, bookingIcs } from '../../src/lib/server/booking/confirm';
import { readConfig } from '../../src/lib/server/config';

/** The confirmation e-mail, captured by a local SMTP server (smtp-server) on a random port. */
let db: TestDatabase;
let smtp: SMTPServer;
const received: { to: string[]; body: string }[] = [];

beforeAll(async () => {
	db = await createTestDatabase();
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onData(stream, session, done) {
			let body = '';
			stream.on('data', (c: Buffer) => (body += c.toString('utf8')));
			stream.on('end', () => {
				received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
				done();
			});
		}
	});
	await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
});
afterAll(async () => {
	await new Promise<void>((r) => smtp.close(() => r()));
	await db?.close();
});

const NOW = new Date('2026-11-23T05:00:00Z');

describe('confirmation e-mail', () => {
	it('with SMTP_URL set, the citizen gets the code, time, address, documents, manage link and an .ics', async () => {
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
				email: 'anna@example.ru'
			},
			NOW
		);
		const details = await bookingDetails(db.sql, booking);

		// Without SMTP_URL nothing is sent.
		expect(await mailConfirmation(details, 'ru', 'https://talon.example', token, readConfig({}))).toBe(false);

		const settings = readConfig({
			SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
			SMTP_FROM: 'MFC <noreply@mfc.example>'
		});
		expect(await mailConfirmation(details, 'ru', 'https://talon.example', token, settings)).toBe(true);
		expect(received).toHaveLength(1);
		expect(received[0]!.to).toEqual(['anna@example.ru']);
		const mail = received[0]!.body;
		expect(mail).toMatch(/^From: MFC <noreply@mfc\.example>$/m);
		const text = decodeQuotedPrintable(mail);
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
	});
});

function decodeQuotedPrintable(s: string): string {
	const soft = s.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < soft.length; i++) {
		if (soft[i] === '=' && /^[0-9A-F]{2}$/.test(soft.slice(i + 1, i + 3))) {
			bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
	}
	return (
		Buffer.from(bytes).toString('utf8') +
		Buffer.from(s.match(/base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/)?.[1] ?? '', 'base64').toString('utf8')
	);
}
