import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { reply } from '$lib/server/api/operation';
import { adminOffice } from '$lib/server/catalogue/office';
import { createService, listServices } from '$lib/server/catalogue/services';
import { adminService, serviceInput } from '$lib/schemas/catalogue';
import { officePath } from '$lib/schemas/params';

export const GET = endpoint(
	{
		id: 'adminListServices',
		summary: 'Services of an office as their administrator sees them',
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		query: z.object({ archived: z.enum(['0', '1']).optional().describe('1: archived ones too') }),
		responses: { 200: z.object({ services: z.array(adminService) }) },
		errors: ['office_not_found']
	},
	async ({ app, principal, params, query }) => {
		const { office } = await adminOffice(app.db.sql, principal.staff, params.office);
		return { services: await listServices(app.db.sql, office.id, { archived: query.archived === '1' }) };
	}
);

export const POST = endpoint(
	{
		id: 'adminCreateService',
		summary: 'Create a service',
		description: 'The prefix must be free among the office’s services in use (409 `prefix_taken`); an archived category is refused (409).',
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		body: serviceInput,
		responses: { 201: adminService },
		errors: ['office_not_found', 'prefix_taken', 'category_archived']
	},
	async ({ app, principal, params, body }) => {
		const { scope, office } = await adminOffice(app.db.sql, principal.staff, params.office);
		return reply(201, await createService(app.ctx, scope, office.id, body));
	}
);
