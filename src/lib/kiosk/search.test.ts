import { describe, expect, it } from 'vitest';
import { KEYBOARD_ROWS, searchServices, searchWords, withinOneEdit, wordScore } from './search';

const s = (id: number, nameRu: string, takenToday = 0, nameEn = '') => ({ id, nameRu, nameEn, takenToday });
const list = [
	s(1, 'Загранпаспорт нового образца', 3, 'Biometric travel passport'),
	s(2, 'Паспорт РФ: замена в 20 и 45 лет', 10, 'Russian passport'),
	s(3, 'Выписка из ЕГРН', 7),
	s(4, 'Регистрация по месту жительства', 1),
	s(5, 'Материнский капитал', 0),
	s(6, 'Справка о пенсии (ёлочная)', 2),
	s(7, 'Загранпаспорт старого образца', 0)
];
const ids = (q: string) => searchServices(list, q).map((x) => x.id);

describe('kiosk search', () => {
	it('finds «загранпаспорт» by «загран» and by «паспорт»', () => {
		expect(ids('загран')).toEqual([1, 7]);
		expect(ids('паспорт')).toEqual([2, 1, 7]); // a word that starts with it first, then inside a word
		expect(ids('ЗАГРАН')).toEqual([1, 7]);
	});

	it('matches any word of the name; every typed word must match', () => {
		expect(ids('капитал')).toEqual([5]);
		expect(ids('месту')).toEqual([4]);
		expect(ids('загран нового')).toEqual([1]);
		expect(ids('загран капитал')).toEqual([]);
	});

	it('takes е for ё and ё for е', () => {
		expect(ids('елочная')).toEqual([6]);
		expect(ids('ёгрн')).toEqual([3]);
		// As an exact match, not as a forgiven typo (and in a word too short to forgive).
		expect(wordScore('елочная', searchWords('Ёлочная'))).toBe(4);
		expect(searchServices([s(9, 'Ёж'), s(10, 'Уж')], 'еж').map((x) => x.id)).toEqual([9]);
	});

	it('forgives one wrong, missing, extra or swapped letter in a word of four letters or more', () => {
		expect(ids('пасморт')).toContain(2); // wrong
		expect(ids('пспорт')).toContain(2); // missing
		expect(ids('пасспорт')).toContain(2); // extra
		expect(ids('пасопрт')).toContain(2); // swapped
		expect(ids('загарн')).toEqual([1, 7]); // inside a longer word
		expect(ids('выпсика')).toEqual([3]);
		expect(ids('кпт')).toEqual([]); // too short to guess
		expect(ids('пасморд')).toEqual([]); // two letters wrong
	});

	it('ranks exact before typo, then by tickets taken today', () => {
		expect(ids('образца')).toEqual([1, 7]); // 3 taken today before 0
		expect(ids('')).toEqual([2, 3, 1, 6, 4, 5, 7]); // nothing typed: the day's most taken
	});

	it('also finds by the English name', () => {
		expect(ids('travel')).toEqual([1]);
	});

	it('splits words, lower-cases and drops signs', () => {
		expect(searchWords('Паспорт РФ: замена, Ёлка!')).toEqual(['паспорт', 'рф', 'замена', 'елка']);
		expect(withinOneEdit('abc', 'abc')).toBe(true);
		expect(withinOneEdit('abc', 'abd')).toBe(true);
		expect(withinOneEdit('abc', 'ab')).toBe(true);
		expect(withinOneEdit('abc', 'bca')).toBe(false);
		expect(wordScore('паспорт', ['паспорт'])).toBe(4);
		expect(wordScore('пас', ['паспорт'])).toBe(3);
		expect(wordScore('паспорт', ['загранпаспорт'])).toBe(3); // the end of a compound is a word too
		expect(wordScore('аспор', ['паспорт'])).toBe(2);
	});

	it('has every Russian letter on the keyboard once', () => {
		const keys = KEYBOARD_ROWS.flat();
		expect(new Set(keys).size).toBe(33);
		expect(keys).toHaveLength(33);
	});
});
