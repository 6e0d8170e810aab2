import type { Sql, Tx } from '$lib/server/db/connect';
import type { PublishedEvent } from '$lib/server/queue';
import { queuePosition } from '$lib/server/queue/position';
import type { TicketRow } from '$lib/server/queue/rows';
import type { Locale } from '$lib/i18n/locale';
import { ticketNotice } from '$lib/i18n/notices';
import { config } from '$lib/server/config';
import { enqueue, type ChannelName, type NewNotice } from './outbox';
import { stopKey, stopUrl } from './stop';

/** The ticket's page (where an alert is also cancelled): the stop link of a ticket e-mail. */
const ticketUrl = (publicCode: string) => `${config().ORIGIN}/t/${publicCode}`;

/**
 * The visitors' ticket notices, written by the engine's `eventsAppended` hook in the command's
 * own transaction (src/lib/server/engine-hooks.ts):
 *  - «Вас вызывают к окну 5» on `ticket.called` and `ticket.recalled`, to every alert of the ticket;
 *  - "перед вами N" once per alert, the first time the ticket has its threshold or fewer ahead.
 *    Every command that changes an office's queue re-checks that office's open alerts: one
 *    indexed query when there are none, a position count per open alert otherwise.
 */

interface AlertRow {
	ticketId: number;
	channel: ChannelName;
	recipient: string;
	locale: Locale;
	ahead: number;
}

/**
 * What a notice of one office's ticket needs besides the alert: whether its SMS may carry the
 * ticket's link (`offices.sms_links`) and, for e-mail, the signed stop link. Read once per hook.
 */
function linkFacts(tx: Tx | Sql, officeId: number) {
	let read: Promise<{ smsLinks: boolean; key: string }> | undefined;
	const facts = () =>
		(read ??= (async () => {
			const [o] = await tx<{ smsLinks: boolean }[]>`select sms_links from offices where id = ${officeId}`;
			return { smsLinks: o?.smsLinks ?? false, key: await stopKey(tx) };
		})());
	return async (channel: ChannelName, publicCode: string | undefined) => {
		if (!publicCode) return {};
		const f = await facts();
		return {
			url: ticketUrl(publicCode),
			smsLink: f.smsLinks,
			...(channel === 'email' && { stopUrl: stopUrl(f.key, publicCode, channel) })
		};
	};
}

const CALLS = new Set(['ticket.called', 'ticket.recalled']);
/** Events after which someone may be fewer places from the front. */
const MOVES = new Set(['ticket.called', 'ticket.cancelled', 'ticket.transferred', 'ticket.no_show', 'ticket.returned', 'ticket.issued']);

export async function ticketNoticesHook(tx: Tx, events: readonly PublishedEvent[]): Promise<void> {
	const now = new Date(events[0]!.at);
	const notices: NewNotice[] = [];
	const links = linkFacts(tx, events[0]!.officeId);
	for (const e of events) {
		if (!CALLS.has(e.type) || !e.ticket || !e.desk) continue;
		const alerts = await tx<AlertRow[]>`
			select ticket_id, channel, recipient, locale, ahead from ticket_alerts where ticket_id = ${e.ticket.id} and recipient is not null`;
		for (const a of alerts) {
			notices.push({
				officeId: e.officeId,
				kind: 'ticket_called',
				channel: a.channel,
				recipient: a.recipient,
				locale: a.locale,
				ticketId: a.ticketId,
				body: ticketNotice(a.locale, 'ticket_called', a.channel, {
					number: e.ticket.number,
					desk: e.desk.number,
					...(await links(a.channel, e.publicCode ?? undefined))
				})
			});
		}
	}
	if (events.some((e) => MOVES.has(e.type))) notices.push(...(await thresholdNotices(tx, events[0]!.officeId, now)));
	if (notices.length) await enqueue(tx, notices, now);
}

/** "перед вами N" for every open alert of the office whose ticket now has its threshold or fewer ahead. */
async function thresholdNotices(tx: Tx | Sql, officeId: number, now: Date, ticketId?: number): Promise<NewNotice[]> {
	const open = await tx<AlertRow[]>`
		select a.ticket_id, a.channel, a.recipient, a.locale, a.ahead
		from ticket_alerts a join tickets t on t.id = a.ticket_id
		where not a.ahead_sent and a.recipient is not null and t.office_id = ${officeId} and t.state = 'waiting'
		  ${ticketId === undefined ? tx`` : tx`and t.id = ${ticketId}`}
		for update of a`;
	if (open.length === 0) return [];
	const tickets = await tx<TicketRow[]>`select * from tickets where id = any(${[...new Set(open.map((a) => a.ticketId))]})`;
	const ahead = new Map<number, number>();
	for (const t of tickets) ahead.set(t.id, (await queuePosition(tx, t, now)).ahead);
	const notices: NewNotice[] = [];
	const links = linkFacts(tx, officeId);
	for (const a of open) {
		const t = tickets.find((x) => x.id === a.ticketId)!;
		const n = ahead.get(t.id)!;
		if (n > a.ahead) continue;
		await tx`update ticket_alerts set ahead_sent = true where ticket_id = ${a.ticketId} and channel = ${a.channel}`;
		notices.push({
			officeId,
			kind: 'ticket_ahead',
			channel: a.channel,
			recipient: a.recipient,
			locale: a.locale,
			ticketId: t.id,
			body: ticketNotice(a.locale, 'ticket_ahead', a.channel, { number: t.number, ahead: n, ...(await links(a.channel, t.publicCode)) })
		});
	}
	return notices;
}

/** Checks one ticket's alerts right away (an alert set when the visitor is already near). */
export async function checkTicketThreshold(tx: Tx, officeId: number, ticketId: number, now: Date): Promise<void> {
	const notices = await thresholdNotices(tx, officeId, now, ticketId);
	if (notices.length) await enqueue(tx, notices, now);
}
