import { describe, expect, it } from 'vitest';
import { MAX_LABEL, firstFreeSeq, isValidPrefix, labelNumber, parseTicketNumber, ticketLabel } from './numbering';

describe('ticketLabel', () => {
	it.each([
		[1, 'П001'],
		[9, 'П009'],
		[10, 'П010'],
		[42, 'П042'],
		[100, 'П100'],
		[999, 'П999']
	])('seq %i is labelled %s', (seq, label) => {
		expect(ticketLabel('П', seq)).toBe(label);
	});

	it('always shows three digits after the prefix', () => {
		for (let seq = 1; seq <= 3 * MAX_LABEL; seq++) {
			expect(ticketLabel('А', seq)).toMatch(/^А\d{3}$/u);
		}
	});

	it.each([
		[1000, 'П001'],
		[1001, 'П002'],
		[1042, 'П043'],
		[1998, 'П999'],
		[1999, 'П001'],
		[2997, 'П999'],
		[2998, 'П001']
	])('wraps the label after 999: seq %i is labelled %s', (seq, label) => {
		expect(ticketLabel('П', seq)).toBe(label);
	});

	it('never shows 000', () => {
		for (let seq = 1; seq <= 5000; seq++) expect(ticketLabel('П', seq)).not.toBe('П000');
	});

	it('counts 001..999 and then starts over, one step per sequence number', () => {
		for (let seq = 1; seq <= 3000; seq++) {
			expect(Number(ticketLabel('П', seq).slice(1))).toBe(((seq - 1) % 999) + 1);
		}
	});

	it('keeps the prefix it is given, Cyrillic or Latin', () => {
		expect(ticketLabel('А', 7)).toBe('А007');
		expect(ticketLabel('Ё', 7)).toBe('Ё007');
		expect(ticketLabel('Z', 123)).toBe('Z123');
	});

	it('uses MAX_LABEL 999 as the last label', () => {
		expect(MAX_LABEL).toBe(999);
		expect(ticketLabel('П', MAX_LABEL)).toBe('П999');
		expect(ticketLabel('П', MAX_LABEL + 1)).toBe('П001');
	});

	it.each([0, -1, -999, 1.5, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
		'refuses sequence %s with a RangeError',
		(seq) => {
			expect(() => ticketLabel('П', seq)).toThrow(RangeError);
		}
	);

	it('says which sequence was refused', () => {
		expect(() => ticketLabel('П', 1.5)).toThrow(/1\.5/);
	});
});

describe('isValidPrefix', () => {
	it.each(['А', 'Б', 'П', 'Я', 'Ё', 'Ж', 'Щ', 'A', 'M', 'Z'])('accepts the capital letter %s', (prefix) => {
		expect(isValidPrefix(prefix)).toBe(true);
	});

	it('accepts every Russian capital letter, Ё included', () => {
		const alphabet = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';
		expect([...alphabet]).toHaveLength(33);
		for (const letter of alphabet) expect(isValidPrefix(letter)).toBe(true);
	});

	it.each(['ПА', 'ЗП', 'ЁЖ', 'AB', 'ZZ'])('accepts the two capital letters %s', (prefix) => {
		expect(isValidPrefix(prefix)).toBe(true);
	});

	it('a two-letter prefix numbers like a one-letter one', () => {
		expect(ticketLabel('ЗП', 42)).toBe('ЗП042');
		expect(ticketLabel('ЗП', 1000)).toBe('ЗП001');
		expect(parseTicketNumber('зп042')).toEqual({ prefix: 'ЗП', value: 42 });
	});

	it('accepts every Latin capital letter', () => {
		for (let code = 65; code <= 90; code++) expect(isValidPrefix(String.fromCharCode(code))).toBe(true);
	});

	it.each([
		['lowercase Cyrillic', 'п'],
		['lowercase ё', 'ё'],
		['lowercase Latin', 'a'],
		['a digit', '1'],
		['zero', '0'],
		['three letters', 'ПАС'],
		['a Cyrillic and a lowercase letter', 'Пa'],
		['a letter and a digit', 'П1'],
		['empty', ''],
		['a space', ' '],
		['a letter with a trailing space', 'П '],
		['a letter with a newline', 'П\n'],
		['a hyphen', '-'],
		['a Ukrainian capital Є', 'Є'],
		['a Ukrainian capital І', 'І'],
		['a Greek capital Alpha', 'Α'],
		['an accented Latin capital', 'É'],
		['an emoji', '😀']
	])('rejects %s', (_what, prefix) => {
		expect(isValidPrefix(prefix)).toBe(false);
	});
});

describe('firstFreeSeq (what comes after 999)', () => {
	it('keeps the sequence when its number is free', () => {
		expect(firstFreeSeq(1000, new Set([5, 6]))).toBe(1000);
		expect(firstFreeSeq(7, new Set())).toBe(7);
	});

	it('skips the numbers still live and lands on the next free one', () => {
		// seq 1000..1003 are labelled 001..004; 001, 002 and 004 are live.
		expect(firstFreeSeq(1000, new Set([1, 2, 4]))).toBe(1002);
		expect(labelNumber(1002)).toBe(3);
		expect(firstFreeSeq(1003, new Set([1, 2, 4]))).toBe(1004);
	});

	it('wraps past 999 while skipping: 999 live, 998 free → the next free after 999 is 001', () => {
		expect(firstFreeSeq(1998, new Set([999]))).toBe(1999);
		expect(labelNumber(1999)).toBe(1);
	});

	it('answers null when every number 1..999 is live', () => {
		const all = new Set(Array.from({ length: MAX_LABEL }, (_, i) => i + 1));
		expect(firstFreeSeq(1000, all)).toBeNull();
		all.delete(500);
		expect(labelNumber(firstFreeSeq(1000, all)!)).toBe(500);
	});
});
