import { describe, expect, it } from 'vitest';
import { ErrorCode } from '$lib/errors';
import { errorMessage } from './errors';
import { locales } from './locale';

const codes = Object.values(ErrorCode);

describe('errorMessage', () => {
	it('knows some codes (the list is not empty)', () => {
		expect(codes.length).toBeGreaterThan(10);
	});

	for (const locale of locales) {
		it.each(codes)(`${locale}: %s has a message`, (code) => {
			const m = errorMessage(locale, code);
			expect(typeof m).toBe('string');
			expect(m.trim().length).toBeGreaterThan(0);
			expect(m).not.toBe(code);
		});
	}

	it('gives different wording in Russian and English', () => {
		for (const code of codes) expect(errorMessage('ru', code)).not.toBe(errorMessage('en', code));
		expect(errorMessage('ru', 'not_found')).toMatch(/[а-я]/i);
		expect(errorMessage('en', 'not_found')).not.toMatch(/[а-я]/i);
	});

	it('names the ticket and its state in ticket_state_conflict', () => {
		const ru = errorMessage('ru', 'ticket_state_conflict', { number: 'А042', state: 'no_show' });
		const en = errorMessage('en', 'ticket_state_conflict', { number: 'А042', state: 'no_show' });
		expect(ru).toContain('А042');
		expect(ru).toContain('не явился');
		expect(en).toContain('А042');
		expect(en).toContain('no show');
	});

	it('names the ticket in ticket_not_at_desk', () => {
		expect(errorMessage('ru', 'ticket_not_at_desk', { number: 'П007' })).toContain('П007');
		expect(errorMessage('en', 'ticket_not_at_desk', { number: 'П007' })).toContain('П007');
	});

	it('names the visitor’s ticket in desk_busy when given, and reads well without it', () => {
		expect(errorMessage('ru', 'desk_busy', { ticket: 'К015' })).toContain('К015');
		expect(errorMessage('en', 'desk_busy', { ticket: 'К015' })).toContain('К015');
		expect(errorMessage('en', 'desk_busy')).not.toContain('()');
	});

	it('names the field in invalid_input and the office in office_not_found', () => {
		expect(errorMessage('ru', 'invalid_input', { field: 'phone' })).toContain('phone');
		expect(errorMessage('en', 'invalid_input', { field: 'phone' })).toContain('phone');
		expect(errorMessage('ru', 'office_not_found', { office: 'mfc-1' })).toContain('mfc-1');
		expect(errorMessage('en', 'office_not_found', { office: 'mfc-1' })).toContain('mfc-1');
	});

	it('never shows "undefined" or "null" for codes with optional params left out', () => {
		const allowed = new Set<string>(['ticket_state_conflict']);
		for (const locale of locales)
			for (const code of codes) {
				if (allowed.has(code)) continue;
				expect(errorMessage(locale, code)).not.toMatch(/undefined|null/);
			}
	});

	// Regression: without params the message once read «undefined».
	it('ticket_state_conflict without params does not say "undefined"', () => {
		expect(errorMessage('ru', 'ticket_state_conflict')).not.toContain('undefined');
	});
});
