import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { reply } from '$lib/server/api/operation';
import { adminOffice } from '$lib/server/catalogue/office';
import { createDesk, listDesks } from '$lib/server/catalogue/desks';
import { adminDesk, deskInput } from '$lib/schemas/catalogue';
import { officePath } from '$lib/schemas/params';

export const GET = endpoint(
	{
		id: 'adminListDesks',
		summary: 'Desks of an office with the services each serves and their weights',
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		responses: { 200: z.object({ desks: z.array(adminDesk) }) },
		errors: ['office_not_found']
	},
	async ({ app, principal, params }) => {
		const { office } = await adminOffice(app.db.sql, principal.staff, params.office);
		return { desks: await listDesks(app.db.sql, office.id) };
	}
);

export const POST = endpoint(
	{
		id: 'adminCreateDesk',
		summary: 'Create a desk',
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		body: deskInput,
		responses: { 201: adminDesk },
		errors: ['office_not_found', 'desk_number_taken']
	},
	async ({ app, principal, params, body }) => {
		const { scope, office } = await adminOffice(app.db.sql, principal.staff, params.office);
		return reply(201, await createDesk(app.ctx, scope, office.id, body));
	}
);
