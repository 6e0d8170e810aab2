import { isSayable, parseTicketNumber } from './numbering';
import type { Utterance, VoiceClip } from './speech';

/** The English call: "Ticket P forty-two, please go to window five", Cyrillic prefixes transliterated. */

const EN_UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** The Latin letter(s) an English phrase says for a Cyrillic prefix; the signs (Ъ, Ь) say nothing. */
const TRANSLIT: Record<string, string> = {
	А: 'A',
	Б: 'B',
	В: 'V',
	Г: 'G',
	Д: 'D',
	Е: 'E',
	Ё: 'Yo',
	Ж: 'Zh',
	З: 'Z',
	И: 'I',
	Й: 'Y',
	К: 'K',
	Л: 'L',
	М: 'M',
	Н: 'N',
	О: 'O',
	П: 'P',
	Р: 'R',
	С: 'S',
	Т: 'T',
	У: 'U',
	Ф: 'F',
	Х: 'Kh',
	Ц: 'Ts',
	Ч: 'Ch',
	Ш: 'Sh',
	Щ: 'Shch',
	Ъ: '',
	Ы: 'Y',
	Ь: '',
	Э: 'E',
	Ю: 'Yu',
	Я: 'Ya'
};
const LATIN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

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

function enLetter(ch: string): { name: string; clip: string } {
	const latin = TRANSLIT[ch] ?? (LATIN.includes(ch) ? ch : '');
	return { name: latin, clip: `en/letter-${latin.toLowerCase()}` };
}

/** "Ticket P forty-two, please go to window five" for `П042` at desk 5; a number it cannot parse is read as written. */
export function enCallPhrase(ticketNumber: string, desk: number): Utterance {
	const parsed = parseTicketNumber(ticketNumber);
	if (!parsed || !isSayable(desk)) {
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

/** Every English clip of the pack, with the text the synthesiser reads for it. */
export function enClips(): VoiceClip[] {
	const clips: VoiceClip[] = [
		{ id: 'en/ticket', lang: 'en', say: 'Ticket' },
		{ id: 'en/go-to-window', lang: 'en', say: 'please go to window' },
		{ id: 'en/hundred', lang: 'en', say: 'hundred' }
	];
	for (const p of [0, ...Array.from({ length: 19 }, (_, i) => i + 1), 20, 30, 40, 50, 60, 70, 80, 90])
		clips.push({ id: `en/${p}`, lang: 'en', say: enNumber(p).replace('-', ' ') });
	const letters = new Set([...Object.values(TRANSLIT).filter(Boolean), ...LATIN]);
	for (const l of letters) clips.push({ id: `en/letter-${l.toLowerCase()}`, lang: 'en', say: l.length > 1 ? l : `${l}.` });
	return clips;
}
