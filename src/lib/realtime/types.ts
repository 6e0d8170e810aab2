import type { z } from 'zod';
import type { categoryView, deskView, officeSnapshot, officeView, serviceView, ticketView } from '$lib/schemas/views';

/**
 * What clients see of the queue. Nothing here names a person: boards, kiosks and the public
 * ticket page all render from these shapes. Times are ISO strings (UTC). The shapes are the zod
 * schemas of `$lib/schemas/views` (the API answers through them and documents them), so the
 * socket contract and the HTTP API cannot drift apart; the field descriptions live there.
 */
export type TicketView = z.output<typeof ticketView>;
export type DeskView = z.output<typeof deskView>;
export type ServiceView = z.output<typeof serviceView>;
export type CategoryView = z.output<typeof categoryView>;
export type OfficeView = z.output<typeof officeView>;
/** The state of one office's queue at event `seq`; events with `seq + 1, seq + 2, ...` follow. */
export type OfficeSnapshot = z.output<typeof officeSnapshot>;

export const RECENT_CALLS = 20;

export const EventType = {
	ticketIssued: 'ticket.issued',
	ticketCalled: 'ticket.called',
	ticketRecalled: 'ticket.recalled',
	ticketStarted: 'ticket.started',
	ticketFinished: 'ticket.finished',
	ticketNoShow: 'ticket.no_show',
	ticketTransferred: 'ticket.transferred',
	ticketReturned: 'ticket.returned',
	ticketCancelled: 'ticket.cancelled',
	/** A remote ticket's visitor checked in at the kiosk (issue 13): from now on it may be called. */
	ticketCheckedIn: 'ticket.checked_in',
	// reports (issue 12): the nightly job closed a ticket left waiting or called when the day ended
	ticketExpired: 'ticket.expired',
	deskOpened: 'desk.opened',
	deskClosed: 'desk.closed',
	deskPaused: 'desk.paused',
	deskResumed: 'desk.resumed',
	dayStarted: 'office.day_started',
	/**
	 * An administrator changed the office's services, categories or desks (issue 11): the event
	 * carries no state (`data.what` says which part), a client re-reads the office's snapshot.
	 */
	configChanged: 'config.changed'
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

/**
 * One entry of the office's event log as it goes over the wire. `ticket` and `desk` carry the
 * full new state of what changed, so a client applies an event without asking the server.
 */
export interface QueueEvent {
	officeId: number;
	/** Per-office, increasing by exactly 1: a jump means events were missed. */
	seq: number;
	type: EventType;
	at: string;
	ticket: TicketView | null;
	desk: DeskView | null;
	/** Who did it: a staff user id or a device id (never a name). */
	staffId: number | null;
	deviceId: number | null;
	/** Type-specific facts: `{ averageServiceSec }` on finish, `{ fromServiceId, toServiceId }` on transfer. */
	data: Record<string, unknown>;
}
