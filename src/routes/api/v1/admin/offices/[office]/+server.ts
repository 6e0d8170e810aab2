import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { adminScope } from '$lib/server/admin/scope';
import { getAdminOffice, updateOffice } from '$lib/server/admin/offices';
import { adminOfficeView, officePatch } from '$lib/schemas/admin-offices';
import { officePath } from '$lib/schemas/params';

export const GET = endpoint(
	{
		id: 'adminGetOffice',
		summary: 'One office the caller administers',
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		responses: { 200: z.object({ office: adminOfficeView }) },
		errors: ['office_not_found']
	},
	async ({ app, principal, params }) => ({ office: await getAdminOffice(app.db.sql, adminScope(principal.staff), params.office) })
);

/** Change an office's details; `archived` archives or restores it (admins only). */
export const PATCH = endpoint(
	{
		id: 'adminUpdateOffice',
		summary: 'Change, archive or restore an office',
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		body: officePatch,
		responses: { 200: z.object({ office: adminOfficeView }) },
		errors: ['office_not_found', 'office_slug_taken']
	},
	async ({ app, principal, params, body }) => ({
		office: await updateOffice(app.db.sql, adminScope(principal.staff), params.office, body, app.sockets)
	})
);
