import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import type { StaffPrincipal } from '$lib/server/auth/sessions';
import { adminScope } from '$lib/server/admin/scope';
import { officeInScope } from '$lib/server/admin/offices-in-scope';
import { createBoardMessage, deleteBoardMessage, listBoardMessages, updateBoardMessage } from '$lib/server/admin/board-messages';
import { formAction } from '$lib/server/edge/form';
import { pageLoad } from '$lib/server/edge/page';
import { messageFields } from '$lib/schemas/admin-messages';
import { idParam } from '$lib/schemas/common';
import { localInputToInstant } from '$lib/admin/local-time';
import { adminMessagesWords } from '$lib/i18n/admin-messages';

/** The running line: messages with an optional window in the office's wall time. */
export const load = pageLoad(async ({ locals, url, params }) => {
	const scope = adminScope(requireStaff(locals, url, { roles: ['admin', 'supervisor'] }));
	return { messages: await listBoardMessages((await app()).db.sql, scope, params.office) };
}) satisfies PageServerLoad;

/** A `datetime-local` value (the office's wall time), or empty. */
const wall = z
	.string()
	.trim()
	.refine((v) => v === '' || localInputToInstant(v, 'UTC') !== null, { error: 'wall' });
const messageForm = z
	.object({
		textRu: messageFields.textRu,
		textEn: messageFields.textEn.default(''),
		from: wall,
		to: wall,
		active: z.boolean(),
		sort: messageFields.sort.default(0)
	})
	// One zone on both sides, so wall-time order is the instants' order.
	.refine((m) => !m.from || !m.to || m.to > m.from, { error: 'window', path: ['to'] });

/** The form's wall times as instants in the office's zone. */
async function fromForm(staff: StaffPrincipal, office: string, input: z.output<typeof messageForm>) {
	const sql = (await app()).db.sql;
	const scope = adminScope(staff);
	const { timeZone } = await officeInScope(sql, scope, office);
	const instant = (v: string) => (v ? localInputToInstant(v, timeZone)!.toISOString() : null);
	return {
		sql,
		scope,
		message: {
			textRu: input.textRu,
			textEn: input.textEn,
			startsAt: instant(input.from),
			endsAt: instant(input.to),
			active: input.active,
			sort: input.sort
		}
	};
}

const options = { staff: ['admin', 'supervisor'], messages: (l: 'ru' | 'en') => adminMessagesWords(l).fieldErrors } as const;

export const actions = {
	add: formAction(
		messageForm,
		async ({ input, staff, event }) => {
			const { sql, scope, message } = await fromForm(staff, event.params.office, input);
			await createBoardMessage(sql, scope, event.params.office, message);
			return { done: 'saved' as const };
		},
		options
	),
	edit: formAction(
		messageForm.safeExtend({ id: idParam }),
		async ({ input, staff, event }) => {
			const { sql, scope, message } = await fromForm(staff, event.params.office, input);
			await updateBoardMessage(sql, scope, event.params.office, input.id, message);
			return { done: 'saved' as const };
		},
		options
	),
	toggle: formAction(
		z.object({ id: idParam, active: z.boolean() }),
		async ({ input, staff, event }) => {
			await updateBoardMessage((await app()).db.sql, adminScope(staff), event.params.office, input.id, { active: input.active });
			return { done: 'saved' as const };
		},
		options
	),
	remove: formAction(
		z.object({ id: idParam }),
		async ({ input, staff, event }) => {
			await deleteBoardMessage((await app()).db.sql, adminScope(staff), event.params.office, input.id);
			return { done: 'removed' as const };
		},
		options
	)
} satisfies Actions;
