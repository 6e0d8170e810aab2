import type { EngineHooks } from './queue';
import { queueKioskPrintJob } from './kiosk/print-jobs';
// notices (issue 13)
import { ticketNoticesHook } from './notices/tickets';

/** The side effects the running app adds to engine commands (the engine imports none of them). */
export const engineHooks: EngineHooks = {
	ticketInserted: queueKioskPrintJob,
	// notices (issue 13): "перед вами N" and «Вас вызывают к окну N» into the outbox
	eventsAppended: ticketNoticesHook
};
