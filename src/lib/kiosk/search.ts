/**
 * The kiosk's service search (issue 11, a 230-service office): what an elderly visitor types on
 * the on-screen keyboard finds a service by any word of its name, or a part of a word
 * («паспорт» finds «Загранпаспорт»), with ё and е alike and one wrong, missing or extra letter
 * forgiven in words of four letters or more. Every typed word must match. Best matches first,
 * then the services most taken today, then the tree's order. Pure: no browser, no clock.
 */
export interface Searchable {
	id: number;
	nameRu: string;
	nameEn: string;
	/** Tickets taken for it today (the kiosk's snapshot). */
	takenToday: number;
}

/** Lower case, ё → е, letters and digits only, words split on anything else. */
export function searchWords(text: string): string[] {
	return text
		.toLowerCase()
		.replaceAll('ё', 'е')
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);
}

/** Whether `a` and `b` differ by at most one edit (a letter changed, left out, added, or two swapped). */
export function withinOneEdit(a: string, b: string): boolean {
	if (a === b) return true;
	if (Math.abs(a.length - b.length) > 1) return false;
	if (a.length === b.length) {
		const diff: number[] = [];
		for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
		if (diff.length === 1) return true;
		// Two neighbours swapped: «пасопрт».
		return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
	}
	const [long, short] = a.length > b.length ? [a, b] : [b, a];
	let i = 0;
	while (i < short.length && short[i] === long[i]) i++;
	return short.slice(i) === long.slice(i + 1);
}

const MIN_FUZZY = 4;

/**
 * How well one typed word matches a name's words: 4 a whole word, 3 a word starts with it or a
 * compound ends with it (загран|паспорт), 2 it is inside a word, 1 with one letter wrong, 0 none.
 */
export function wordScore(typed: string, words: readonly string[]): number {
	let best = 0;
	for (const w of words) {
		if (w === typed) return 4;
		if (w.startsWith(typed) || (typed.length >= MIN_FUZZY && w.endsWith(typed))) best = Math.max(best, 3);
		else if (w.includes(typed)) best = Math.max(best, 2);
		else if (best < 1 && typed.length >= MIN_FUZZY) {
			// A typo in the whole word, in its beginning, or inside it (загарн → загранпаспорт).
			for (let start = 0; start + typed.length - 1 <= w.length && best < 1; start++) {
				for (const len of [typed.length - 1, typed.length, typed.length + 1]) {
					if (start + len > w.length || len < 1) continue;
					if (withinOneEdit(typed, w.slice(start, start + len))) {
						best = 1;
						break;
					}
				}
			}
		}
	}
	return best;
}

/**
 * The services matching the typed text, best first. With nothing typed: the most taken today
 * (those never taken today follow in their own order).
 */
export function searchServices<T extends Searchable>(services: readonly T[], query: string, limit = 8): T[] {
	const typed = searchWords(query);
	const scored = services
		.map((s, order) => {
			const words = [...searchWords(s.nameRu), ...searchWords(s.nameEn)];
			let score = 0;
			for (const t of typed) {
				const w = wordScore(t, words);
				if (w === 0) return null;
				score += w;
			}
			return { s, score, order };
		})
		.filter((x): x is { s: T; score: number; order: number } => x !== null);
	scored.sort((a, b) => b.score - a.score || b.s.takenToday - a.s.takenToday || a.order - b.order);
	return scored.slice(0, limit).map((x) => x.s);
}

/** The on-screen keyboard: ЙЦУКЕН rows as on a Russian keyboard. */
export const KEYBOARD_ROWS: readonly (readonly string[])[] = [[...'ЙЦУКЕНГШЩЗХЪ'], [...'ФЫВАПРОЛДЖЭ'], [...'ЯЧСМИТЬБЮЁ']];
