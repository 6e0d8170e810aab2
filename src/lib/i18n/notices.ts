import type { Locale } from './locale';
import { bookingMessages, formatDay, formatTime } from './booking';
import { localAddress, localDocuments, localName } from './local';
import { countSms } from '$lib/domain/sms-segments';
import { formatPhone } from '$lib/domain/booking-rules';

/**
 * Every notice Talon sends to a visitor, in one place, ru and en. An SMS is one segment in
 * Russian (70 UCS-2 characters: `src/lib/domain/sms-segments.ts`): what does not fit (a long
 * address) is shortened, never split into a second billed segment; the test in
 * `notices.test.ts` holds every template to it at the longest values it can get.
 */

/** The facts of a booking a notice tells, read in the transaction that causes it. */
export interface BookingFacts {
	code: string;
	startsAt: Date;
	localDay: string;
	durationMin: number;
	office: { nameRu: string; nameEn: string; addressRu: string; addressEn: string; timeZone: string };
	service: { nameRu: string; nameEn: string; documentsRu: string[]; documentsEn: string[] };
	phone: string | null;
	/** The manage link (only when the booking was just made: its token is shown once). */
	manageUrl?: string;
	/** E-mail: the signed stop link of this booking's e-mails to this address (`/book/stop/<id>?…`). */
	stopUrl?: string;
}

export type BookingNoticeKind = 'booking_confirmed' | 'booking_reminder' | 'booking_moved' | 'booking_cancelled';

/** What a channel delivers. */
export interface NoticeBody {
	text: string;
	subject?: string;
	/** Push only: the page a tap on the notification opens (the ticket's page). */
	url?: string;
	/** E-mail only: attachments rendered when the notice was written. */
	attachments?: { filename: string; content: string; contentType: string }[];
	/**
	 * E-mail only: the signed stop link the text ends with, also sent as `List-Unsubscribe` with
	 * `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058), so a mail client's own
	 * «unsubscribe» button stops the same thing.
	 */
	unsubscribeUrl?: string;
}

const SMS_LIMIT = 70;

/** Fits `head + tail` into one UCS-2 segment by shortening `tail` (an address) with an ellipsis. */
function fit(head: string, tail: string): string {
	if (!tail) return head;
	const room = SMS_LIMIT - head.length;
	if (room >= tail.length) return head + tail;
	if (room < 6) return head.replace(/,\s*$/, '');
	return head + tail.slice(0, room - 1).trimEnd() + '…';
}

