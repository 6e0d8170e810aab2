import type { QueueEvent, TicketView } from './types';
import type { KioskServerEvents } from './kiosk-events';
import type { LiveServerEvents } from './live-events'; // live dashboard (issue 12, live)

/**
 * The whole Socket.IO contract (docs/realtime.md explains it). Client-to-server events are
 * commands and queries, one map in ./commands.ts, each acknowledged with `{ data } | { error }`;
 * server-to-client events are notifications, below.
 */
export type { Ack } from './contract';
export type {
	ClientToServerEvents,
	CommandData,
	CommandInput,
	CommandName,
	IssuedTicketData,
	CallNextData,
	TicketStatusData
} from './commands';

export interface ServerToClientEvents extends KioskServerEvents, LiveServerEvents {
	/** Every event of the office, in `seq` order, to the office room and the desk's room. */
	'queue:event': (event: QueueEvent) => void;
	/** A followed ticket changed (called to a desk, served, moved); refetch for the position. */
	'ticket:changed': (change: {
		publicCode: string;
		type: QueueEvent['type'];
		state: TicketView['state'];
		deskNumber: number | null;
	}) => void;
	/** ops: the server lost (`up: false`) or regained its database: screens show offline, then resync. */
	'server:database': (state: { up: boolean }) => void;
}
