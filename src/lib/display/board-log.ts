/**
 * What the board announced, kept on `window.__talonDisplay` so an end-to-end test (or a person
 * at the board PC's devtools) can check that a call was announced once and a resync was silent.
 */
export interface DisplayLog {
	announced: string[];
	states: number;
	/** Drops the live connection as a network loss would (the socket then reconnects by itself). */
	dropConnection?: () => void;
}

export function displayLog(): DisplayLog {
	const w = globalThis as unknown as { __talonDisplay?: DisplayLog };
	w.__talonDisplay ??= { announced: [], states: 0 };
	return w.__talonDisplay;
}
