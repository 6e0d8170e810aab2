import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { pageLoad } from '$lib/server/edge/page';
import { formAction } from '$lib/server/edge/form';
import { adminOffice } from '$lib/server/catalogue/office';
import { listCategories } from '$lib/server/catalogue/categories';
import { listServices } from '$lib/server/catalogue/services';
import { createDesk, listDesks, removeDesk, saveMatrix, updateDesk } from '$lib/server/catalogue/desks';
import { deskForm, idForm, matrixCells, matrixForm } from '$lib/schemas/catalogue';

/** The office's desks and the desk × service weights, edited as one table. */
export const load = pageLoad(async ({ locals, url, params }) => {
	const staff = requireStaff(locals, url, { roles: ['admin', 'supervisor'] });
	const { db } = await app();
	const { office } = await adminOffice(db.sql, staff, params.office);
	const [desks, services, categories] = await Promise.all([
		listDesks(db.sql, office.id),
		listServices(db.sql, office.id),
		listCategories(db.sql, office.id)
	]);
	return { desks, services, categories, edit: url.searchParams.get('desk'), done: url.searchParams.get('done') };
}) satisfies PageServerLoad;

const roles = ['admin', 'supervisor'] as const;

async function context(staff: Parameters<typeof adminOffice>[1], officeKey: string) {
	const { db, ctx } = await app();
	return { ctx, ...(await adminOffice(db.sql, staff, officeKey)) };
}

export const actions = {
	saveDesk: formAction(
		deskForm,
		async ({ input, staff, event }) => {
			const { ctx, scope, office } = await context(staff, event.params.office!);
			const { id, ...fields } = input;
			if (id) await updateDesk(ctx, scope, office.id, id, fields);
			else await createDesk(ctx, scope, office.id, { ...fields, services: [] });
			redirect(303, `${event.url.pathname}?done=saved`);
		},
		{ staff: roles }
	),
	removeDesk: formAction(
		idForm,
		async ({ input, staff, event }) => {
			const { ctx, scope, office } = await context(staff, event.params.office!);
			const r = await removeDesk(ctx, scope, office.id, input.id);
			redirect(303, `${event.url.pathname}?done=${r.result}`);
		},
		{ staff: roles }
	),
	saveMatrix: formAction(
		matrixForm,
		async ({ input, staff, event }) => {
			const { ctx, scope, office } = await context(staff, event.params.office!);
			return { matrixSaved: await saveMatrix(ctx, scope, office.id, matrixCells(input)) };
		},
		{ staff: roles }
	)
} satisfies Actions;
