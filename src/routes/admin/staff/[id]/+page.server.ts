import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import type { StaffPrincipal } from '$lib/server/auth/sessions';
import { adminScope } from '$lib/server/admin/scope';
import { getStaff, updateStaff } from '$lib/server/admin/staff';
import { formAction } from '$lib/server/edge/form';
import { pageLoad } from '$lib/server/edge/page';
import { staffPatch, type StaffPatch } from '$lib/schemas/admin-staff';
import { idParam } from '$lib/schemas/common';
import { adminStaffMessages } from '$lib/i18n/admin-staff';

/** One staff member: name, roles, offices; disable/enable, reset the password (shown once), unlock. */
export const load = pageLoad(async ({ locals, url, params }) => {
	const scope = adminScope(requireStaff(locals, url, { roles: ['admin', 'supervisor'] }));
	return { user: await getStaff((await app()).db.sql, scope, idParam.parse(params.id)) };
}) satisfies PageServerLoad;

async function change(staff: StaffPrincipal, id: string, patch: StaffPatch) {
	const a = await app();
	return updateStaff(a.db.sql, adminScope(staff), idParam.parse(id), patch, a.sockets);
}

const none = z.object({});
const roles = { staff: ['admin', 'supervisor'] } as const;

export const actions = {
	save: formAction(
		staffPatch.pick({ displayName: true, roles: true, officeIds: true }).required({ roles: true }),
		async ({ input, staff, event }) => {
			await change(staff, event.params.id, { ...input, officeIds: input.officeIds ?? [] });
			return { done: 'saved' as const };
		},
		{ ...roles, messages: (l) => adminStaffMessages(l).fieldErrors }
	),
	disable: formAction(
		none,
		async ({ staff, event }) => (await change(staff, event.params.id, { disabled: true }), { done: 'disabled' as const }),
		roles
	),
	enable: formAction(
		none,
		async ({ staff, event }) => (await change(staff, event.params.id, { disabled: false }), { done: 'enabled' as const }),
		roles
	),
	reset: formAction(
		none,
		async ({ staff, event }) => ({
			done: 'reset' as const,
			password: (await change(staff, event.params.id, { resetPassword: true })).password
		}),
		roles
	),
	unlock: formAction(
		none,
		async ({ staff, event }) => (await change(staff, event.params.id, { unlock: true }), { done: 'unlocked' as const }),
		roles
	)
} satisfies Actions;
