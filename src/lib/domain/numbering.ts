/**
 * Ticket numbers: a prefix letter and three digits (`П042`). Each office counts per prefix per
 * local day; the counter itself never wraps (it is what the unique constraint holds), only its
 * label does: after 999 comes 001 again, since a 2,000-visitor day can pass 999 on one prefix
 * and people read three digits best.
 */
export const MAX_LABEL = 999;

export function ticketLabel(prefix: string, seq: number): string {
	if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`ticket sequence must be a positive integer, got ${seq}`);
	const n = ((seq - 1) % MAX_LABEL) + 1;
	return prefix + String(n).padStart(3, '0');
}

/** Prefixes are one capital letter, Cyrillic or Latin, so a board and a voice can say them. */
export function isValidPrefix(prefix: string): boolean {
	return /^[А-ЯЁA-Z]$/u.test(prefix);
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
