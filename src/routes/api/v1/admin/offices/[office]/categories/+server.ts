import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { reply } from '$lib/server/api/operation';
import { adminOffice } from '$lib/server/catalogue/office';
import { createCategory, listCategories } from '$lib/server/catalogue/categories';
import { adminCategory, categoryInput } from '$lib/schemas/catalogue';
import { officePath } from '$lib/schemas/params';

/** The office's category tree (a flat list; `parentId` links it), archived ones with `?archived=1`. */
export const GET = endpoint(
	{
		id: 'adminListCategories',
		summary: 'Categories of an office (the tree as a flat list)',
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		query: z.object({ archived: z.enum(['0', '1']).optional().describe('1: archived ones too') }),
		responses: { 200: z.object({ categories: z.array(adminCategory) }) },
		errors: ['office_not_found']
	},
	async ({ app, principal, params, query }) => {
		const { office } = await adminOffice(app.db.sql, principal.staff, params.office);
		return { categories: await listCategories(app.db.sql, office.id, { archived: query.archived === '1' }) };
	}
);

export const POST = endpoint(
	{
		id: 'adminCreateCategory',
		summary: 'Create a category (any depth: give a parent)',
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		body: categoryInput,
		responses: { 201: adminCategory },
		errors: ['office_not_found', 'category_archived']
	},
	async ({ app, principal, params, body }) => {
		const { scope, office } = await adminOffice(app.db.sql, principal.staff, params.office);
		return reply(201, await createCategory(app.ctx, scope, office.id, body));
	}
);
