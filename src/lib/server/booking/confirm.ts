import ical from 'ical-generator';
import nodemailer from 'nodemailer';
import QRCode from 'qrcode';
import type { Locale } from '$lib/i18n/locale';
import { bookingMessages, formatDay, formatTime } from '$lib/i18n/booking';
import { localAddress, localDocuments, localName } from '$lib/i18n/local';
import { formatPhone } from '$lib/domain/booking-rules';
import { log } from '$lib/server/log';
import { config, type Config } from '$lib/server/config';
import type { BookingDetails } from './bookings';

/** The QR of a booking code as an SVG string (the kiosk's scanner reads the code itself). */
export function codeQrSvg(code: string): Promise<string> {
	return QRCode.toString(code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

export function manageUrl(origin: string, token: string): string {
	return `${origin}/book/manage/${token}`;
}

/** The visit as a calendar file; times in UTC so every calendar places it right without a VTIMEZONE. */
export function bookingIcs(d: BookingDetails, locale: Locale, origin: string, token: string | null): string {
	const t = bookingMessages(locale);
	const docs = localDocuments(locale, d.service);
	const cal = ical({ name: t.title, prodId: { company: 'Talon', product: 'booking', language: locale.toUpperCase() } });
	cal.createEvent({
		id: `booking-${d.booking.code}@talon`,
		start: d.booking.startsAt,
		end: new Date(d.booking.startsAt.getTime() + d.booking.durationMin * 60_000),
		summary: t.calendarSummary(localName(locale, d.service)),
		location: `${localName(locale, d.office)}, ${localAddress(locale, d.office)}`,
		description: [
			`${t.yourCode}: ${d.booking.code}`,
			docs.length ? `${t.documents}: ${docs.join('; ')}` : '',
			token ? `${t.manageLink}: ${manageUrl(origin, token)}` : ''
		]
			.filter(Boolean)
			.join('\n')
	});
	return cal.toString();
}

/** The confirmation as plain text, for the e-mail. */
function confirmationText(d: BookingDetails, locale: Locale, origin: string, token: string): string {
	const t = bookingMessages(locale);
	return [
		t.doneTitle,
		'',
		`${t.yourCode}: ${d.booking.code}`,
		`${t.service}: ${localName(locale, d.service)}`,
		`${t.when}: ${formatDay(locale, d.booking.localDay)}, ${formatTime(d.booking.startsAt, d.office.timeZone)}`,
		`${t.where}: ${localName(locale, d.office)}, ${localAddress(locale, d.office)}`,
		d.booking.phone ? `${t.phone}: ${formatPhone(d.booking.phone)}` : '',
		'',
		`${t.documents}:`,
		...localDocuments(locale, d.service).map((x) => `  - ${x}`),
		'',
		t.codeHint,
		'',
		`${t.manageLink}: ${manageUrl(origin, token)}`
	].join('\n');
}

let transport: ReturnType<typeof nodemailer.createTransport> | null = null;
let transportUrl: string | null = null;

/**
 * Sends the confirmation when SMTP_URL is set (`smtp://user:pass@host:587`) and the citizen gave
 * an e-mail. A mail server being down must not undo a booking: failures are logged, not thrown.
 */
export async function mailConfirmation(
	d: BookingDetails,
	locale: Locale,
	origin: string,
	token: string,
	mail: Pick<Config, 'SMTP_URL' | 'SMTP_FROM'> = config()
): Promise<boolean> {
	const url = mail.SMTP_URL;
	if (!url || !d.booking.email) return false;
	try {
		if (!transport || transportUrl !== url) {
			transport = nodemailer.createTransport(url);
			transportUrl = url;
		}
		const [qr] = [await QRCode.toBuffer(d.booking.code, { margin: 1, width: 240 })];
		await transport.sendMail({
			from: mail.SMTP_FROM,
			to: d.booking.email,
			subject: bookingMessages(locale).mailSubject(d.booking.code),
			text: confirmationText(d, locale, origin, token),
			attachments: [
				{
					filename: `booking-${d.booking.code}.ics`,
					content: bookingIcs(d, locale, origin, token),
					contentType: 'text/calendar; charset=utf-8'
				},
				{ filename: `booking-${d.booking.code}.png`, content: qr, contentType: 'image/png' }
			]
		});
		return true;
	} catch (e) {
		log.warn({ err: e }, 'booking confirmation e-mail failed');
		return false;
	}
}
