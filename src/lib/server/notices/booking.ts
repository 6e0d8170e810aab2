import type { Sql, Tx } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import type { Locale } from '$lib/i18n/locale';
import { bookingNotice, type BookingFacts, type BookingNoticeKind } from '$lib/i18n/notices';
import type { BookingStopView } from '$lib/schemas/notices';
import { cancelPending, enqueue, type NewNotice } from './outbox';
import { maskEmail } from './mask';
import { bookingStopUrl, stopKey, validBookingStop } from './stop';

interface BookingNoticeRow {
	id: number;
	officeId: number;
	code: string;
	startsAt: Date;
	localDay: string;
	durationMin: number;
	phone: string | null;
	email: string | null;
	emailsStoppedAt: Date | null;
	locale: Locale;
	nameRu: string;
	nameEn: string;
	addressRu: string;
	addressEn: string;
	timeZone: string;
	serviceNameRu: string;
	serviceNameEn: string;
	documentsRu: string[];
	documentsEn: string[];
}

async function bookingFacts(tx: Tx | Sql, bookingId: number): Promise<BookingNoticeRow | null> {
	const [row] = await tx<BookingNoticeRow[]>`
		select b.id, b.office_id, b.code, b.starts_at, b.local_day, b.duration_min, b.phone, b.email, b.emails_stopped_at, b.locale,
			o.name_ru, o.name_en, o.address_ru, o.address_en, o.time_zone,
			s.name_ru as service_name_ru, s.name_en as service_name_en, s.documents_ru, s.documents_en
		from bookings b join offices o on o.id = b.office_id join services s on s.id = b.service_id
		where b.id = ${bookingId}`;
	return row ?? null;
}

export function factsOf(r: BookingNoticeRow, manageUrl?: string, stopUrl?: string): BookingFacts {
	return {
		code: r.code,
		startsAt: r.startsAt,
		localDay: r.localDay,
		durationMin: r.durationMin,
		office: { nameRu: r.nameRu, nameEn: r.nameEn, addressRu: r.addressRu, addressEn: r.addressEn, timeZone: r.timeZone },
		service: { nameRu: r.serviceNameRu, nameEn: r.serviceNameEn, documentsRu: r.documentsRu, documentsEn: r.documentsEn },
		phone: r.phone,
		manageUrl,
		stopUrl
	};
}

/**
 * The notices of a booking event (made, moved, cancelled, a reminder), written in the caller's
 * transaction: an SMS when the booking has a phone, an e-mail when it has an e-mail and its
 * recipient has not stopped them (`stopBookingEmails`). Every e-mail carries the signed stop link.
 * `ics` is the calendar file the confirmation carries (built by the booking module).
 */
export async function noticeBooking(
	tx: Tx | Sql,
	bookingId: number,
	kind: BookingNoticeKind,
	now: Date,
	extra: { manageUrl?: string; ics?: string; dedupeKey?: string; dueAt?: Date } = {}
): Promise<number> {
	const r = await bookingFacts(tx, bookingId);
	if (!r) return 0;
	const facts = factsOf(r, extra.manageUrl);
	const base = { officeId: r.officeId, kind, locale: r.locale, bookingId: r.id, dueAt: extra.dueAt } as const;
	const key = (channel: string) => (extra.dedupeKey ? `${extra.dedupeKey}:${channel}` : null);
	const notices: NewNotice[] = [];
	if (r.phone)
		notices.push({ ...base, channel: 'sms', recipient: r.phone, body: bookingNotice(r.locale, kind, 'sms', facts), dedupeKey: key('sms') });
	if (r.email && !r.emailsStoppedAt) {
		const body = bookingNotice(r.locale, kind, 'email', { ...facts, stopUrl: bookingStopUrl(await stopKey(tx), r.id, r.email) });
		if (extra.ics)
			body.attachments = [{ filename: `booking-${r.code}.ics`, content: extra.ics, contentType: 'text/calendar; charset=utf-8' }];
		notices.push({ ...base, channel: 'email', recipient: r.email, body, secret: Boolean(extra.manageUrl), dedupeKey: key('email') });
	}
	return enqueue(tx, notices, now);
}

/**
 * What a booking's stop link (`/book/stop/<id>?sig=…`, `notices/stop.ts`) names, for the page that
 * asks before stopping; null when the signature is not this booking's for its current e-mail
 * (a changed link, another booking's, or the address already erased).
 */
export async function checkBookingStop(sql: Sql, bookingId: number, sig: string): Promise<BookingStopView | null> {
	const r = await bookingFacts(sql, bookingId);
	if (!r?.email || !validBookingStop(await stopKey(sql), r.id, r.email, sig)) return null;
	return {
		code: r.code,
		startsAt: r.startsAt.toISOString(),
		localDay: r.localDay,
		timeZone: r.timeZone,
		office: { nameRu: r.nameRu, nameEn: r.nameEn },
		service: { nameRu: r.serviceNameRu, nameEn: r.serviceNameEn },
		to: maskEmail(r.email),
		stopped: r.emailsStoppedAt !== null
	};
}

/**
 * The stop link's POST (the page's button or a mail client's one-click unsubscribe): no more
 * e-mails about this booking to this address — no reminder, no notice of a move or a
 * cancellation; the ones already written and not sent are cancelled in the outbox. The booking
 * itself and its SMS are untouched. A wrong signature is `not_found` and changes nothing; a
 * second stop is fine (the link may be opened twice) and keeps the first time.
 */
export async function stopBookingEmails(sql: Sql, bookingId: number, sig: string, now: Date): Promise<void> {
	await sql.begin(async (tx) => {
		const [b] = await tx<{ id: number; email: string | null }[]>`select id, email from bookings where id = ${bookingId} for update`;
		if (!b?.email || !validBookingStop(await stopKey(tx), b.id, b.email, sig)) throw new TalonError('not_found');
		await tx`update bookings set emails_stopped_at = coalesce(emails_stopped_at, ${now}) where id = ${b.id}`;
		await cancelPending(tx, { bookingId: b.id }, 'email');
	});
}
