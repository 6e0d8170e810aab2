import { describe, expect, it } from 'vitest';
import { defaultLocale, isLocale, pickLocale, plural } from './locale';

const people = { one: 'человек', few: 'человека', many: 'человек', other: 'человека' };
const peopleEn = { one: 'person', other: 'people' };

describe('plural', () => {
	it.each([
		[0, '0 человек'],
		[1, '1 человек'],
		[2, '2 человека'],
		[4, '4 человека'],
		[5, '5 человек'],
		[11, '11 человек'],
		[12, '12 человек'],
		[14, '14 человек'],
		[21, '21 человек'],
		[22, '22 человека'],
		[25, '25 человек'],
		[101, '101 человек'],
		[111, '111 человек'],
		[112, '112 человек'],
		[122, '122 человека']
	])('ru %i -> %s', (n, expected) => {
		expect(plural('ru', n, people)).toBe(expected);
	});

	it('uses the Russian forms for minutes too', () => {
		const minutes = { one: 'минута', few: 'минуты', many: 'минут', other: 'минуты' };
		expect([1, 3, 5, 21, 11].map((n) => plural('ru', n, minutes))).toEqual(['1 минута', '3 минуты', '5 минут', '21 минута', '11 минут']);
	});

	it.each([
		[0, '0 people'],
		[1, '1 person'],
		[2, '2 people'],
		[21, '21 people']
	])('en %i -> %s', (n, expected) => {
		expect(plural('en', n, peopleEn)).toBe(expected);
	});

	it('falls back to `other` when a form is missing', () => {
		expect(plural('ru', 5, { other: 'чел.' })).toBe('5 чел.');
	});
});

describe('pickLocale', () => {
	it('lets an explicit choice win over the header', () => {
		expect(pickLocale('en', 'ru-RU,ru')).toBe('en');
		expect(pickLocale('ru', 'en-US,en')).toBe('ru');
	});

	it('picks English when the browser asks for it first', () => {
		expect(pickLocale(null, 'en-US,en')).toBe('en');
		expect(pickLocale(undefined, 'en')).toBe('en');
		expect(pickLocale(null, 'EN-gb;q=0.9, ru;q=0.8')).toBe('en');
	});

	it('stays Russian for any other language', () => {
		expect(pickLocale(null, 'de')).toBe('ru');
		expect(pickLocale(null, 'de-DE,en;q=0.5')).toBe('ru');
		expect(pickLocale(null, 'ru-RU,en')).toBe('ru');
	});

	it('is Russian when nothing is known', () => {
		expect(pickLocale(null, null)).toBe('ru');
		expect(pickLocale(undefined)).toBe('ru');
		expect(pickLocale('', '')).toBe('ru');
		expect(defaultLocale).toBe('ru');
	});

	it('ignores a choice that is not a supported locale', () => {
		expect(pickLocale('de', 'en-US')).toBe('en');
		expect(pickLocale('EN', null)).toBe('ru');
		expect(isLocale('fr')).toBe(false);
	});
});
