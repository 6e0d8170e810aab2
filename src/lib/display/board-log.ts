/**
 * What the board announced, kept on `window.__talonDisplay` so an end-to-end test (or a person
 * at the board PC's devtools) can check that a call was announced once and a resync was silent.
 * It is in the production build (the end-to-end tests run that build), so it is bounded: a
 * board runs for months and announces thousands of calls a day; only the newest are kept.
 */
export const DISPLAY_LOG_KEEP = 50;

export interface DisplayLog {
	/** The newest announcements (at most `DISPLAY_LOG_KEEP`), oldest first. */
	announced: string[];
	/** How many states the board has rendered (a counter, not a list). */
	states: number;
	/** Drops the live connection as a network loss would (the socket then reconnects by itself). */
	dropConnection?: () => void;
}

export function displayLog(): DisplayLog {
	const w = globalThis as unknown as { __talonDisplay?: DisplayLog };
	w.__talonDisplay ??= { announced: [], states: 0 };
	return w.__talonDisplay;
}

/** Records an announcement, forgetting the oldest beyond `keep`. */
export function logAnnounced(log: DisplayLog, text: string, keep = DISPLAY_LOG_KEEP): void {
	log.announced.push(text);
	if (log.announced.length > keep) log.announced.splice(0, log.announced.length - keep);
}
