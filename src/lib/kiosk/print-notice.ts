import type { PrinterStatus } from './types';
import type { PrintJobRef } from '$lib/realtime/kiosk-events';

/**
 * What the kiosk's done screen tells the visitor about the paper. "Printing" is a promise: it is
 * shown only once an agent has taken the ticket's job (`print:taken`) while the printer is
 * online, or the agent has put it on paper (`print:done`). A job no agent takes within
 * `PRINT_TAKEN_WITHIN_MS` (the agent is stuck, an old version, or not this kiosk's) gets the same
 * "photograph your number" notice as a printer out of paper. Before that the slot stays empty:
 * an agent normally takes a job within a few hundred milliseconds.
 */
export const PRINT_TAKEN_WITHIN_MS = 5000;

export type PrintProgress = 'taken' | 'done';
export type PrintNotice = 'printing' | 'photo' | 'waiting';

export function printNotice(printer: PrinterStatus | null, progress: PrintProgress | undefined, sinceIssuedMs: number): PrintNotice {
	if (progress === 'done') return 'printing';
	if (printer?.state !== 'online') return 'photo';
	if (progress === 'taken') return 'printing';
	return sinceIssuedMs >= PRINT_TAKEN_WITHIN_MS ? 'photo' : 'waiting';
}

/**
 * The progress of recent tickets' jobs by public code (a job may be taken before the screen has
 * the ticket's acknowledgement, so every event is kept, not just the shown ticket's). Bounded:
 * a kiosk runs for months.
 */
export function recordProgress(
	progress: Record<string, PrintProgress>,
	job: PrintJobRef,
	stage: PrintProgress,
	keep = 50
): Record<string, PrintProgress> {
	if (progress[job.publicCode] === 'done' || progress[job.publicCode] === stage) return progress;
	const entries = Object.entries(progress).filter(([code]) => code !== job.publicCode);
	entries.push([job.publicCode, stage]);
	return Object.fromEntries(entries.slice(-keep));
}