const dm = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}`;

function bookingSms(locale: Locale, kind: BookingNoticeKind, f: BookingFacts): string {
	const when = `${dm(f.localDay)} ${formatTime(f.startsAt, f.office.timeZone)}`;
	const address = localAddress(locale, f.office);
	if (locale === 'en') {
		switch (kind) {
			case 'booking_confirmed':
				return fit(`Booking ${f.code}: ${when}, `, address);
			case 'booking_reminder':
				return fit(`Reminder: ${when} booking ${f.code}, `, address);
			case 'booking_moved':
				return `Booking ${f.code} moved to ${when}`;
			case 'booking_cancelled':
				return `Booking ${f.code} for ${when} is cancelled`;
		}
	}
	switch (kind) {
		case 'booking_confirmed':
			return fit(`Запись ${f.code}: ${when}, `, address);
		case 'booking_reminder':
			return fit(`Напоминаем: ${when} запись ${f.code}, `, address);
		case 'booking_moved':
			return `Запись ${f.code} перенесена на ${when}`;
		case 'booking_cancelled':
			return `Запись ${f.code} на ${when} отменена`;
	}
}

const mailText = {
	ru: {
		booking_reminder: 'Напоминаем о записи',
		booking_moved: 'Запись перенесена',
		booking_cancelled: 'Запись отменена',
		subject: {
			booking_reminder: (code: string) => `Напоминание о записи — код ${code}`,
			booking_moved: (code: string) => `Запись перенесена — код ${code}`,
			booking_cancelled: (code: string) => `Запись отменена — код ${code}`
		},
		why: 'Вы получили это письмо, потому что указали этот адрес при записи.',
		stop: 'Не присылать больше писем об этой записи'
	},
	en: {
		booking_reminder: 'A reminder of your booking',
		booking_moved: 'Your booking was moved',
		booking_cancelled: 'Your booking was cancelled',
		subject: {
			booking_reminder: (code: string) => `Booking reminder — code ${code}`,
			booking_moved: (code: string) => `Booking moved — code ${code}`,
			booking_cancelled: (code: string) => `Booking cancelled — code ${code}`
		},
		why: 'You get this because you gave this address when booking.',
		stop: 'Stop e-mails about this booking'
	}
} as const;

function bookingMail(locale: Locale, kind: BookingNoticeKind, f: BookingFacts): NoticeBody {
	const t = bookingMessages(locale);
	const m = mailText[locale];
	const lines = [
		`${t.yourCode}: ${f.code}`,
		`${t.service}: ${localName(locale, f.service)}`,
		`${t.when}: ${formatDay(locale, f.localDay)}, ${formatTime(f.startsAt, f.office.timeZone)}`,
		`${t.where}: ${localName(locale, f.office)}, ${localAddress(locale, f.office)}`
	];
	// Every booking e-mail ends with why it came and the link that stops the next ones.
	const stop = f.stopUrl ? ['', m.why, `${m.stop}: ${f.stopUrl}`] : [];
	const link = f.stopUrl ? { unsubscribeUrl: f.stopUrl } : {};
	if (kind === 'booking_confirmed') {
		const docs = localDocuments(locale, f.service);
		return {
			subject: t.mailSubject(f.code),
			text: [
				t.doneTitle,
				'',
				...lines,
				f.phone ? `${t.phone}: ${formatPhone(f.phone)}` : '',
				'',
				`${t.documents}:`,
				...docs.map((x) => `  - ${x}`),
				'',
				t.codeHint,
				...(f.manageUrl ? ['', `${t.manageLink}: ${f.manageUrl}`] : []),
				...stop
			].join('\n'),
			...link
		};
	}
	return {
		subject: m.subject[kind](f.code),
		text: [m[kind], '', ...lines, ...stop].join('\n'),
		...link
	};
}

export function bookingNotice(locale: Locale, kind: BookingNoticeKind, channel: 'sms' | 'email', f: BookingFacts): NoticeBody {
	return channel === 'sms' ? { text: bookingSms(locale, kind, f) } : bookingMail(locale, kind, f);
}

export type TicketNoticeKind = 'ticket_ahead' | 'ticket_called';

export interface TicketFacts {
	number: string;
	/** ticket_ahead: how many are ahead now. */
	ahead?: number;
	/** ticket_called: the desk's number. */
	desk?: number | string;
	/** The ticket's page, for e-mail and push; in an SMS only when the office enables links (`smsLink`). */
	url?: string;
	/** The office lets its SMS end with the ticket's link (`offices.sms_links`; off by default). */
	smsLink?: boolean;
	/** E-mail: the signed stop link that deletes this alert (`/t/<code>/stop?…`). */
	stopUrl?: string;
}

function ticketText(locale: Locale, kind: TicketNoticeKind, f: TicketFacts): string {
	if (locale === 'en') {
		return kind === 'ticket_ahead' ? `Ticket ${f.number}: ${f.ahead} ahead of you` : `Ticket ${f.number}: please come to desk ${f.desk}`;
	}
	return kind === 'ticket_ahead' ? `Талон ${f.number}: перед вами ${f.ahead}` : `Талон ${f.number}: Вас вызывают к окну ${f.desk}`;
}

export function ticketNotice(locale: Locale, kind: TicketNoticeKind, channel: 'sms' | 'email' | 'push', f: TicketFacts): NoticeBody {
	const text = ticketText(locale, kind, f);
	// A link makes the SMS longer than one Russian segment: the office chose to pay for it.
	if (channel === 'sms') return { text: f.smsLink && f.url ? `${text} ${f.url}` : text };
	const stop =
		locale === 'en'
			? `You get this because you asked on the ticket's page. Stop these e-mails: ${f.stopUrl ?? f.url ?? ''}`
			: `Вы получили это письмо, потому что попросили о нём на странице талона. Отписаться: ${f.stopUrl ?? f.url ?? ''}`;
	if (channel === 'push') return { subject: text, text, ...(f.url && { url: f.url }) };
	return { subject: text, text: `${text}\n\n${stop}`, ...(f.stopUrl && { unsubscribeUrl: f.stopUrl }) };
}

/** The one-time code of remote joining. */
export function otpNotice(locale: Locale, code: string): NoticeBody {
	return { text: locale === 'en' ? `Talon code: ${code}. Valid 5 minutes.` : `Код Talon: ${code}. Действует 5 минут.` };
}

/** Whether an SMS text fits one segment (what the templates promise). */
export const oneSegment = (text: string) => countSms(text).segments <= 1;
