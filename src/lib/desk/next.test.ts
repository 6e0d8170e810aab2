import { describe, expect, it } from 'vitest';
import { safeNext } from './next';

describe('safeNext', () => {
	it('keeps a path of this site with its query', () => {
		expect(safeNext('/desk?lang=en')).toBe('/desk?lang=en');
		expect(safeNext('/admin')).toBe('/admin');
	});
	it('refuses other hosts and odd shapes', () => {
		for (const bad of ['//evil.example', 'https://evil.example/', '/\\evil.example', 'desk', '', null, undefined, '/desk\r\nX: 1'])
			expect(safeNext(bad)).toBe('/desk');
	});
	it('does not loop back to the sign-in or sign-out pages', () => {
		expect(safeNext('/login?next=/desk')).toBe('/desk');
		expect(safeNext('/logout')).toBe('/desk');
	});
});
