import type { CategoryView, ServiceView } from '$lib/realtime/types';

/**
 * The kiosk screen's logic that needs no browser: the category tree, the tap-session key that
 * makes a double tap one ticket, the booking-code input from the keypad or a scanner, and the
 * idle timeouts. The Svelte page only renders these.
 */

/** How long a screen waits for a touch before returning to the start (ms). */
export const IDLE_MS = { browsing: 60_000, issued: 20_000, booking: 60_000 } as const;

export interface TreeLevel {
	categories: CategoryView[];
	services: ServiceView[];
}

/**
 * What to show under a category (`null`: the top): its sub-categories that lead to a service, then
 * its services. Only what is shown on the kiosk: a hidden category hides everything below it; a
 * service whose category is gone shows at the top rather than nowhere.
 */
export function treeLevel(categories: CategoryView[], services: ServiceView[], parentId: number | null): TreeLevel {
	const all = new Set(categories.map((c) => c.id));
	const shown = categories.filter((c) => c.kiosk);
	const shownIds = new Set(shown.map((c) => c.id));
	const visible = services.filter((s) => s.kiosk && (s.categoryId === null || !all.has(s.categoryId) || shownIds.has(s.categoryId)));
	const inLevel = visible.filter((s) => (s.categoryId !== null && all.has(s.categoryId) ? s.categoryId : null) === parentId);
	const subs = shown
		.filter((c) => c.parentId === parentId)
		.filter((c) => hasService(shown, visible, c.id))
		.sort((a, b) => a.sort - b.sort || a.id - b.id);
	return { categories: subs, services: inLevel };
}

function hasService(categories: CategoryView[], services: ServiceView[], categoryId: number): boolean {
	if (services.some((s) => s.categoryId === categoryId)) return true;
	return categories.filter((c) => c.parentId === categoryId).some((c) => hasService(categories, services, c.id));
}

/** The path from the top to a category, for the back button and the heading. */
export function categoryPath(categories: CategoryView[], id: number | null): CategoryView[] {
	const path: CategoryView[] = [];
	const byId = new Map(categories.map((c) => [c.id, c]));
	let cur = id === null ? undefined : byId.get(id);
	while (cur && path.length < 20) {
		path.unshift(cur);
		cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
	}
	return path;
}

/**
 * One key per visitor's "get ticket" session: created when the service screen opens, reused by
 * every tap and retry on it, so a double tap or a retry after a lost answer yields one ticket.
 */
export function newTapKey(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
	return 'k-' + [...random(12)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Letters and digits of booking codes (no look-alikes: no 0/O, 1/I, 2/Z, 5/S, 8/B). */
export const BOOKING_KEYS = 'ACEFHKMNPRTUWXY34679'.split('');
export const BOOKING_CODE_LENGTH = 6;

/** A scanner set to the Russian layout types ЙЦУКЕН letters for the QWERTY keys: map them back. */
const RU_LAYOUT = 'йцукенгшщзфывапролджячсмить';
const EN_LAYOUT = 'qwertyuiopasdfghjklzxcvbnm';
/** Cyrillic letters that look like Latin ones on a printed code. */
const LOOKALIKE: Record<string, string> = {
	А: 'A',
	В: 'B',
	С: 'C',
	Е: 'E',
	Н: 'H',
	К: 'K',
	М: 'M',
	О: 'O',
	Р: 'P',
	Т: 'T',
	У: 'Y',
	Х: 'X'
};

/**
 * Normalises what the keypad or a scanner typed into a booking code: upper case, Cyrillic
 * look-alikes and Russian-layout keys mapped back to Latin, separators dropped. A scanned QR
 * that holds a link (`…/book/manage/…?code=ABC123` or ending in the code) gives its code.
 */
export function normaliseBookingCode(raw: string): string {
	let s = raw.trim();
	const fromUrl = s.match(/[?&]code=([A-Za-z0-9]+)/) ?? (/^https?:\/\//.test(s) ? s.match(/([A-Za-z0-9]{6})\/?$/) : null);
	if (fromUrl) s = fromUrl[1]!;
	let out = '';
	for (const ch of s) {
		const up = ch.toUpperCase();
		if (LOOKALIKE[up]) out += LOOKALIKE[up];
		else if (RU_LAYOUT.includes(ch.toLowerCase()) && /[А-ЯЁа-яё]/.test(ch))
			out += EN_LAYOUT[RU_LAYOUT.indexOf(ch.toLowerCase())]!.toUpperCase();
		else if (/[A-Za-z0-9]/.test(ch)) out += up;
	}
	return out.slice(0, 16);
}

export function isCompleteBookingCode(code: string): boolean {
	return code.length === BOOKING_CODE_LENGTH;
}

/**
 * A barcode/QR scanner is a keyboard: it types what the code holds, fast, and presses Enter. The
 * kiosk has no keyboard of its own, so every key it gets is the scanner's. Feed it each key; on
 * Enter it answers the code read (a booking's, or a phone ticket's from the QR on /t/<code>),
 * null when what came was not a complete code.
 */
export function scanReader(): { key: (key: string) => string | null } {
	let typed = '';
	return {
		key(key) {
			if (key === 'Enter') {
				const code = normaliseBookingCode(typed);
				typed = '';
				return isCompleteBookingCode(code) ? code : null;
			}
			if (key.length === 1) typed = (typed + key).slice(-200);
			return null;
		}
	};
}
