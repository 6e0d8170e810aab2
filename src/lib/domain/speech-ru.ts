import { isSayable, parseTicketNumber } from './numbering';
import type { Utterance, VoiceClip } from './speech';

/**
 * The Russian call: «Талон П сорок два, пройдите к окну пять». Numbers are composed from
 * hundreds, tens, teens and units, so 36 clips say every number from 1 to 999; a ticket number
 * is read as a cardinal in the nominative masculine («два», not «две»: «талон» is masculine),
 * the way МФЦ boards say it.
 */

const RU_UNITS = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const RU_TEENS = [
	'десять',
	'одиннадцать',
	'двенадцать',
	'тринадцать',
	'четырнадцать',
	'пятнадцать',
	'шестнадцать',
	'семнадцать',
	'восемнадцать',
	'девятнадцать'
];
const RU_TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const RU_HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];

/** Names of the letters as Russian speakers say them on a board (П is «пэ», Р is «эр»), with an ASCII slug for the clip file. */
export const RU_LETTERS: Record<string, { name: string; slug: string }> = {
	А: { name: 'а', slug: 'a' },
	Б: { name: 'бэ', slug: 'be' },
	В: { name: 'вэ', slug: 've' },
	Г: { name: 'гэ', slug: 'ge' },
	Д: { name: 'дэ', slug: 'de' },
	Е: { name: 'е', slug: 'ye' },
	Ё: { name: 'ё', slug: 'yo' },
	Ж: { name: 'жэ', slug: 'zhe' },
	З: { name: 'зэ', slug: 'ze' },
	И: { name: 'и', slug: 'i' },
	Й: { name: 'и краткое', slug: 'i-kratkoye' },
	К: { name: 'ка', slug: 'ka' },
	Л: { name: 'эль', slug: 'el' },
	М: { name: 'эм', slug: 'em' },
	Н: { name: 'эн', slug: 'en' },
	О: { name: 'о', slug: 'o' },
	П: { name: 'пэ', slug: 'pe' },
	Р: { name: 'эр', slug: 'er' },
	С: { name: 'эс', slug: 'es' },
	Т: { name: 'тэ', slug: 'te' },
	У: { name: 'у', slug: 'u' },
	Ф: { name: 'эф', slug: 'ef' },
	Х: { name: 'ха', slug: 'kha' },
	Ц: { name: 'цэ', slug: 'tse' },
	Ч: { name: 'чэ', slug: 'che' },
	Ш: { name: 'ша', slug: 'sha' },
	Щ: { name: 'ща', slug: 'shcha' },
	Ъ: { name: 'твёрдый знак', slug: 'tvyordy' },
	Ы: { name: 'ы', slug: 'y' },
	Ь: { name: 'мягкий знак', slug: 'myagky' },
	Э: { name: 'э', slug: 'e' },
	Ю: { name: 'ю', slug: 'yu' },
	Я: { name: 'я', slug: 'ya' }
};

/** Latin prefixes (an office may use A–Z) read by their Russian names. */
const LATIN_RU: Record<string, string> = {
	A: 'эй',
	B: 'би',
	C: 'си',
	D: 'ди',
	E: 'и',
	F: 'эф',
	G: 'джи',
	H: 'эйч',
	I: 'ай',
	J: 'джей',
	K: 'кей',
	L: 'эл',
	M: 'эм',
	N: 'эн',
	O: 'оу',
	P: 'пи',
	Q: 'кью',
	R: 'ар',
	S: 'эс',
	T: 'ти',
	U: 'ю',
	V: 'ви',
	W: 'дабл-ю',
	X: 'экс',
	Y: 'уай',
	Z: 'зед'
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

function ruLetter(ch: string): { name: string; clip: string } {
	const cyr = RU_LETTERS[ch];
	if (cyr) return { name: cyr.name, clip: `ru/letter-${cyr.slug}` };
	const lat = LATIN_RU[ch];
	if (lat) return { name: lat, clip: `ru/latin-${ch.toLowerCase()}` };
	return { name: ch, clip: `ru/unknown-${ch}` };
}

/**
 * «Талон П сорок два, пройдите к окну пять» for ticket `П042` at desk 5. A ticket number that
 * cannot be parsed is read as written (text only, no clips: the player falls back to speech).
 */
export function ruCallPhrase(ticketNumber: string, desk: number): Utterance {
	const parsed = parseTicketNumber(ticketNumber);
	if (!parsed || !isSayable(desk)) {
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
			...numberParts(desk).map((p) => `ru/${p}`)
		],
		text: `Талон ${shownPrefix}${number}, пройдите к окну ${deskWords}`,
		spoken: `Талон ${spokenPrefix}${number}, пройдите к окну ${deskWords}`
	};
}

/** Every Russian clip of the pack, with the text the synthesiser reads for it. */
export function ruClips(): VoiceClip[] {
	const clips: VoiceClip[] = [
		{ id: 'ru/talon', lang: 'ru', say: 'Талон' },
		{ id: 'ru/go-to-window', lang: 'ru', say: 'пройдите к окну' }
	];
	const parts = [
		0,
		...Array.from({ length: 19 }, (_, i) => i + 1),
		20,
		30,
		40,
		50,
		60,
		70,
		80,
		90,
		100,
		200,
		300,
		400,
		500,
		600,
		700,
		800,
		900
	];
	for (const p of parts) clips.push({ id: `ru/${p}`, lang: 'ru', say: ruPart(p) });
	for (const l of Object.values(RU_LETTERS)) clips.push({ id: `ru/letter-${l.slug}`, lang: 'ru', say: l.name });
	for (const [ch, name] of Object.entries(LATIN_RU)) clips.push({ id: `ru/latin-${ch.toLowerCase()}`, lang: 'ru', say: name });
	return clips;
}
