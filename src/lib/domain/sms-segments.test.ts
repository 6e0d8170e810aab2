import { describe, expect, it } from 'vitest';
import { countSms } from './sms-segments';

/** A hand-made table: each row counted by hand against 3GPP TS 23.038. */
const table: [label: string, text: string, encoding: 'gsm7' | 'ucs2', units: number, segments: number][] = [
	['empty', '', 'gsm7', 0, 0],
	['plain Latin', 'Hello', 'gsm7', 5, 1],
	['160 GSM characters: one segment', 'a'.repeat(160), 'gsm7', 160, 1],
	['161 GSM characters: two of 153', 'a'.repeat(161), 'gsm7', 161, 2],
	['306 = 2 × 153', 'a'.repeat(306), 'gsm7', 306, 2],
	['307: three', 'a'.repeat(307), 'gsm7', 307, 3],
	['extension characters count twice', '{}[]€', 'gsm7', 10, 1],
	['159 + one extension = 161 septets: two', 'a'.repeat(159) + '€', 'gsm7', 161, 2],
	['GSM accented letters stay 7-bit', 'éèùìòÄÖÑÜäöñüà£¥§¿¡', 'gsm7', 19, 1],
	['Greek capitals of the GSM set', 'ΔΦΓΛΩΠΨΣΘΞ', 'gsm7', 10, 1],
	['one Cyrillic letter makes it UCS-2', 'Talon: ваш талон', 'ucs2', 16, 1],
	['70 Cyrillic characters: one segment', 'я'.repeat(70), 'ucs2', 70, 1],
	['71: two of 67', 'я'.repeat(71), 'ucs2', 71, 2],
	['134 = 2 × 67', 'я'.repeat(134), 'ucs2', 134, 2],
	['135: three', 'я'.repeat(135), 'ucs2', 135, 3],
	['a non-GSM Latin character (ç lower case is not in the set, Ç is)', 'ç', 'ucs2', 1, 1],
	['an emoji is two UTF-16 units', '👍', 'ucs2', 2, 1],
	['№ is not GSM', '№5', 'ucs2', 2, 1]
];

describe('SMS segments', () => {
	it.each(table)('%s', (_label, text, encoding, units, segments) => {
		expect(countSms(text)).toMatchObject({ encoding, units, segments });
	});
});
