import type { EngineHooks } from './queue';
import { queueKioskPrintJob } from './kiosk/print-jobs';

/** The side effects the running app adds to engine commands (the engine imports none of them). */
export const engineHooks: EngineHooks = {
	ticketInserted: queueKioskPrintJob
};
