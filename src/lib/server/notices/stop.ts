import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Sql, Tx } from '$lib/server/db/connect';
import { config } from '$lib/server/config';
import type { ChannelName } from './outbox';

/**
 * The stop (unsubscribe) link of a ticket e-mail: `/t/<code>/stop?channel=email&sig=<HMAC>`.
 * Signed with the installation's key (`notice_keys.stop`, made by migration 0036), so the link
 * names exactly one alert; opening it shows a confirmation, and only the button (a POST) deletes
 * the alert — a mail scanner that follows links stops nothing.
 */
export async function stopKey(sql: Sql | Tx): Promise<string> {
	const [row] = await sql<{ key: string }[]>`select value->>'key' as key from notice_keys where name = 'stop'`;
	if (!row?.key) throw new Error('notice_keys.stop is missing (migration 0036)');
	return row.key;
}

export function stopSignature(key: string, publicCode: string, channel: ChannelName): string {
	return createHmac('sha256', key).update(`stop:${publicCode}:${channel}`).digest('base64url').slice(0, 32);
}

export function stopUrl(key: string, publicCode: string, channel: ChannelName): string {
	return `${config().ORIGIN}/t/${publicCode}/stop?channel=${channel}&sig=${stopSignature(key, publicCode, channel)}`;
}

export function validStop(key: string, publicCode: string, channel: ChannelName, sig: string): boolean {
	const want = Buffer.from(stopSignature(key, publicCode, channel));
	const got = Buffer.from(sig);
	return got.length === want.length && timingSafeEqual(got, want);
}
