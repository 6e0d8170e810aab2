import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { reply } from '$lib/server/api/operation';
import { adminScope } from '$lib/server/admin/scope';
import { officeInScope } from '$lib/server/admin/offices-in-scope';
import { createStaff, listStaff } from '$lib/server/admin/staff';
import { staffCreate, staffListQuery, staffView } from '$lib/schemas/admin-staff';

/** Staff the caller manages (admins: everyone; supervisors: the operators of their offices). */
export const GET = endpoint(
	{
		id: 'adminListUsers',
		summary: 'Staff the caller manages, searched by login or name',
		tags: ['admin'],
		auth: ['staff'],
		query: staffListQuery,
		responses: { 200: z.object({ users: z.array(staffView) }) },
		errors: ['office_not_found']
	},
	async ({ app, principal, query }) => {
		const scope = adminScope(principal.staff);
		const officeId = query.office ? (await officeInScope(app.db.sql, scope, query.office)).id : undefined;
		return { users: await listStaff(app.db.sql, scope, { q: query.q, officeId }) };
	}
);

/** A new staff member; with an empty password one is generated and answered once (`password`). */
export const POST = endpoint(
	{
		id: 'adminCreateUser',
		summary: 'Add a staff member',
		tags: ['admin'],
		auth: ['staff'],
		body: staffCreate,
		responses: {
			201: z.object({
				user: staffView,
				password: z.string().nullable().describe('The generated password, shown this once; null when one was given')
			})
		},
		errors: ['login_taken', 'office_not_found']
	},
	async ({ app, principal, body }) => reply(201, await createStaff(app.db.sql, adminScope(principal.staff), body))
);
