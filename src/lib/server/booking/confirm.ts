import ical from 'ical-generator';
import QRCode from 'qrcode';
import type { Locale } from '$lib/i18n/locale';
import { bookingMessages } from '$lib/i18n/booking';
import { localAddress, localDocuments, localName } from '$lib/i18n/local';
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

/**
 * What the confirmation notices carry besides the booking's facts (src/lib/server/notices/booking.ts
 * renders them with src/lib/i18n/notices.ts): the manage link, which exists only now (its token is
 * shown once), and the calendar file for the e-mail.
 */
export function confirmationExtras(d: BookingDetails, locale: Locale, origin: string, token: string): { manageUrl: string; ics: string } {
	return { manageUrl: manageUrl(origin, token), ics: bookingIcs(d, locale, origin, token) };
}
