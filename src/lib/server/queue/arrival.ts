import type { Sql, Tx } from '$lib/server/db/connect';

/**
 * Remote joining (issue 13): a ticket taken from a phone keeps its place, but while its visitor
 * has not checked in at the kiosk the call policy passes over it — unless the office calls such
 * tickets before arrival (`offices.remote_call_unarrived`). Call-next (which tickets it may call)
 * and the queue position (who is ahead of a visitor: the /t page, the kiosk's paper, the "перед
 * вами N" alert) both read the rule from here, so the count a visitor is told is the order desks
 * call in.
 */

/** Whether the office calls remote tickets before their visitors check in. */
export async function callsUnarrived(db: Tx | Sql, officeId: number): Promise<boolean> {
	const [o] = await db<{ remoteCallUnarrived: boolean }[]>`select remote_call_unarrived from offices where id = ${officeId}`;
	return o?.remoteCallUnarrived ?? false;
}

/**
 * SQL over a `tickets` row (columns unqualified): the ticket waits for its visitor and call-next
 * passes over it. Always false where the office calls unarrived remote tickets.
 */
export function passedOver(db: Tx | Sql, callUnarrived: boolean) {
	return db`(source = 'remote' and checked_in_at is null and not ${callUnarrived})`;
}

/** The same rule with the office's setting read by the statement itself: no round trip of its own. */
export function passedOverInOffice(db: Tx | Sql, officeId: number) {
	return db`(source = 'remote' and checked_in_at is null and not (select remote_call_unarrived from offices where id = ${officeId}))`;
}
