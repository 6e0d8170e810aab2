import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { adminScope } from '$lib/server/admin/scope';
import { createOffice, listAdminOffices } from '$lib/server/admin/offices';
import { formAction } from '$lib/server/edge/form';
import { pageLoad } from '$lib/server/edge/page';
import { officeCreate } from '$lib/schemas/admin-offices';
import { adminOfficesMessages } from '$lib/i18n/admin-offices';

/** Every office the caller administers; admins create new ones here. */
export const load = pageLoad(async ({ locals, url }) => {
	const scope = adminScope(requireStaff(locals, url, { roles: ['admin', 'supervisor'] }));
	return { list: await listAdminOffices((await app()).db.sql, scope) };
}) satisfies PageServerLoad;

export const actions = {
	create: formAction(
		officeCreate,
		async ({ input, staff }) => {
			const office = await createOffice((await app()).db.sql, adminScope(staff), input);
			redirect(303, `/admin/offices/${office.slug}?created=1`);
		},
		{ staff: ['admin', 'supervisor'], messages: (l) => adminOfficesMessages(l).fieldErrors }
	)
} satisfies Actions;
