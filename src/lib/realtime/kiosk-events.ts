import type { ErrorBody } from '$lib/errors';
import type { PriorityReason } from '$lib/domain/states';
import type { Locale } from '$lib/i18n/locale';
import type { PrintJob, PrinterState, PrinterStatus } from '$lib/kiosk/types';
import type { TicketView } from './types';

/**
 * The kiosk's part of the Socket.IO contract (docs/realtime.md): the kiosk screen and the kiosk
 * agent both connect with the kiosk's device token; the agent adds `auth.agent: true`.
 */
type Ack<T> = { data: T; error?: undefined } | { data?: undefined; error: ErrorBody };
type Cb<T> = (ack: Ack<T>) => void;

export type { PrintJob, PrinterState, PrinterStatus };

export interface KioskIssueRequest {
	officeId: number;
	serviceId: number;
	priorityReason?: PriorityReason | null;
	/** One per visitor's tap session: a double tap yields one ticket. */
	idempotencyKey: string;
	/** The language the visitor chose: the paper ticket prints in it. */
	lang?: Locale;
}

export interface KioskIssuedTicket {
	ticket: TicketView;
	publicCode: string;
	ahead: number;
	estimatedWaitSec: number | null;
	duplicate: boolean;
	/** The printer's state when the ticket was issued: not `online` means "photograph the screen". */
	printer: PrinterStatus;
}

export interface KioskClientEvents {
	/** Kiosk screen: issue a ticket that prints on this kiosk's printer. */
	'kiosk:issue': (req: KioskIssueRequest, cb: Cb<KioskIssuedTicket>) => void;
	/** Kiosk screen: print a ticket this kiosk issued once more (done screen). */
	'kiosk:reprint': (req: { publicCode: string; lang?: Locale }, cb: Cb<{ jobId: number; printer: PrinterStatus }>) => void;
	/** Kiosk screen: this kiosk's printer state now. */
	'kiosk:printer': (req: Record<string, never>, cb: Cb<PrinterStatus>) => void;
	/** Agent: jobs not yet acknowledged, oldest first. */
	'print:pending': (req: Record<string, never>, cb: Cb<PrintJob[]>) => void;
	/**
	 * Agent: these jobs are on paper. `installationId` is the one their jobs carried: a server
	 * with another database acknowledges none of them.
	 */
	'print:ack': (req: { installationId: string; jobIds: number[] }, cb: Cb<{ acknowledged: number[] }>) => void;
	/** Agent: the printer's state (on change and on every connect). */
	'printer:status': (req: { state: Exclude<PrinterState, 'no_agent'> }, cb: Cb<PrinterStatus>) => void;
}

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
