import { describe, expect, it } from 'vitest';
import { numberParts, ruCallPhrase, ruNumber } from './speech-ru';
import { parseTicketNumber } from './numbering';
import { voicePackClips } from './speech';

/** Written by hand (not generated): the forms a board must say. */
const table: [number, string][] = [
	[1, 'один'],
	[2, 'два'],
	[3, 'три'],
	[4, 'четыре'],
	[5, 'пять'],
	[6, 'шесть'],
	[7, 'семь'],
	[8, 'восемь'],
	[9, 'девять'],
	[10, 'десять'],
	[11, 'одиннадцать'],
	[12, 'двенадцать'],
	[13, 'тринадцать'],
	[14, 'четырнадцать'],
	[15, 'пятнадцать'],
	[16, 'шестнадцать'],
	[17, 'семнадцать'],
	[18, 'восемнадцать'],
	[19, 'девятнадцать'],
	[20, 'двадцать'],
	[21, 'двадцать один'],
	[22, 'двадцать два'],
	[30, 'тридцать'],
	[34, 'тридцать четыре'],
	[40, 'сорок'],
	[42, 'сорок два'],
	[50, 'пятьдесят'],
	[57, 'пятьдесят семь'],
	[60, 'шестьдесят'],
	[70, 'семьдесят'],
	[80, 'восемьдесят'],
	[90, 'девяносто'],
	[99, 'девяносто девять'],
	[100, 'сто'],
	[101, 'сто один'],
	[110, 'сто десять'],
	[111, 'сто одиннадцать'],
	[119, 'сто девятнадцать'],
	[120, 'сто двадцать'],
	[200, 'двести'],
	[212, 'двести двенадцать'],
	[300, 'триста'],
	[345, 'триста сорок пять'],
	[400, 'четыреста'],
	[404, 'четыреста четыре'],
	[500, 'пятьсот'],
	[515, 'пятьсот пятнадцать'],
	[600, 'шестьсот'],
	[666, 'шестьсот шестьдесят шесть'],
	[700, 'семьсот'],
	[713, 'семьсот тринадцать'],
	[800, 'восемьсот'],
	[880, 'восемьсот восемьдесят'],
	[900, 'девятьсот'],
	[918, 'девятьсот восемнадцать'],
	[990, 'девятьсот девяносто'],
	[999, 'девятьсот девяносто девять']
];

describe('Russian numbers', () => {
	it.each(table)('%i is «%s»', (n, words) => {
		expect(ruNumber(n)).toBe(words);
	});

	it('every number 1–999 is one to three words, each a known clip, and no two numbers sound alike', () => {
		const ids = new Set(voicePackClips().map((c) => c.id));
		const seen = new Map<string, number>();
		for (let n = 1; n <= 999; n++) {
			const words = ruNumber(n);
			expect(words).toMatch(/^[а-яё]+( [а-яё]+){0,2}$/);
			expect(seen.has(words), `${n} sounds like ${seen.get(words)}`).toBe(false);
			seen.set(words, n);
			const parts = numberParts(n);
			expect(parts.reduce((a, b) => a + b, 0)).toBe(n);
			for (const p of parts) expect(ids.has(`ru/${p}`)).toBe(true);
			// Teens are one word, never «десять один».
			if (n % 100 >= 11 && n % 100 <= 19) expect(words).not.toMatch(/десять /);
			// Whole tens and hundreds have no trailing unit word.
			if (n % 10 === 0) expect(words).not.toMatch(/ (один|два|три|четыре|пять|шесть|семь|восемь|девять)$/);
		}
	});

	it('rejects numbers outside 0–999', () => {
		expect(() => ruNumber(1000)).toThrow(RangeError);
		expect(() => ruNumber(-1)).toThrow(RangeError);
		expect(() => ruNumber(2.5)).toThrow(RangeError);
	});
});

describe('call phrases', () => {
	it("says the issue's example exactly", () => {
		const u = ruCallPhrase('П042', 5);
		expect(u.text).toBe('Талон П сорок два, пройдите к окну пять');
		expect(u.spoken).toBe('Талон пэ сорок два, пройдите к окну пять');
		expect(u.clips).toEqual(['ru/talon', 'ru/letter-pe', 'ru/40', 'ru/2', 'ru/go-to-window', 'ru/5']);
	});

	/** Letter names by hand, for every prefix the demo office uses and a few more. */
	const letters: [string, string][] = [
		['П', 'пэ'],
		['З', 'зэ'],
		['Р', 'эр'],
		['Е', 'е'],
		['С', 'эс'],
		['М', 'эм'],
		['Н', 'эн'],
		['К', 'ка'],
		['А', 'а'],
		['Б', 'бэ'],
		['В', 'вэ'],
		['Л', 'эль'],
		['Ф', 'эф'],
		['Х', 'ха'],
		['Ш', 'ша']
	];
	it.each(letters)('prefix %s is said «%s»', (letter, name) => {
		const u = ruCallPhrase(`${letter}111`, 12);
		expect(u.text).toBe(`Талон ${letter} сто одиннадцать, пройдите к окну двенадцать`);
		expect(u.spoken).toBe(`Талон ${name} сто одиннадцать, пройдите к окну двенадцать`);
	});

	it('reads three digits with leading zeros as the number', () => {
		expect(ruCallPhrase('К007', 1).text).toBe('Талон К семь, пройдите к окну один');
		expect(ruCallPhrase('К100', 10).text).toBe('Талон К сто, пройдите к окну десять');
		expect(ruCallPhrase('К019', 20).text).toBe('Талон К девятнадцать, пройдите к окну двадцать');
	});

	it('a number it cannot parse is spoken as written, with no clips (speech fallback)', () => {
		expect(parseTicketNumber('П-42')).toBeNull();
		expect(ruCallPhrase('П-42', 5)).toMatchObject({ clips: [], text: 'Талон П-42, пройдите к окну 5' });
	});
});

describe('two-letter prefixes (issue 11)', () => {
	it('says each letter of the prefix, then the number', () => {
		const u = ruCallPhrase('ЗП042', 5);
		expect(u.text).toBe('Талон ЗП сорок два, пройдите к окну пять');
		expect(u.spoken).toBe('Талон зэ пэ сорок два, пройдите к окну пять');
		expect(u.clips).toEqual(['ru/talon', 'ru/letter-ze', 'ru/letter-pe', 'ru/40', 'ru/2', 'ru/go-to-window', 'ru/5']);
		const pack = new Set(voicePackClips().map((c) => c.id));
		for (const clip of u.clips) expect(pack.has(clip)).toBe(true);
	});
});
