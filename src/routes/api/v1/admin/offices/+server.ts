import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { reply } from '$lib/server/api/operation';
import { adminScope } from '$lib/server/admin/scope';
import { createOffice, listAdminOffices } from '$lib/server/admin/offices';
import { adminOfficeView, officeCreate } from '$lib/schemas/admin-offices';

/** The offices the caller administers (admins: all; supervisors: theirs), archived ones included. */
export const GET = endpoint(
	{
		id: 'adminListOffices',
		summary: 'Offices the caller administers',
		tags: ['admin'],
		auth: ['staff'],
		responses: { 200: z.object({ offices: z.array(adminOfficeView) }) }
	},
	async ({ app, principal }) => ({ offices: await listAdminOffices(app.db.sql, adminScope(principal.staff)) })
);

/** A new office (admins only); the slug must be free. */
export const POST = endpoint(
	{
		id: 'adminCreateOffice',
		summary: 'Create an office',
		tags: ['admin'],
		auth: ['staff'],
		body: officeCreate,
		responses: { 201: z.object({ office: adminOfficeView }) },
		errors: ['office_slug_taken']
	},
	async ({ app, principal, body }) => reply(201, { office: await createOffice(app.db.sql, adminScope(principal.staff), body) })
);
