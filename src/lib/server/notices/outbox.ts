import type { Sql, Tx } from '$lib/server/db/connect';
import type { Locale } from '$lib/i18n/locale';
import type { NoticeBody } from '$lib/i18n/notices';

/**
 * The outbox: a notice is a row of `notifications` written by the transaction that causes it,
 * so it commits or rolls back with the booking or the ticket change. The sender (`sender.ts`)
 * delivers it afterwards. Mirrors the checks of migrations/0030_notices.sql.
 */
export const NoticeState = { pending: 'pending', sending: 'sending', sent: 'sent', failed: 'failed', cancelled: 'cancelled' } as const;
export type NoticeState = (typeof NoticeState)[keyof typeof NoticeState];

export const channels = ['sms', 'email', 'push'] as const;
export type ChannelName = (typeof channels)[number];

export type NoticeKind =
	'booking_confirmed' | 'booking_reminder' | 'booking_moved' | 'booking_cancelled' | 'ticket_ahead' | 'ticket_called' | 'otp';

export interface NewNotice {
	officeId: number | null;
	kind: NoticeKind;
	channel: ChannelName;
	/** E.164 phone, e-mail address or push subscription JSON. */
	recipient: string;
	locale: Locale;
	body: NoticeBody;
	/** The body holds a secret (a manage link): it is dropped once sent. */
	secret?: boolean;
	bookingId?: number | null;
	ticketId?: number | null;
	/** A notice a job may write twice is written once (`on conflict do nothing`). */
	dedupeKey?: string | null;
	/** When it may be sent; default `now`. */
	dueAt?: Date;
}

/** Writes notices in the caller's transaction; returns how many were new (a dedupe key may skip). */
export async function enqueue(tx: Tx | Sql, notices: readonly NewNotice[], now: Date): Promise<number> {
	let written = 0;
	for (const n of notices) {
		const rows = await tx`
			insert into notifications (office_id, kind, channel, recipient, locale, body, secret, booking_id, ticket_id,
				dedupe_key, due_at, created_at)
			values (${n.officeId}, ${n.kind}, ${n.channel}, ${n.recipient}, ${n.locale}, ${tx.json(n.body as never)},
				${n.secret ?? false}, ${n.bookingId ?? null}, ${n.ticketId ?? null}, ${n.dedupeKey ?? null}, ${n.dueAt ?? now}, ${now})
			on conflict (dedupe_key) do nothing
			returning id`;
		written += rows.length;
	}
	return written;
}

/**
 * The recipient stopped these notices (a stop link): the ones not sent yet become `cancelled`
 * and are never sent. One already `sending` is with the provider and cannot be called back.
 */
export async function cancelPending(tx: Tx | Sql, of: { bookingId: number } | { ticketId: number }, channel: ChannelName): Promise<number> {
	const rows = await tx`
		update notifications set state = 'cancelled', last_error = 'stopped by the recipient (stop link)'
		where state = 'pending' and channel = ${channel}
		  and ${'bookingId' in of ? tx`booking_id = ${of.bookingId}` : tx`ticket_id = ${of.ticketId}`}
		returning id`;
	return rows.length;
}

/** A notice as a supervisor's list shows it: the recipient masked, the text without secrets. */
export interface NoticeRow {
	id: number;
	officeId: number | null;
	kind: NoticeKind;
	channel: ChannelName;
	recipient: string | null;
	state: NoticeState;
	attempts: number;
	dueAt: Date;
	sentAt: Date | null;
	failedAt: Date | null;
	lastError: string | null;
	createdAt: Date;
}
