import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { findOffice, listServices } from '$lib/server/offices/offices';
import { chooseDesk, deskChoices, leaveDesk, sidePanel } from '$lib/server/desk/console';
import { formAction } from '$lib/server/edge/form';
import { idParam } from '$lib/schemas/common';
import type { Actions, PageServerLoad } from './$types';

const STAFF_ROLES = ['operator', 'supervisor', 'admin'] as const;
/** The cookie that remembers a device's desk (one browser = one desk computer), for a year. */
const DESK_COOKIE = 'talon_desk';
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
	const remembered = idParam.safeParse(cookies.get(DESK_COOKIE));
	const chosen = remembered.success ? desks.find((d) => d.id === remembered.data && !d.takenBy) : undefined;
	const side = chosen
		? await sidePanel(db.sql, { officeId, timeZone: office.timeZone, deskId: chosen.id, staffId: staff.staffId, ticketId: null })
		: null;
	return { me, office, desks, deskId: chosen?.id ?? null, services: await listServices(db.sql, officeId), side };
}) satisfies PageServerLoad;

export const actions = {
	/** Remembers this device's desk: one of the operator's offices, not held by another signed-in operator. */
	pick: formAction(
		z.object({ deskId: idParam }),
		async ({ input, event, staff }) => {
			const { officeId } = await chooseDesk((await app()).db.sql, staff, input.deskId);
			event.cookies.set(DESK_COOKIE, String(input.deskId), DESK_COOKIE_OPTIONS);
			redirect(303, `/desk?office=${officeId}`);
		},
		{ staff: STAFF_ROLES }
	),
	/** Forgets the desk (to choose another one), closing it when this operator holds it. */
	forget: formAction(
		z.object({}),
		async ({ event, staff }) => {
			const remembered = idParam.safeParse(event.cookies.get(DESK_COOKIE));
			if (remembered.success) await leaveDesk((await app()).ctx, staff, remembered.data);
			event.cookies.delete(DESK_COOKIE, { path: '/desk' });
			redirect(303, '/desk');
		},
		{ staff: STAFF_ROLES }
	)
} satisfies Actions;
