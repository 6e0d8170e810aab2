import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH, checkInVerdict, formatPhone, newBookingCode, normalizeCode, normalizePhone } from './booking-rules';

describe('booking code', () => {
	it('is six symbols of an alphabet without look-alikes', () => {
		for (const bad of '0O1IL2Z5S8BGVDQJ') expect(CODE_ALPHABET).not.toContain(bad);
		for (let i = 0; i < 200; i++) {
			const c = newBookingCode();
			expect(c).toHaveLength(CODE_LENGTH);
			expect([...c].every((ch) => CODE_ALPHABET.includes(ch))).toBe(true);
		}
	});
	it('reads what people type and what a QR holds', () => {
		expect(normalizeCode(' ack-947 ')).toBe('ACK947');
		expect(normalizeCode('АСК947')).toBe('ACK947'); // Cyrillic look-alikes
		expect(normalizeCode('https://talon.example/b/c/ACK947')).toBe('ACK947');
		expect(normalizeCode('ACK94')).toBeNull();
		expect(normalizeCode('AOK947')).toBeNull();
	});
});

describe('phone', () => {
	it('accepts Russian numbers in the usual ways of writing them', () => {
		expect(normalizePhone('+7 916 123-45-67')).toBe('+79161234567');
		expect(normalizePhone('8 (916) 123 45 67')).toBe('+79161234567');
		expect(normalizePhone('9161234567')).toBe('+79161234567');
		expect(formatPhone('+79161234567')).toBe('+7 916 123-45-67');
	});
	it('refuses other countries, Kazakhstan (+7 7xx) included, and nonsense', () => {
		expect(normalizePhone('+1 202 555 0100')).toBeNull();
		expect(normalizePhone('+7 701 123 4567')).toBeNull();
		expect(normalizePhone('+7 916 123')).toBeNull();
		expect(normalizePhone('hello')).toBeNull();
	});
});

describe('check-in window', () => {
	const start = new Date('2026-11-24T07:00:00Z');
	const w = { beforeMin: 30, afterMin: 15, latePolicy: 'refuse' as const };
	const at = (min: number) => new Date(start.getTime() + min * 60_000);
	it('opens 30 minutes before and closes 15 after', () => {
		expect(checkInVerdict(start, at(-31), w)).toEqual({ kind: 'too_early', opensAt: at(-30) });
		expect(checkInVerdict(start, at(-30), w).kind).toBe('on_time');
		expect(checkInVerdict(start, at(15), w).kind).toBe('on_time');
		expect(checkInVerdict(start, at(16), w).kind).toBe('too_late');
		expect(checkInVerdict(start, at(16), { ...w, latePolicy: 'ordinary' }).kind).toBe('late_ordinary');
	});
});
