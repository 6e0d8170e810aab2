import { describe, expect, it } from 'vitest';
import { categoryChoices, treeRows } from './catalogue';
import type { AdminCategory, AdminService } from '$lib/schemas/catalogue';

const cat = (id: number, parentId: number | null, sort = 0): AdminCategory => ({
	id,
	parentId,
	nameRu: `К${id}`,
	nameEn: `C${id}`,
	sort,
	kiosk: true,
	archived: false
});
const svc = (id: number, categoryId: number | null, sort = 0): AdminService => ({
	id,
	categoryId,
	nameRu: `У${id}`,
	nameEn: `S${id}`,
	prefix: 'А',
	durationMin: 10,
	targetWaitMin: 15,
	documentsRu: [],
	documentsEn: [],
	kiosk: true,
	bookable: true,
	priorityAllowed: true,
	remoteAllowed: false,
	sort,
	archived: false
});

describe('admin service tree', () => {
	it('draws services without a category first, then each category with its services and sub-categories, any depth', () => {
		const rows = treeRows(
			[cat(1, null, 1), cat(2, null, 0), cat(3, 1), cat(4, 3)],
			[svc(10, 4), svc(11, 1, 1), svc(12, 1, 0), svc(13, null)]
		);
		expect(rows.map((r) => `${r.kind[0]}${r.kind === 'category' ? r.category.id : r.service.id}@${r.depth}`)).toEqual([
			's13@0',
			'c2@0',
			'c1@0',
			's12@1',
			's11@1',
			'c3@1',
			'c4@2',
			's10@3'
		]);
		const moved = rows.filter((r) => r.kind === 'service' && r.depth === 1);
		expect(moved.map((r) => [r.first, r.last])).toEqual([
			[true, false],
			[false, true]
		]);
	});
	it('offers categories as indented choices, leaving out a category and what lies below it', () => {
		const cats = [cat(1, null), cat(2, 1), cat(3, 2), cat(4, null, 1)];
		expect(categoryChoices(cats).map((c) => c.label)).toEqual(['К1', '— К2', '— — К3', 'К4']);
		expect(categoryChoices(cats, 2).map((c) => c.id)).toEqual([1, 4]);
	});
});
