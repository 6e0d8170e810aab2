import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { closeDesk } from '$lib/server/queue';
import { findOffice, listServices } from '$lib/server/offices/offices';
import { errorMessage } from '$lib/i18n/errors';
import { DESK_COOKIE, deskChoices, sidePanel } from './console.server';
import type { Actions, PageServerLoad } from './$types';

const STAFF_ROLES = ['operator', 'supervisor', 'admin'] as const;
const deskId = z.coerce.number().int().positive().max(2_147_483_647);
/** The device remembers its desk for a year (a desk computer stays a desk computer). */
const DESK_COOKIE_OPTIONS = { path: '/desk', httpOnly: true, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 } as const;

export const load = (async ({ locals, url, cookies }) => {
	const staff = requireStaff(locals, url, { roles: STAFF_ROLES });
	const me = { staffId: staff.staffId, displayName: staff.displayName, roles: staff.roles };
	const officeParam = Number(url.searchParams.get('office'));
	const officeId = staff.officeIds.includes(officeParam) ? officeParam : staff.officeIds[0];
	if (officeId === undefined) return { me, office: null, desks: [], deskId: null, services: [], side: null };
	const { db } = await app();
	const office = await findOffice(db.sql, officeId);
	const desks = await deskChoices(db.sql, officeId, staff);
	const remembered = deskId.safeParse(cookies.get(DESK_COOKIE));
	const chosen = remembered.success ? desks.find((d) => d.id === remembered.data && !d.takenBy) : undefined;
	const side = chosen
		? await sidePanel(db.sql, { officeId, timeZone: office.timeZone, deskId: chosen.id, staffId: staff.staffId, ticketId: null })
		: null;
	return { me, office, desks, deskId: chosen?.id ?? null, services: await listServices(db.sql, officeId), side };
}) satisfies PageServerLoad;

export const actions = {
	/** Remembers this device's desk: one of the operator's offices, not held by another signed-in operator. */
	pick: async ({ locals, url, cookies, request }) => {
		const staff = requireStaff(locals, url, { roles: STAFF_ROLES });
		const parsed = deskId.safeParse((await request.formData()).get('deskId'));
		if (!parsed.success) return fail(400, { message: errorMessage(locals.locale, 'invalid_input', { field: 'deskId' }) });
		const { db } = await app();
		const [desk] = await db.sql<{ officeId: number }[]>`select office_id from desks where id = ${parsed.data}`;
		if (!desk) return fail(404, { message: errorMessage(locals.locale, 'desk_not_found') });
		if (!staff.officeIds.includes(desk.officeId)) return fail(403, { message: errorMessage(locals.locale, 'wrong_office') });
		const choice = (await deskChoices(db.sql, desk.officeId, staff)).find((d) => d.id === parsed.data);
		if (choice?.takenBy) return fail(409, { message: errorMessage(locals.locale, 'desk_taken', { name: choice.takenBy }) });
		cookies.set(DESK_COOKIE, String(parsed.data), DESK_COOKIE_OPTIONS);
		redirect(303, `/desk?office=${desk.officeId}`);
	},
	/** Forgets the desk (to choose another one). */
	forget: async ({ locals, url, cookies }) => {
		const staff = requireStaff(locals, url, { roles: STAFF_ROLES });
		const remembered = deskId.safeParse(cookies.get(DESK_COOKIE));
		if (remembered.success) {
			// Leaving a desk closes it (through the engine, so boards see it), unless a visitor is
			// still there or someone else holds it: then it stays as it is and the refusal is moot.
			const { db, ctx } = await app();
			const [desk] = await db.sql<{ staffId: number | null }[]>`select staff_id from desks where id = ${remembered.data}`;
			if (desk?.staffId === staff.staffId) {
				await closeDesk(ctx, { kind: 'staff', staffId: staff.staffId, officeIds: staff.officeIds }, { deskId: remembered.data }).catch(() => {});
			}
		}
		cookies.delete(DESK_COOKIE, { path: '/desk' });
		redirect(303, '/desk');
	}
} satisfies Actions;
