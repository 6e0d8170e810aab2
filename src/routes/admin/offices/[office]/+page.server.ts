import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import type { StaffPrincipal } from '$lib/server/auth/sessions';
import { adminScope } from '$lib/server/admin/scope';
import { getAdminOffice, updateOffice } from '$lib/server/admin/offices';
import { formAction } from '$lib/server/edge/form';
import { pageLoad } from '$lib/server/edge/page';
import { officePatch } from '$lib/schemas/admin-offices';
import { adminOfficesMessages } from '$lib/i18n/admin-offices';

/** One office's details: edit them; admins archive or restore it. */
export const load = pageLoad(async ({ locals, url, params }) => {
	const scope = adminScope(requireStaff(locals, url, { roles: ['admin', 'supervisor'] }));
	return { details: await getAdminOffice((await app()).db.sql, scope, params.office) };
}) satisfies PageServerLoad;

/** The form sends every field; archiving is its own button (an absent checkbox would restore). */
const detailsForm = officePatch.omit({ archived: true });
const archiveForm = z.object({});

async function change(staff: StaffPrincipal, office: string, patch: z.output<typeof officePatch>) {
	const a = await app();
	return updateOffice(a.db.sql, adminScope(staff), office, patch, a.sockets);
}

export const actions = {
	save: formAction(
		detailsForm,
		async ({ input, staff, event }) => {
			const office = await change(staff, event.params.office, input);
			// A new slug is a new address: go there, the old one now names nothing.
			if (office.slug !== event.params.office) redirect(303, `/admin/offices/${office.slug}?saved=1`);
			return { saved: office.slug };
		},
		{ staff: ['admin', 'supervisor'], messages: (l) => adminOfficesMessages(l).fieldErrors }
	),
	archive: formAction(
		archiveForm,
		async ({ staff, event }) => ({ archived: (await change(staff, event.params.office, { archived: true })).slug }),
		{
			staff: ['admin']
		}
	),
	restore: formAction(
		archiveForm,
		async ({ staff, event }) => ({ restored: (await change(staff, event.params.office, { archived: false })).slug }),
		{
			staff: ['admin']
		}
	)
} satisfies Actions;
