import { describe, expect, it } from 'vitest';
import { enCallPhrase, enNumber } from './speech-en';

describe('English numbers and phrases', () => {
	it('numbers', () => {
		expect(enNumber(5)).toBe('five');
		expect(enNumber(13)).toBe('thirteen');
		expect(enNumber(42)).toBe('forty-two');
		expect(enNumber(100)).toBe('one hundred');
		expect(enNumber(115)).toBe('one hundred fifteen');
		expect(enNumber(999)).toBe('nine hundred ninety-nine');
	});

	it('English phrase transliterates the prefix', () => {
		expect(enCallPhrase('П042', 5).text).toBe('Ticket P forty-two, please go to window five');
		expect(enCallPhrase('Р115', 3).clips).toEqual(['en/ticket', 'en/letter-r', 'en/1', 'en/hundred', 'en/15', 'en/go-to-window', 'en/3']);
	});
});
