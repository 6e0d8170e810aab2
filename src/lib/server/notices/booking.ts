import type { Sql, Tx } from '$lib/server/db/connect';
import type { Locale } from '$lib/i18n/locale';
import { bookingNotice, type BookingFacts, type BookingNoticeKind } from '$lib/i18n/notices';
import { enqueue, type NewNotice } from './outbox';

interface BookingNoticeRow {
	id: number;
	officeId: number;
	code: string;
	startsAt: Date;
	localDay: string;
	durationMin: number;
	phone: string | null;
	email: string | null;
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
		select b.id, b.office_id, b.code, b.starts_at, b.local_day, b.duration_min, b.phone, b.email, b.locale,
			o.name_ru, o.name_en, o.address_ru, o.address_en, o.time_zone,
			s.name_ru as service_name_ru, s.name_en as service_name_en, s.documents_ru, s.documents_en
		from bookings b join offices o on o.id = b.office_id join services s on s.id = b.service_id
		where b.id = ${bookingId}`;
	return row ?? null;
}

export function factsOf(r: BookingNoticeRow, manageUrl?: string): BookingFacts {
	return {
		code: r.code,
		startsAt: r.startsAt,
		localDay: r.localDay,
		durationMin: r.durationMin,
		office: { nameRu: r.nameRu, nameEn: r.nameEn, addressRu: r.addressRu, addressEn: r.addressEn, timeZone: r.timeZone },
		service: { nameRu: r.serviceNameRu, nameEn: r.serviceNameEn, documentsRu: r.documentsRu, documentsEn: r.documentsEn },
		phone: r.phone,
		manageUrl
	};
}

/**
 * The notices of a booking event (made, moved, cancelled, a reminder), written in the caller's
 * transaction: an SMS when the booking has a phone, an e-mail when it has an e-mail. `ics` is the
 * calendar file the confirmation carries (built by the booking module).
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
	if (r.email) {
		const body = bookingNotice(r.locale, kind, 'email', facts);
		if (extra.ics)
			body.attachments = [{ filename: `booking-${r.code}.ics`, content: extra.ics, contentType: 'text/calendar; charset=utf-8' }];
		notices.push({ ...base, channel: 'email', recipient: r.email, body, secret: Boolean(extra.manageUrl), dedupeKey: key('email') });
	}
	return enqueue(tx, notices, now);
}
