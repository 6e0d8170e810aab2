import { endpoint } from '$lib/server/api/endpoint';
import { adminOffice } from '$lib/server/catalogue/office';
import { removeCategory, updateCategory } from '$lib/server/catalogue/categories';
import { adminCategory, categoryPatch, removal } from '$lib/schemas/catalogue';
import { officeEntityPath } from '$lib/schemas/catalogue-params';

export const PATCH = endpoint(
	{
		id: 'adminUpdateCategory',
		summary: 'Rename, move (to another parent or up/down), show or hide on the kiosk, or restore a category',
		tags: ['admin'],
		auth: ['staff'],
		params: officeEntityPath,
		body: categoryPatch,
		responses: { 200: adminCategory },
		errors: ['office_not_found', 'category_not_found', 'category_archived']
	},
	async ({ app, principal, params, body }) => {
		const { scope, office } = await adminOffice(app.db.sql, principal.staff, params.office);
		return updateCategory(app.ctx, scope, office.id, params.id, body);
	}
);

export const DELETE = endpoint(
	{
		id: 'adminDeleteCategory',
		summary: 'Delete a category, or archive it when archived services still refer to it',
		description: 'Refused (409 `category_not_empty`) while it holds services or sub-categories in use.',
		tags: ['admin'],
		auth: ['staff'],
		params: officeEntityPath,
		responses: { 200: removal },
		errors: ['office_not_found', 'category_not_found', 'category_not_empty']
	},
	async ({ app, principal, params }) => {
		const { scope, office } = await adminOffice(app.db.sql, principal.staff, params.office);
		return removeCategory(app.ctx, scope, office.id, params.id);
	}
);
