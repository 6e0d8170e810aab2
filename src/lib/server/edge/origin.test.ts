import { describe, expect, it } from 'vitest';
import { crossSiteForm, crossSiteRefusal, isSignedLink } from './origin';

const site = 'https://talon.example';
const post = (path: string, headers: Record<string, string>, method = 'POST') =>
	[new Request(site + path, { method, headers, body: 'x=1' }), new URL(site + path)] as const;
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the origin check of form posts', () => {
	it('refuses a cross-site or origin-less form post, as SvelteKit does', () => {
		expect(crossSiteForm(...post('/login', { ...form, origin: 'https://evil.example' }))).toBe(true);
		expect(crossSiteForm(...post('/login', form))).toBe(true);
		expect(crossSiteForm(...post('/admin/offices/central/services?/save', { 'content-type': 'multipart/form-data; boundary=x' }))).toBe(
			true
		);
		expect(crossSiteForm(...post('/login', { 'content-type': 'TEXT/PLAIN', origin: 'null' }))).toBe(true);
		expect(crossSiteForm(...post('/desk', { ...form, origin: 'https://evil.example' }, 'DELETE'))).toBe(true);
	});

	it('lets same-site posts, JSON and reads through', () => {
		expect(crossSiteForm(...post('/login', { ...form, origin: site }))).toBe(false);
		expect(crossSiteForm(...post('/api/v1/offices/central/tickets', { 'content-type': 'application/json' }))).toBe(false);
		expect(crossSiteForm(new Request(site + '/login'), new URL(site + '/login'))).toBe(false);
	});

	it("lets a mail client's one-click unsubscribe reach the stop links only", () => {
		const oneClick = { ...form };
		expect(crossSiteForm(...post('/t/abcdefgh/stop?channel=email&sig=x', oneClick))).toBe(false);
		expect(crossSiteForm(...post('/book/stop/42?sig=x', { 'content-type': 'multipart/form-data; boundary=x' }))).toBe(false);
		// Not a prefix match: nothing under or beside them.
		for (const path of ['/t/abc/stop/more', '/book/stop', '/book/stop/42/x', '/t/abc', '/book/manage/abc', '/x/t/abc/stop'])
			expect(isSignedLink(path), path).toBe(false);
		expect(crossSiteForm(...post('/book/manage/abcdefghabcdefgh?/cancel', oneClick))).toBe(true);
	});

	it('answers 403 in words', async () => {
		const r = crossSiteRefusal(new Request(site + '/login', { method: 'POST' }));
		expect(r.status).toBe(403);
		expect(await r.text()).toBe('Cross-site POST form submissions are forbidden');
	});
});
