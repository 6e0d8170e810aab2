import type { DeskState, PriorityReason, TicketCategory, TicketSource, TicketState } from '$lib/domain/states';

/**
 * What clients see of the queue. Nothing here names a person: boards, kiosks and the public
 * ticket page all render from these shapes. Times are ISO strings (UTC).
 */
export interface TicketView {
	id: number;
	/** Prefix + three digits, e.g. `П042`. */
	number: string;
	serviceId: number;
	state: TicketState;
	category: TicketCategory;
	priorityReason: PriorityReason | null;
	source: TicketSource;
	/** First arrival in the queue, kept across transfers. */
	arrivedAt: string;
	/** Last time it (re)entered the waiting state. */
	queuedAt: string;
	appointmentAt: string | null;
	/** The desk it is called to or served at (null while waiting). */
	deskId: number | null;
	/** When transferred to one desk: only that desk gets it. */
	targetDeskId: number | null;
	calledAt: string | null;
	startedAt: string | null;
	finishedAt: string | null;
	callCount: number;
}

export interface DeskView {
	id: number;
	number: number;
	name: string;
	state: DeskState;
	staffId: number | null;
	/** Services served here with this desk's priority for each (1..10). */
	services: { serviceId: number; priority: number }[];
}

export interface ServiceView {
	id: number;
	categoryId: number | null;
	nameRu: string;
	nameEn: string;
	prefix: string;
	durationMin: number;
	targetWaitMin: number;
	documentsRu: string[];
	documentsEn: string[];
	bookable: boolean;
	/** Rolling average service time (seconds), updated by `ticket.finished` events. */
	averageServiceSec: number;
}

export interface CategoryView {
	id: number;
	parentId: number | null;
	nameRu: string;
	nameEn: string;
	sort: number;
}

export interface OfficeView {
	id: number;
	slug: string;
	nameRu: string;
	nameEn: string;
	addressRu: string;
	addressEn: string;
	timeZone: string;
}

/** The state of one office's queue at event `seq`; events with `seq + 1, seq + 2, ...` follow. */
export interface OfficeSnapshot {
	office: OfficeView;
	seq: number;
	/** The office's local day (`YYYY-MM-DD`) the tickets belong to. */
	day: string;
	serverTime: string;
	categories: CategoryView[];
	services: ServiceView[];
	desks: DeskView[];
	/** Today's tickets that are waiting, called or being served. */
	tickets: TicketView[];
	/** The latest calls of the day (any state now), newest first, at most RECENT_CALLS. */
	recentCalls: TicketView[];
}

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
	deskOpened: 'desk.opened',
	deskClosed: 'desk.closed',
	deskPaused: 'desk.paused',
	deskResumed: 'desk.resumed',
	dayStarted: 'office.day_started'
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
