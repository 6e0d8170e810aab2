import type { Tx } from '$lib/server/db/connect';
import type { TicketRow } from './rows';
import { insertPrintJob } from '$lib/server/kiosk/print-jobs';

/**
 * Queues the paper ticket for the kiosk that issued it, in the same transaction as the ticket,
 * so no ticket exists without its print job (src/lib/server/kiosk/print-jobs.ts). The job
 * prints in the language the visitor used on the kiosk (`withPrintLocale`), Russian otherwise.
 */
export async function queuePrintJob(tx: Tx, ticket: TicketRow, deviceId: number): Promise<void> {
	await insertPrintJob(tx, ticket.id, deviceId);
}
