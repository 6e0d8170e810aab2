import type { Locale } from '$lib/i18n/locale';

/** Shapes shared by the kiosk screen, the server and the kiosk agent (no server imports). */

export const printerStates = ['online', 'paper_out', 'cover_open', 'offline', 'no_agent'] as const;
/**
 * `offline`: the agent runs but cannot reach the printer; `no_agent`: no agent is connected for
 * this kiosk; `paper_out` / `cover_open`: read with DLE EOT where the transport answers.
 */
export type PrinterState = (typeof printerStates)[number];

export interface PrinterStatus {
	state: PrinterState;
	/** When the agent last reported, ISO. */
	at: string;
}

export type PrintJobKind = 'ticket' | 'reprint';

/** Everything the agent needs to render a paper ticket; no personal data. */
export interface PrintJob {
	/**
	 * The server database the job belongs to (migrations/0006_installation.sql): job ids start
	 * again at 1 in a new database, so the agent's journal keys by (installation, jobId).
	 */
	installationId: string;
	jobId: number;
	kind: PrintJobKind;
	locale: Locale;
	publicCode: string;
	number: string;
	office: { nameRu: string; nameEn: string; timeZone: string };
	service: { nameRu: string; nameEn: string };
	ahead: number;
	estimatedWaitSec: number | null;
	/** ISO time the ticket was issued; printed in the office's time zone. */
	issuedAt: string;
	/** Path of the public status page (`/t/<code>`); the agent prefixes its public URL. */
	statusPath: string;
}
