import { officeEntity } from '$lib/server/api/office-entity';
import { removeCategory, updateCategory } from '$lib/server/catalogue/categories';
import { adminCategory, categoryPatch } from '$lib/schemas/catalogue';

export const { PATCH, DELETE } = officeEntity({
	update: {
		id: 'adminUpdateCategory',
		summary: 'Rename, move (to another parent or up/down), show or hide on the kiosk, or restore a category',
		body: categoryPatch,
		answer: adminCategory,
		errors: ['category_not_found', 'category_archived'],
		run: updateCategory
	},
	remove: {
		id: 'adminDeleteCategory',
		summary: 'Delete a category, or archive it when archived services still refer to it',
		description: 'Refused (409 `category_not_empty`) while it holds services or sub-categories in use.',
		errors: ['category_not_found', 'category_not_empty'],
		run: removeCategory
	}
});
