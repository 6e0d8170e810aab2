import { endpoint } from '$lib/server/api/endpoint';
import { adminOffice } from '$lib/server/catalogue/office';
import { removeDesk, updateDesk } from '$lib/server/catalogue/desks';
import { adminDesk, deskPatch, removal } from '$lib/schemas/catalogue';
import { officeEntityPath } from '$lib/schemas/catalogue-params';

export const PATCH = endpoint(
	{
		id: 'adminUpdateDesk',
		summary: 'Change a desk: number, name, in use, or its whole service set with weights',
		tags: ['admin'],
		auth: ['staff'],
		params: officeEntityPath,
		body: deskPatch,
		responses: { 200: adminDesk },
		errors: ['office_not_found', 'desk_not_found', 'desk_number_taken', 'desk_in_use']
	},
	async ({ app, principal, params, body }) => {
		const { scope, office } = await adminOffice(app.db.sql, principal.staff, params.office);
		return updateDesk(app.ctx, scope, office.id, params.id, body);
	}
);

export const DELETE = endpoint(
	{
		id: 'adminDeleteDesk',
		summary: 'Delete a desk never used, or take one with history out of use',
		description: 'Refused (409 `desk_in_use`) while an operator has it open.',
		tags: ['admin'],
		auth: ['staff'],
		params: officeEntityPath,
		responses: { 200: removal },
		errors: ['office_not_found', 'desk_not_found', 'desk_in_use']
	},
	async ({ app, principal, params }) => {
		const { scope, office } = await adminOffice(app.db.sql, principal.staff, params.office);
		return removeDesk(app.ctx, scope, office.id, params.id);
	}
);
