import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { adminScope } from '$lib/server/admin/scope';
import { updateStaff } from '$lib/server/admin/staff';
import { staffPatch, staffView } from '$lib/schemas/admin-staff';
import { idParam } from '$lib/schemas/common';

/**
 * Change a staff member: name, roles, offices; `disabled` (ends their sessions and open
 * connections at once); `resetPassword` (a generated one, answered once) or `password`; `unlock`.
 */
export const PATCH = endpoint(
	{
		id: 'adminUpdateUser',
		summary: 'Change, disable, reset the password of, or unlock a staff member',
		tags: ['admin'],
		auth: ['staff'],
		params: z.object({ id: idParam.describe('Staff id') }),
		body: staffPatch,
		responses: {
			200: z.object({
				user: staffView,
				password: z.string().nullable().describe('With `resetPassword`: the new password, shown this once')
			})
		},
		errors: ['staff_not_found', 'office_not_found', 'not_on_yourself']
	},
	async ({ app, principal, params, body }) => updateStaff(app.db.sql, adminScope(principal.staff), params.id, body, app.sockets)
);
