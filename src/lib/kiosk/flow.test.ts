import { describe, expect, it } from 'vitest';
import { categoryPath, isCompleteBookingCode, newTapKey, normaliseBookingCode, scanReader, treeLevel } from './flow';
import type { CategoryView, ServiceView } from '$lib/realtime/types';

const cat = (id: number, parentId: number | null, sort = 0, kiosk = true): CategoryView => ({
	id,
	parentId,
	nameRu: `К${id}`,
	nameEn: `C${id}`,
	sort,
	kiosk
});
const svc = (id: number, categoryId: number | null): ServiceView => ({
	id,
	categoryId,
	nameRu: `У${id}`,
	nameEn: `S${id}`,
	prefix: 'А',
	durationMin: 10,
	targetWaitMin: 15,
	documentsRu: [],
	documentsEn: [],
	bookable: true,
	kiosk: true,
	priorityAllowed: true,
	takenToday: 0,
	averageServiceSec: 600
});

describe('kiosk category tree', () => {
	const categories = [cat(1, null, 2), cat(2, null, 1), cat(3, 1), cat(4, null, 3)];
	const services = [svc(10, 3), svc(11, 2), svc(12, null), svc(13, 99)];
	it('shows top categories that lead to a service, sorted, and services without a (known) category', () => {
		const top = treeLevel(categories, services, null);
		expect(top.categories.map((c) => c.id)).toEqual([2, 1]); // 4 is empty: hidden
		expect(top.services.map((s) => s.id)).toEqual([12, 13]);
	});
	it('goes down one level', () => {
		expect(treeLevel(categories, services, 1)).toEqual({ categories: [categories[2]], services: [] });
		expect(treeLevel(categories, services, 3).services.map((s) => s.id)).toEqual([10]);
	});
	it('goes down any depth and leaves out what is not shown on the kiosk', () => {
		const deep = [cat(1, null), cat(2, 1), cat(3, 2), cat(4, 3), cat(5, null, 0, false), cat(6, 5)];
		const list = [svc(20, 4), { ...svc(21, 4), kiosk: false }, svc(22, 6), svc(23, 5)];
		expect(treeLevel(deep, list, null).categories.map((c) => c.id)).toEqual([1]); // 5 is hidden, and so is 6 below it
		expect(treeLevel(deep, list, 2).categories.map((c) => c.id)).toEqual([3]);
		expect(treeLevel(deep, list, 4).services.map((s) => s.id)).toEqual([20]);
		expect(treeLevel(deep, list, 5).services).toEqual([]);
		expect(categoryPath(deep, 4).map((c) => c.id)).toEqual([1, 2, 3, 4]);
	});
	it('gives the path to a category', () => {
		expect(categoryPath(categories, 3).map((c) => c.id)).toEqual([1, 3]);
		expect(categoryPath(categories, null)).toEqual([]);
	});
});

describe('tap-session key', () => {
	it('is a valid idempotency key and differs each session', () => {
		const a = newTapKey();
		expect(a).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
		expect(newTapKey()).not.toBe(a);
	});
});

describe('booking code from the keypad or a scanner', () => {
	it('upper-cases and drops separators', () => {
		expect(normaliseBookingCode(' ke-3 7p9\n')).toBe('KE37P9');
	});
	it('maps Cyrillic look-alikes and Russian-layout scanner keys back to Latin', () => {
		expect(normaliseBookingCode('КЕ37Р9')).toBe('KE37P9'); // look-alikes
		expect(normaliseBookingCode('ыфц')).toBe('SAW'); // ы=s ф=a ц=w on the same keys
	});
	it('takes the code out of a scanned link', () => {
		expect(normaliseBookingCode('https://talon.example/book/manage/x?code=ke37p9')).toBe('KE37P9');
		expect(normaliseBookingCode('https://talon.example/b/KE37P9')).toBe('KE37P9');
	});
	it('knows a complete code', () => {
		expect(isCompleteBookingCode('KE37P9')).toBe(true);
		expect(isCompleteBookingCode('KE37')).toBe(false);
	});
});

describe('scanReader', () => {
	const feed = (r: ReturnType<typeof scanReader>, text: string) => [...text].map((k) => r.key(k)).filter((x) => x !== null);
	it('answers the code a scanner typed once it presses Enter, and starts over', () => {
		const r = scanReader();
		expect(feed(r, 'ke37p9')).toEqual([]);
		expect(r.key('Enter')).toBe('KE37P9');
		expect(r.key('Enter')).toBeNull();
		feed(r, 'КЕ37Р9');
		expect(r.key('Enter')).toBe('KE37P9');
	});
	it('answers nothing for what is not a complete code', () => {
		const r = scanReader();
		feed(r, 'KE37');
		expect(r.key('Enter')).toBeNull();
		feed(r, 'hello world');
		expect(r.key('Enter')).toBeNull();
	});
});
