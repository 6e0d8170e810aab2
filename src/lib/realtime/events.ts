import type { ErrorBody } from '$lib/errors';
import type { PriorityReason, TicketSource } from '$lib/domain/states';
import type { CallReason } from '$lib/domain/call-policy';
import type { DeskView, OfficeSnapshot, QueueEvent, TicketView } from './types';
import type { KioskClientEvents, KioskServerEvents } from './kiosk-events';

/**
 * The whole Socket.IO contract (docs/realtime.md explains it). Client-to-server events are
 * commands and queries, each acknowledged with `{ data } | { error }`; server-to-client events
 * are notifications.
 */
export type Ack<T> = { data: T; error?: undefined } | { data?: undefined; error: ErrorBody };
type Cb<T> = (ack: Ack<T>) => void;

export interface IssueTicketRequest {
	officeId: number;
	serviceId: number;
	priorityReason?: PriorityReason | null;
	idempotencyKey?: string;
	/** Staff only: `desk` (default for staff) or `phone`. Devices always issue as `kiosk`. */
	source?: Extract<TicketSource, 'desk' | 'phone'>;
}

export interface IssuedTicketData {
	ticket: TicketView;
	publicCode: string;
	ahead: number;
	estimatedWaitSec: number | null;
	duplicate: boolean;
}

export interface DeskTicketRequest {
	deskId: number;
	ticketId: number;
}

export interface TicketStatusData {
	publicCode: string;
	number: string;
	state: TicketView['state'];
	serviceNameRu: string;
	serviceNameEn: string;
	ahead: number;
	estimatedWaitSec: number | null;
	deskNumber: number | null;
}

export interface ClientToServerEvents extends KioskClientEvents {
	/** Join the office room (staff of the office, or a device paired to it). */
	'office:join': (req: { officeId: number }, cb: Cb<{ officeId: number; seq: number }>) => void;
	/** The office's snapshot; apply `queue:event`s with a greater `seq` on top. */
	'office:snapshot': (req: { officeId: number }, cb: Cb<OfficeSnapshot>) => void;
	/** Join a desk's room (its operator, or a display of the office for the desk indicator). */
	'desk:join': (req: { deskId: number }, cb: Cb<{ deskId: number }>) => void;
	/** Anyone holding a ticket's public code may follow it. */
	'ticket:join': (req: { publicCode: string }, cb: Cb<TicketStatusData>) => void;
	'ticket:issue': (req: IssueTicketRequest, cb: Cb<IssuedTicketData>) => void;
	'desk:call-next': (req: { deskId: number }, cb: Cb<{ ticket: TicketView | null; reason: CallReason | null }>) => void;
	'ticket:recall': (req: DeskTicketRequest, cb: Cb<TicketView>) => void;
	'ticket:start': (req: DeskTicketRequest, cb: Cb<TicketView>) => void;
	'ticket:finish': (req: DeskTicketRequest, cb: Cb<TicketView>) => void;
	'ticket:no-show': (req: DeskTicketRequest, cb: Cb<TicketView>) => void;
	'ticket:return': (req: DeskTicketRequest & { comment?: string }, cb: Cb<TicketView>) => void;
	'ticket:transfer': (
		req: DeskTicketRequest & { toServiceId?: number; toDeskId?: number; comment?: string },
		cb: Cb<TicketView>
	) => void;
	'desk:open': (req: { deskId: number }, cb: Cb<DeskView>) => void;
	'desk:pause': (req: { deskId: number }, cb: Cb<DeskView>) => void;
	'desk:resume': (req: { deskId: number }, cb: Cb<DeskView>) => void;
	'desk:close': (req: { deskId: number }, cb: Cb<DeskView>) => void;
}

export interface ServerToClientEvents extends KioskServerEvents {
	/** Every event of the office, in `seq` order, to the office room and the desk's room. */
	'queue:event': (event: QueueEvent) => void;
	/** A followed ticket changed (called to a desk, served, moved); refetch for the position. */
	'ticket:changed': (change: { publicCode: string; type: QueueEvent['type']; state: TicketView['state']; deskNumber: number | null }) => void;
}

/** Names of the staff commands, for the role check in one place. */
export const staffCommands = [
	'desk:call-next',
	'ticket:recall',
	'ticket:start',
	'ticket:finish',
	'ticket:no-show',
	'ticket:return',
	'ticket:transfer',
	'desk:open',
	'desk:pause',
	'desk:resume',
	'desk:close'
] as const satisfies readonly (keyof ClientToServerEvents)[];
