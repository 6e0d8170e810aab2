/**
 * What a hall board says when a ticket is called: «Талон П сорок два, пройдите к окну пять».
 *
 * A phrase is built as a list of **clip ids** (the offline voice pack in `display/voice/` has one
 * short recording per id) and as plain text (for the Web Speech API when a clip is missing, and
 * for screen readers). Numbers are composed from hundreds, tens, teens and units, so 36 Russian
 * clips say every number from 1 to 999; a ticket number is read as a cardinal in the nominative
 * masculine («два», not «две»: «талон» is masculine), the way МФЦ boards say it.
 *
 * Pure: no browser, no clock. Clip ids are ASCII (`ru/40`, `ru/letter-pe`) so they are safe file
 * names.
 */

export type SpeechLang = 'ru' | 'en';

export interface Utterance {
	lang: SpeechLang;
	/** Clip ids in play order (`ru/talon`, `ru/letter-pe`, `ru/40`, `ru/2`, `ru/go-to-window`, `ru/5`). */
	clips: string[];
	/** The phrase as a person reads it: «Талон П сорок два, пройдите к окну пять». */
	text: string;
	/** The phrase for a speech synthesiser: letters spelled by name («Талон пэ сорок два, ...»). */
	spoken: string;
}

const RU_UNITS = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const RU_TEENS = ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'];
const RU_TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const RU_HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];

const EN_UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/**
 * Names of the letters as Russian speakers say them on a board (П is «пэ», Р is «эр»), with an
 * ASCII slug for the clip file and the Latin letter an English phrase uses.
 */
export const RU_LETTERS: Record<string, { name: string; slug: string; latin: string }> = {
	А: { name: 'а', slug: 'a', latin: 'A' },
	Б: { name: 'бэ', slug: 'be', latin: 'B' },
	В: { name: 'вэ', slug: 've', latin: 'V' },
	Г: { name: 'гэ', slug: 'ge', latin: 'G' },
	Д: { name: 'дэ', slug: 'de', latin: 'D' },
	Е: { name: 'е', slug: 'ye', latin: 'E' },
	Ё: { name: 'ё', slug: 'yo', latin: 'Yo' },
	Ж: { name: 'жэ', slug: 'zhe', latin: 'Zh' },
	З: { name: 'зэ', slug: 'ze', latin: 'Z' },
	И: { name: 'и', slug: 'i', latin: 'I' },
	Й: { name: 'и краткое', slug: 'i-kratkoye', latin: 'Y' },
	К: { name: 'ка', slug: 'ka', latin: 'K' },
	Л: { name: 'эль', slug: 'el', latin: 'L' },
	М: { name: 'эм', slug: 'em', latin: 'M' },
	Н: { name: 'эн', slug: 'en', latin: 'N' },
	О: { name: 'о', slug: 'o', latin: 'O' },
	П: { name: 'пэ', slug: 'pe', latin: 'P' },
	Р: { name: 'эр', slug: 'er', latin: 'R' },
	С: { name: 'эс', slug: 'es', latin: 'S' },
	Т: { name: 'тэ', slug: 'te', latin: 'T' },
	У: { name: 'у', slug: 'u', latin: 'U' },
	Ф: { name: 'эф', slug: 'ef', latin: 'F' },
	Х: { name: 'ха', slug: 'kha', latin: 'Kh' },
	Ц: { name: 'цэ', slug: 'tse', latin: 'Ts' },
	Ч: { name: 'чэ', slug: 'che', latin: 'Ch' },
	Ш: { name: 'ша', slug: 'sha', latin: 'Sh' },
	Щ: { name: 'ща', slug: 'shcha', latin: 'Shch' },
	Ъ: { name: 'твёрдый знак', slug: 'tvyordy', latin: '' },
	Ы: { name: 'ы', slug: 'y', latin: 'Y' },
	Ь: { name: 'мягкий знак', slug: 'myagky', latin: '' },
	Э: { name: 'э', slug: 'e', latin: 'E' },
	Ю: { name: 'ю', slug: 'yu', latin: 'Yu' },
	Я: { name: 'я', slug: 'ya', latin: 'Ya' }
};

