import type { IssuedTicket } from '$lib/server/queue';
import type { IssuedTicketReply } from '$lib/schemas/tickets';

/**
 * The one answer to whoever issued a ticket: the API's `POST .../tickets` and `POST .../check-ins`
 * and the sockets' `ticket:issue` and `kiosk:issue`. A check-in's result is an `IssuedTicket`
 * too; its appointment time is the ticket's own. `origin` is the public address the caller
 * reached us by (`event.url.origin`, or a socket's `handshakeOrigin`), for the status link.
 */
export function issuedTicketReply(issued: IssuedTicket, origin: string): IssuedTicketReply {
	return {
		ticket: issued.ticket,
		publicCode: issued.publicCode,
		statusUrl: `${origin}/t/${issued.publicCode}`,
		ahead: issued.position.ahead,
		estimatedWaitSec: issued.position.estimatedWaitSec,
		appointmentAt: issued.ticket.appointmentAt,
		duplicate: issued.duplicate
	};
}

/**
 * The address a socket's page was loaded from: the browser's `Origin` header (the public URL, also
 * behind a proxy), else the `Host` it connected to.
 */
export function handshakeOrigin(handshake: { headers: Record<string, string | string[] | undefined>; secure: boolean }): string {
	const origin = handshake.headers.origin;
	if (typeof origin === 'string' && /^https?:\/\/[^/]+$/.test(origin)) return origin;
	const host = handshake.headers.host;
	return `${handshake.secure ? 'https' : 'http'}://${typeof host === 'string' ? host : 'localhost'}`;
}
