import type { Tx } from '$lib/server/db/connect';
import type { TicketRow } from './rows';

/**
 * Queues the paper ticket for the kiosk that issued it, in the same transaction as the ticket,
 * so no ticket exists without its print job. The kiosk issue (print jobs, the agent) fills this.
 */
export async function queuePrintJob(_tx: Tx, _ticket: TicketRow, _deviceId: number): Promise<void> {}