/** Latin prefixes (an office may use A–Z) read by their Russian names. */
const LATIN_RU: Record<string, string> = {
	A: 'эй', B: 'би', C: 'си', D: 'ди', E: 'и', F: 'эф', G: 'джи', H: 'эйч', I: 'ай', J: 'джей', K: 'кей', L: 'эл', M: 'эм',
	N: 'эн', O: 'оу', P: 'пи', Q: 'кью', R: 'ар', S: 'эс', T: 'ти', U: 'ю', V: 'ви', W: 'дабл-ю', X: 'экс', Y: 'уай', Z: 'зед'
};

/** The parts of a number 1..999 in Russian, largest first: 342 -> [300, 40, 2]; 115 -> [100, 15]. */
export function numberParts(n: number): number[] {
	if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`a number from 0 to 999 is expected, got ${n}`);
	if (n === 0) return [0];
	const parts: number[] = [];
	const h = Math.floor(n / 100);
	const rest = n % 100;
	if (h) parts.push(h * 100);
	if (rest >= 10 && rest < 20) parts.push(rest);
	else {
		if (rest >= 20) parts.push(Math.floor(rest / 10) * 10);
		if (rest % 10) parts.push(rest % 10);
	}
	return parts;
}

function ruPart(p: number): string {
	if (p === 0) return 'ноль';
	if (p >= 100) return RU_HUNDREDS[p / 100]!;
	if (p >= 20) return RU_TENS[p / 10]!;
	if (p >= 10) return RU_TEENS[p - 10]!;
	return RU_UNITS[p]!;
}

/** 42 -> «сорок два»; 115 -> «сто пятнадцать»; 200 -> «двести». */
export function ruNumber(n: number): string {
	return numberParts(n).map(ruPart).join(' ');
}

/** 42 -> "forty-two"; 115 -> "one hundred fifteen"; 300 -> "three hundred". */
export function enNumber(n: number): string {
	if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`a number from 0 to 999 is expected, got ${n}`);
	if (n === 0) return 'zero';
	const words: string[] = [];
	const h = Math.floor(n / 100);
	const rest = n % 100;
	if (h) words.push(`${EN_UNITS[h]} hundred`);
	if (rest >= 10 && rest < 20) words.push(EN_TEENS[rest - 10]!);
	else if (rest >= 20) words.push(EN_TENS[Math.floor(rest / 10)]! + (rest % 10 ? `-${EN_UNITS[rest % 10]}` : ''));
	else if (rest) words.push(EN_UNITS[rest]!);
	return words.join(' ');
}

