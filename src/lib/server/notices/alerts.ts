import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import type { Locale } from '$lib/i18n/locale';
import type { AlertView, NewAlert } from '$lib/schemas/notices';
import { checkTicketThreshold } from './tickets';
import { maskRecipient } from './mask';
import { cancelPending, type ChannelName } from './outbox';
import { stopKey, validStop } from './stop';

/**
 * A visitor's alerts on their own ticket (anyone holding the ticket's public code, as for its
 * status). One per channel: a second on the same channel is `alert_exists` (delete it first to
 * change it). Only while the ticket waits or is called.
 */
export async function createAlert(sql: Sql, publicCode: string, alert: NewAlert, locale: Locale, now: Date): Promise<AlertView> {
	return sql.begin(async (tx) => {
		const [t] = await tx<{ id: number; officeId: number; state: string }[]>`
			select id, office_id, state from tickets where public_code = ${publicCode} for update`;
		if (!t) throw new TalonError('ticket_not_found');
		if (t.state !== 'waiting' && t.state !== 'called') throw new TalonError('ticket_state_conflict', { state: t.state });
		const rows = await tx`
			insert into ticket_alerts (ticket_id, channel, recipient, locale, ahead, created_at)
			values (${t.id}, ${alert.channel}, ${alert.recipient}, ${locale}, ${alert.ahead}, ${now})
			on conflict do nothing returning ticket_id`;
		if (rows.length === 0) throw new TalonError('alert_exists', { channel: alert.channel });
		// Already that near: say so now rather than after the next call.
		await checkTicketThreshold(tx, t.officeId, t.id, now);
		const [a] = await tx<{ aheadSent: boolean }[]>`
			select ahead_sent from ticket_alerts where ticket_id = ${t.id} and channel = ${alert.channel}`;
		return { channel: alert.channel, ahead: alert.ahead, to: maskRecipient(alert.channel, alert.recipient), aheadSent: a!.aheadSent };
	});
}

export async function deleteAlert(sql: Sql, publicCode: string, channel: ChannelName): Promise<void> {
	const rows = await sql`
		delete from ticket_alerts a using tickets t
		where t.id = a.ticket_id and t.public_code = ${publicCode} and a.channel = ${channel} returning a.ticket_id`;
	if (rows.length === 0) throw new TalonError('not_found');
}

export async function ticketAlerts(sql: Sql, publicCode: string): Promise<AlertView[]> {
	const rows = await sql<{ channel: ChannelName; ahead: number; recipient: string | null; aheadSent: boolean }[]>`
		select a.channel, a.ahead, a.recipient, a.ahead_sent from ticket_alerts a join tickets t on t.id = a.ticket_id
		where t.public_code = ${publicCode} order by a.channel`;
	return rows.map((r) => ({ channel: r.channel, ahead: r.ahead, to: maskRecipient(r.channel, r.recipient), aheadSent: r.aheadSent }));
}

/** The ticket's number when `sig` is this ticket's stop link for `channel` (`notices/stop.ts`), else null. */
export async function checkStopLink(sql: Sql, publicCode: string, channel: ChannelName, sig: string): Promise<{ number: string } | null> {
	if (!validStop(await stopKey(sql), publicCode, channel, sig)) return null;
	const [t] = await sql<{ number: string }[]>`select number from tickets where public_code = ${publicCode}`;
	return t ?? null;
}

/**
 * The stop link's POST (its page's button, or a mail client's one-click unsubscribe): deletes the
 * alert and cancels its notices not sent yet. Wrong signature → `not_found` (a link that names
 * nothing); an alert already gone is fine (true: nothing more will be sent).
 */
export async function stopAlert(sql: Sql, publicCode: string, channel: ChannelName, sig: string): Promise<boolean> {
	if (!validStop(await stopKey(sql), publicCode, channel, sig)) throw new TalonError('not_found');
	await sql.begin(async (tx) => {
		const gone = await tx<{ ticketId: number }[]>`
			delete from ticket_alerts a using tickets t
			where t.id = a.ticket_id and t.public_code = ${publicCode} and a.channel = ${channel} returning a.ticket_id`;
		for (const a of gone) await cancelPending(tx, { ticketId: a.ticketId }, channel);
	});
	return true;
}
