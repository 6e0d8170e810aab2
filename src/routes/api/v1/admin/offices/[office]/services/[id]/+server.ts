import { endpoint } from '$lib/server/api/endpoint';
import { adminOffice } from '$lib/server/catalogue/office';
import { removeService, updateService } from '$lib/server/catalogue/services';
import { adminService, removal, servicePatch } from '$lib/schemas/catalogue';
import { officeEntityPath } from '$lib/schemas/catalogue-params';

export const PATCH = endpoint(
	{
		id: 'adminUpdateService',
		summary: 'Change a service, move it up/down in its category, or restore it from the archive',
		tags: ['admin'],
		auth: ['staff'],
		params: officeEntityPath,
		body: servicePatch,
		responses: { 200: adminService },
		errors: ['office_not_found', 'service_not_found', 'prefix_taken', 'category_archived']
	},
	async ({ app, principal, params, body }) => {
		const { scope, office } = await adminOffice(app.db.sql, principal.staff, params.office);
		return updateService(app.ctx, scope, office.id, params.id, body);
	}
);

export const DELETE = endpoint(
	{
		id: 'adminDeleteService',
		summary: 'Delete a service never used, or archive one that tickets or bookings refer to',
		description: 'Refused (409 `service_has_live_tickets`) while a visitor waits for it or is being served in it.',
		tags: ['admin'],
		auth: ['staff'],
		params: officeEntityPath,
		responses: { 200: removal },
		errors: ['office_not_found', 'service_not_found', 'service_has_live_tickets']
	},
	async ({ app, principal, params }) => {
		const { scope, office } = await adminOffice(app.db.sql, principal.staff, params.office);
		return removeService(app.ctx, scope, office.id, params.id);
	}
);
