/**
 * Ticket numbers: a prefix letter and three digits (`П042`). Each office counts per prefix per
 * local day; the counter itself never wraps (it is what the unique constraint holds), only its
 * label does: after 999 comes 001 again, since a 2,000-visitor day can pass 999 on one prefix,
 * people read three digits best, and the board's voice pack and the printed ticket say 1–999.
 *
 * What comes after 999 (issue 15): the labels start over at 001 but **skip every number that is
 * still live that day** (waiting, called or being served): two people holding `П001` at once
 * would both walk up when the board and the voice call it. The counter jumps past the skipped
 * numbers, so the next ticket continues from there. If all 999 numbers of a prefix are live at
 * once — 999 people waiting for one service, far beyond any hall — the office is refused a new
 * number (`numbers_exhausted`) rather than given a duplicate.
 */
export const MAX_LABEL = 999;

/** The three-digit number of a sequence (1..999), without the prefix. */
export function labelNumber(seq: number): number {
	if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`ticket sequence must be a positive integer, got ${seq}`);
	return ((seq - 1) % MAX_LABEL) + 1;
}

/**
 * The first sequence from `seq` on whose label is not among `live` (the numbers 1..999 of this
 * prefix that are waiting, called or being served today), or null when all 999 are live.
 */
export function firstFreeSeq(seq: number, live: ReadonlySet<number>): number | null {
	for (let k = 0; k < MAX_LABEL; k++) {
		if (!live.has(labelNumber(seq + k))) return seq + k;
	}
	return null;
}

export function ticketLabel(prefix: string, seq: number): string {
	return prefix + String(labelNumber(seq)).padStart(3, '0');
}

/**
 * Prefixes are one or two capital letters, Cyrillic or Latin, so a board and a voice can say them
 * (the voice says each letter: `ПА042` is «пэ а сорок два»). Two letters let a 230-service office
 * give every service its own prefix.
 */
export const PREFIX_PATTERN = /^[А-ЯЁA-Z]{1,2}$/u;
export function isValidPrefix(prefix: string): boolean {
	return PREFIX_PATTERN.test(prefix);
}

export interface ParsedTicketNumber {
	prefix: string;
	value: number;
}

/** `П042` -> { prefix: 'П', value: 42 }; null when it is not letters + up to three digits. */
export function parseTicketNumber(number: string): ParsedTicketNumber | null {
	const m = /^([A-ZА-ЯЁ]*)(\d{1,3})$/u.exec(number.trim().toUpperCase());
	if (!m) return null;
	return { prefix: m[1]!, value: Number(m[2]) };
}

/** A number the voice can say (a board reads 0..999; anything else is shown, not said). */
export const isSayable = (n: number) => Number.isInteger(n) && n >= 0 && n <= MAX_LABEL;
