/**
 * The queue engine: every change of queue state is one of these commands (one transaction,
 * events appended last, broadcast after commit). Nothing else writes queue tables.
 */
export { issueTicket, type IssueTicketInput, type IssuedTicket } from './issue-ticket';
export { callNext, type CallNextResult } from './call-next';
export { recall } from './recall';
export { startService } from './start-service';
export { finish } from './finish';
export { markNoShow } from './mark-no-show';
export { transfer, type TransferInput } from './transfer';
export { returnToQueue } from './return-to-queue';
export { cancelTicket } from './cancel-ticket';
export { expireTickets } from './expire-tickets';
export { openDesk, pauseDesk, resumeDesk, closeDesk } from './desk-state';
export { officeSnapshot } from './snapshot';
export { ticketStatus, type TicketStatus } from './ticket-status';
export { checkIn, type CheckInInput, type CheckedIn } from './check-in';
export {
	drainCommands,
	runningCommands,
	EVENTS_CHANNEL_PREFIX,
	type Actor,
	type EngineContext,
	type EngineHooks,
	type InsertedTicket,
	type PublishedEvent
} from './context';
