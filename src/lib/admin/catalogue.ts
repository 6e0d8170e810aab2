import type { AdminCategory, AdminService } from '$lib/schemas/catalogue';

/**
 * The service tree of the admin page as rows to draw, in order: each category followed by its
 * services and then its sub-categories (any depth), services without a category first.
 */
export type TreeRow =
	| { kind: 'category'; category: AdminCategory; depth: number; first: boolean; last: boolean }
	| { kind: 'service'; service: AdminService; depth: number; first: boolean; last: boolean };

const bySort = <T extends { sort: number; id: number }>(a: T, b: T) => a.sort - b.sort || a.id - b.id;

export function treeRows(categories: readonly AdminCategory[], services: readonly AdminService[]): TreeRow[] {
	const known = new Set(categories.map((c) => c.id));
	const rows: TreeRow[] = [];
	const servicesOf = (id: number | null) =>
		services.filter((s) => (s.categoryId !== null && known.has(s.categoryId) ? s.categoryId : null) === id).sort(bySort);
	const childrenOf = (id: number | null) =>
		categories.filter((c) => c.parentId === id || (id === null && c.parentId !== null && !known.has(c.parentId))).sort(bySort);
	const walk = (id: number | null, depth: number, seen: Set<number>) => {
		const list = servicesOf(id);
		list.forEach((service, i) => rows.push({ kind: 'service', service, depth, first: i === 0, last: i === list.length - 1 }));
		const subs = childrenOf(id).filter((c) => !seen.has(c.id));
		subs.forEach((category, i) => {
			rows.push({ kind: 'category', category, depth, first: i === 0, last: i === subs.length - 1 });
			walk(category.id, depth + 1, new Set([...seen, category.id]));
		});
	};
	walk(null, 0, new Set());
	return rows;
}

/** Categories as choices of a select, indented by depth, leaving out `exclude` and everything below it. */
export function categoryChoices(categories: readonly AdminCategory[], exclude: number | null = null): { id: number; label: string }[] {
	const out: { id: number; label: string }[] = [];
	const walk = (parent: number | null, depth: number) => {
		for (const c of categories.filter((x) => x.parentId === parent && !x.archived && x.id !== exclude).sort(bySort)) {
			out.push({ id: c.id, label: `${'— '.repeat(depth)}${c.nameRu}` });
			walk(c.id, depth + 1);
		}
	};
	walk(null, 0);
	return out;
}
