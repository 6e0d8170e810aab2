import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { pageLoad } from '$lib/server/edge/page';
import { formAction } from '$lib/server/edge/form';
import { adminOffice } from '$lib/server/catalogue/office';
import { listCategories, removeCategory, updateCategory, createCategory } from '$lib/server/catalogue/categories';
import { createService, listServices, removeService, updateService } from '$lib/server/catalogue/services';
import { categoryForm, idForm, moveForm, serviceForm } from '$lib/schemas/catalogue';

/** The office's service tree: categories and services, with the edit panel of one of them (`?service=` / `?category=`). */
export const load = pageLoad(async ({ locals, url, params }) => {
	const staff = requireStaff(locals, url, { roles: ['admin', 'supervisor'] });
	const { db } = await app();
	const { office } = await adminOffice(db.sql, staff, params.office);
	const archived = url.searchParams.get('archived') === '1';
	const [categories, services] = await Promise.all([
		listCategories(db.sql, office.id, { archived }),
		listServices(db.sql, office.id, { archived })
	]);
	return {
		categories,
		services,
		archived,
		editService: url.searchParams.get('service'),
		editCategory: url.searchParams.get('category'),
		inCategory: Number(url.searchParams.get('in')) || null,
		done: url.searchParams.get('done')
	};
}) satisfies PageServerLoad;

const roles = ['admin', 'supervisor'] as const;

async function context(staff: Parameters<typeof adminOffice>[1], officeKey: string) {
	const { db, ctx } = await app();
	return { ctx, ...(await adminOffice(db.sql, staff, officeKey)) };
}

const back = (url: URL, done: string) => {
	const u = new URL(url);
	u.search = '';
	if (url.searchParams.get('archived') === '1') u.searchParams.set('archived', '1');
	u.searchParams.set('done', done);
	return u.pathname + u.search;
};

export const actions = {
	saveService: formAction(
		serviceForm,
		async ({ input, staff, event }) => {
			const { ctx, scope, office } = await context(staff, event.params.office!);
			const { id, ...fields } = input;
			const saved = id ? await updateService(ctx, scope, office.id, id, fields) : await createService(ctx, scope, office.id, fields);
			redirect(303, back(event.url, `saved-${saved.id}`));
		},
		{ staff: roles }
	),
	moveService: formAction(
		moveForm,
		async ({ input, staff, event }) => {
			const { ctx, scope, office } = await context(staff, event.params.office!);
			await updateService(ctx, scope, office.id, input.id, { move: input.dir });
			return { moved: input.id };
		},
		{ staff: roles }
	),
	removeService: formAction(
		idForm,
		async ({ input, staff, event }) => {
			const { ctx, scope, office } = await context(staff, event.params.office!);
			const r = await removeService(ctx, scope, office.id, input.id);
			redirect(303, back(event.url, r.result));
		},
		{ staff: roles }
	),
	restoreService: formAction(
		idForm,
		async ({ input, staff, event }) => {
			const { ctx, scope, office } = await context(staff, event.params.office!);
			await updateService(ctx, scope, office.id, input.id, { archived: false });
			redirect(303, back(event.url, `saved-${input.id}`));
		},
		{ staff: roles }
	),
	saveCategory: formAction(
		categoryForm,
		async ({ input, staff, event }) => {
			const { ctx, scope, office } = await context(staff, event.params.office!);
			const { id, ...fields } = input;
			const saved = id ? await updateCategory(ctx, scope, office.id, id, fields) : await createCategory(ctx, scope, office.id, fields);
			redirect(303, back(event.url, `saved-c${saved.id}`));
		},
		{ staff: roles }
	),
	moveCategory: formAction(
		moveForm,
		async ({ input, staff, event }) => {
			const { ctx, scope, office } = await context(staff, event.params.office!);
			await updateCategory(ctx, scope, office.id, input.id, { move: input.dir });
			return { moved: input.id };
		},
		{ staff: roles }
	),
	removeCategory: formAction(
		idForm,
		async ({ input, staff, event }) => {
			const { ctx, scope, office } = await context(staff, event.params.office!);
			const r = await removeCategory(ctx, scope, office.id, input.id);
			redirect(303, back(event.url, r.result));
		},
		{ staff: roles }
	),
	restoreCategory: formAction(
		idForm,
		async ({ input, staff, event }) => {
			const { ctx, scope, office } = await context(staff, event.params.office!);
			await updateCategory(ctx, scope, office.id, input.id, { archived: false });
			redirect(303, back(event.url, `saved-c${input.id}`));
		},
		{ staff: roles }
	)
} satisfies Actions;
