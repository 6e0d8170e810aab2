import type { Actions } from './$types';
import { app } from '$lib/server/app';
import { adminScope } from '$lib/server/admin/scope';
import { createStaff } from '$lib/server/admin/staff';
import { formAction } from '$lib/server/edge/form';
import { staffCreate } from '$lib/schemas/admin-staff';
import { adminStaffMessages } from '$lib/i18n/admin-staff';

/** Add a staff member; a generated password is shown on the answer once (never sent back otherwise). */
export const actions = {
	default: formAction(
		staffCreate,
		async ({ input, staff }) => {
			const { user, password } = await createStaff((await app()).db.sql, adminScope(staff), input);
			return { created: { id: user.id, login: user.login, password } };
		},
		{ staff: ['admin', 'supervisor'], messages: (l) => adminStaffMessages(l).fieldErrors }
	)
} satisfies Actions;
