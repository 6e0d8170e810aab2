import { describe, expect, it } from 'vitest';
import { adminSections, isCurrent, sectionHref } from './nav';

/** The admin menu marks exactly one entry per menu as the current page. */
const current = (pathname: string) => adminSections.filter((s) => isCurrent(s, sectionHref(s, 'north'), pathname)).map((s) => s.id);

describe('admin menu: current entry', () => {
	it('an office page and the pages below it mark their own office entry, never «Все офисы» or «Офис»', () => {
		expect(current('/admin/offices')).toEqual(['offices']);
		expect(current('/admin/offices/north')).toEqual(['office']);
		expect(current('/admin/offices/north/services')).toEqual(['services']);
		expect(current('/admin/offices/north/services/import')).toEqual(['services']);
		expect(current('/admin/offices/north/plan')).toEqual(['plan']);
	});

	it('network pages mark themselves and their sub-pages', () => {
		expect(current('/admin/staff')).toEqual(['staff']);
		expect(current('/admin/staff/12')).toEqual(['staff']);
		expect(current('/admin')).toEqual([]);
	});
});
