import * as schema from '$lib/schemas/kiosk';
import type { PrintJob, PrinterState, PrinterStatus } from '$lib/kiosk/types';
import type { TicketView } from './types';
import { returns, type CommandSpec } from './contract';

/**
 * The kiosk's part of the Socket.IO contract (docs/realtime.md): the kiosk screen and the kiosk
 * agent both connect with the kiosk's device token; the agent adds `auth.agent: true`.
 */
export type { PrintJob, PrinterState, PrinterStatus };

export interface KioskIssuedTicket {
	ticket: TicketView;
	publicCode: string;
	ahead: number;
	estimatedWaitSec: number | null;
	duplicate: boolean;
	/** The printer's state when the ticket was issued: not `online` means "photograph the screen". */
	printer: PrinterStatus;
}

export const kioskCommands = {
	/** Kiosk screen: issue a ticket that prints on this kiosk's printer. */
	'kiosk:issue': { input: schema.kioskIssueRequest, scope: 'kiosk', returns: returns<KioskIssuedTicket>() },
	/** Kiosk screen: print a ticket this kiosk issued once more (done screen). */
	'kiosk:reprint': { input: schema.kioskReprintRequest, scope: 'kiosk', returns: returns<{ jobId: number; printer: PrinterStatus }>() },
	/** Kiosk screen: this kiosk's printer state now. */
	'kiosk:printer': { input: schema.emptyRequest, scope: 'kiosk', returns: returns<PrinterStatus>() },
	/** Agent: jobs not yet acknowledged, oldest first. */
	'print:pending': { input: schema.emptyRequest, scope: 'agent', returns: returns<PrintJob[]>() },
	/**
	 * Agent: these jobs are on paper. `installationId` is the one their jobs carried: a server
	 * with another database acknowledges none of them.
	 */
	'print:ack': { input: schema.printAckRequest, scope: 'agent', returns: returns<{ acknowledged: number[] }>() },
	/** Agent: the printer's state (on change and on every connect). */
	'printer:status': { input: schema.printerStatusRequest, scope: 'agent', returns: returns<PrinterStatus>() }
} as const satisfies Record<string, CommandSpec>;

export interface KioskServerEvents {
	/** To the kiosk's device room: there are jobs to fetch with `print:pending`. */
	'print:available': (hint: { jobId: number }) => void;
	/** To the kiosk's device room: the printer's state changed. */
	'printer:status': (status: PrinterStatus) => void;
	/**
	 * To the kiosk's device room: an agent took this job (`print:pending` delivered it). The
	 * screen says "printing" only after this; nothing within `PRINT_TAKEN_WITHIN_MS` means
	 * "photograph your number" (src/lib/kiosk/print-notice.ts).
	 */
	'print:taken': (job: PrintJobRef) => void;
	/** To the kiosk's device room: the agent acknowledged this job (the printer took the bytes). */
	'print:done': (job: PrintJobRef) => void;
}

/** Which job and which ticket: the screen matches by ticket (a check-in's job id is not shown to it). */
export interface PrintJobRef {
	jobId: number;
	publicCode: string;
}
