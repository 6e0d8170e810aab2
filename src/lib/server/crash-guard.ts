import { log } from './log';

/**
 * One request's failure must not end the process that serves a whole hall: an error that
 * escapes every handler (a library's internal callback, a promise nobody awaited) is logged with
 * its stack and the server keeps serving. Node's default would exit, dropping every board and
 * kiosk connection and every command in flight.
 */
export function installCrashGuards(): void {
	const g = globalThis as { __talonCrashGuards?: boolean };
	if (g.__talonCrashGuards) return;
	g.__talonCrashGuards = true;
	process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection (the server keeps running)'));
	process.on('uncaughtException', (err) => log.error({ err }, 'uncaught exception (the server keeps running)'));
}
