import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Sql, Tx } from '$lib/server/db/connect';
import { config } from '$lib/server/config';
import type { ChannelName } from './outbox';

/**
 * The stop (unsubscribe) links of Talon's e-mails, signed with the installation's key
 * (`notice_keys.stop`, made by migration 0036), so a link names exactly what it stops:
 *  - a ticket e-mail: `/t/<code>/stop?channel=email&sig=<HMAC>` — that ticket's alert on that channel;
 *  - a booking e-mail: `/book/stop/<id>?sig=<HMAC>` — that booking's e-mails to the address the
 *    signature was made for (a changed or erased address makes the link name nothing).
 * Opening a link shows a confirmation; a POST to the same address stops: the page's button, or a
 * mail client's one-click unsubscribe (RFC 8058, the `List-Unsubscribe` header carries the same
 * link; the origin check of form posts lets it through, `edge/origin.ts`, and SvelteKit answers
 * it, as any post that does not ask for HTML, with its action JSON). A mail scanner that only
 * follows links stops nothing.
 */
export async function stopKey(sql: Sql | Tx): Promise<string> {
	const [row] = await sql<{ key: string }[]>`select value->>'key' as key from notice_keys where name = 'stop'`;
	if (!row?.key) throw new Error('notice_keys.stop is missing (migration 0036)');
	return row.key;
}

/** 32 base64url characters: 192 bits of the HMAC, beyond guessing. */
const sign = (key: string, what: string) => createHmac('sha256', key).update(what).digest('base64url').slice(0, 32);

function same(want: string, got: string): boolean {
	const a = Buffer.from(want);
	const b = Buffer.from(got);
	return a.length === b.length && timingSafeEqual(a, b);
}

export function stopSignature(key: string, publicCode: string, channel: ChannelName): string {
	return sign(key, `stop:${publicCode}:${channel}`);
}

export function stopUrl(key: string, publicCode: string, channel: ChannelName): string {
	return `${config().ORIGIN}/t/${publicCode}/stop?channel=${channel}&sig=${stopSignature(key, publicCode, channel)}`;
}

export function validStop(key: string, publicCode: string, channel: ChannelName, sig: string): boolean {
	return same(stopSignature(key, publicCode, channel), sig);
}

/** A booking's e-mails to one address (compared without case, as mail systems do). */
export function bookingStopSignature(key: string, bookingId: number, email: string): string {
	return sign(key, `stop:booking:${bookingId}:${email.toLowerCase()}`);
}

export function bookingStopUrl(key: string, bookingId: number, email: string): string {
	return `${config().ORIGIN}/book/stop/${bookingId}?sig=${bookingStopSignature(key, bookingId, email)}`;
}

export function validBookingStop(key: string, bookingId: number, email: string, sig: string): boolean {
	return same(bookingStopSignature(key, bookingId, email), sig);
}