/** English clip ids of a number: 342 -> ['en/3', 'en/hundred', 'en/40', 'en/2']. */
function enNumberClips(n: number): string[] {
	if (n === 0) return ['en/0'];
	const clips: string[] = [];
	const h = Math.floor(n / 100);
	const rest = n % 100;
	if (h) clips.push(`en/${h}`, 'en/hundred');
	if (rest >= 10 && rest < 20) clips.push(`en/${rest}`);
	else {
		if (rest >= 20) clips.push(`en/${Math.floor(rest / 10) * 10}`);
		if (rest % 10) clips.push(`en/${rest % 10}`);
	}
	return clips;
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

function ruLetter(ch: string): { name: string; clip: string } {
	const cyr = RU_LETTERS[ch];
	if (cyr) return { name: cyr.name, clip: `ru/letter-${cyr.slug}` };
	const lat = LATIN_RU[ch];
	if (lat) return { name: lat, clip: `ru/latin-${ch.toLowerCase()}` };
	return { name: ch, clip: `ru/unknown-${ch}` };
}

function enLetter(ch: string): { name: string; clip: string } {
	const latin = RU_LETTERS[ch]?.latin ?? (/^[A-Z]$/.test(ch) ? ch : '');
	return { name: latin, clip: `en/letter-${latin.toLowerCase()}` };
}

/** A desk number said as a number when 0..999, digit by digit otherwise (never expected). */
function deskNumberParts(desk: number): number[] | null {
	return Number.isInteger(desk) && desk >= 0 && desk <= 999 ? numberParts(desk) : null;
}

/**
 * «Талон П сорок два, пройдите к окну пять» for ticket `П042` at desk 5. A ticket number that
 * cannot be parsed is read as written (text only, no clips: the player falls back to speech).
 */
export function ruCallPhrase(ticketNumber: string, desk: number): Utterance {
	const parsed = parseTicketNumber(ticketNumber);
	const deskParts = deskNumberParts(desk);
	if (!parsed || !deskParts) {
		const text = `Талон ${ticketNumber}, пройдите к окну ${desk}`;
		return { lang: 'ru', clips: [], text, spoken: text };
	}
	const letters = [...parsed.prefix].map(ruLetter);
	const number = ruNumber(parsed.value);
	const deskWords = ruNumber(desk);
	const shownPrefix = parsed.prefix ? `${parsed.prefix} ` : '';
	const spokenPrefix = letters.length ? `${letters.map((l) => l.name).join(' ')} ` : '';
	return {
		lang: 'ru',
		clips: [
			'ru/talon',
			...letters.map((l) => l.clip),
			...numberParts(parsed.value).map((p) => `ru/${p}`),
			'ru/go-to-window',
			...deskParts.map((p) => `ru/${p}`)
		],
		text: `Талон ${shownPrefix}${number}, пройдите к окну ${deskWords}`,
		spoken: `Талон ${spokenPrefix}${number}, пройдите к окну ${deskWords}`
	};
}

/** "Ticket P forty-two, please go to window five" for `П042` at desk 5 (Cyrillic prefixes transliterated). */
export function enCallPhrase(ticketNumber: string, desk: number): Utterance {
	const parsed = parseTicketNumber(ticketNumber);
	const deskParts = deskNumberParts(desk);
	if (!parsed || !deskParts) {
		const text = `Ticket ${ticketNumber}, please go to window ${desk}`;
		return { lang: 'en', clips: [], text, spoken: text };
	}
	const letters = [...parsed.prefix].map(enLetter).filter((l) => l.name);
	const prefix = letters.map((l) => l.name).join(' ');
	const text = `Ticket ${prefix ? prefix + ' ' : ''}${enNumber(parsed.value)}, please go to window ${enNumber(desk)}`;
	return {
		lang: 'en',
		clips: ['en/ticket', ...letters.map((l) => l.clip), ...enNumberClips(parsed.value), 'en/go-to-window', ...enNumberClips(desk)],
		text,
		spoken: text
	};
}

/** Which phrases a board says: Russian, English, or Russian then English. */
export type VoiceMode = 'ru' | 'en' | 'both';

export function callPhrases(mode: VoiceMode, ticketNumber: string, desk: number): Utterance[] {
	if (mode === 'ru') return [ruCallPhrase(ticketNumber, desk)];
	if (mode === 'en') return [enCallPhrase(ticketNumber, desk)];
	return [ruCallPhrase(ticketNumber, desk), enCallPhrase(ticketNumber, desk)];
}

/**
 * Every clip a complete pack holds, with the text the synthesiser reads for it. The pack build
 * script (`display/build-voice.ts`) records exactly these; a test checks that every phrase uses
 * only ids from this list.
 */
export function voicePackClips(): { id: string; lang: SpeechLang; say: string }[] {
	const clips: { id: string; lang: SpeechLang; say: string }[] = [
		{ id: 'ru/talon', lang: 'ru', say: 'Талон' },
		{ id: 'ru/go-to-window', lang: 'ru', say: 'пройдите к окну' },
		{ id: 'en/ticket', lang: 'en', say: 'Ticket' },
		{ id: 'en/go-to-window', lang: 'en', say: 'please go to window' },
		{ id: 'en/hundred', lang: 'en', say: 'hundred' }
	];
	const ruParts = [0, ...Array.from({ length: 19 }, (_, i) => i + 1), 20, 30, 40, 50, 60, 70, 80, 90, 100, 200, 300, 400, 500, 600, 700, 800, 900];
	for (const p of ruParts) clips.push({ id: `ru/${p}`, lang: 'ru', say: ruPart(p) });
	for (const p of [0, ...Array.from({ length: 19 }, (_, i) => i + 1), 20, 30, 40, 50, 60, 70, 80, 90]) clips.push({ id: `en/${p}`, lang: 'en', say: enNumber(p).replace('-', ' ') });
	for (const l of Object.values(RU_LETTERS)) clips.push({ id: `ru/letter-${l.slug}`, lang: 'ru', say: l.name });
	for (const [ch, name] of Object.entries(LATIN_RU)) clips.push({ id: `ru/latin-${ch.toLowerCase()}`, lang: 'ru', say: name });
	const latin = new Set([...Object.values(RU_LETTERS).map((l) => l.latin).filter(Boolean), ...Object.keys(LATIN_RU)]);
	for (const l of latin) clips.push({ id: `en/letter-${l.toLowerCase()}`, lang: 'en', say: l.length > 1 ? l : `${l}.` });
	return clips;
}
