import { error, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { ticketStatus } from '$lib/server/queue';
import { formAction } from '$lib/server/edge/form';
import { createAlert, deleteAlert, ticketAlerts } from '$lib/server/notices/alerts';
import { limitAlerts } from '$lib/server/notices/rate-limit';
import { publicCode } from '$lib/schemas/common';
import { alertChannel, newAlertBody } from '$lib/schemas/notices';
import { isTalonError } from '$lib/errors';
import { messages } from '$lib/i18n/messages';
import { alertMessages } from '$lib/i18n/alerts';

/** The visitor's own ticket, opened from the QR on the paper ticket. */
export const load = (async ({ params, locals }) => {
	const parsed = publicCode.safeParse(params.code);
	if (!parsed.success) error(404, messages(locals.locale).notFoundTitle);
	const { db } = await app();
	try {
		return { status: await ticketStatus(db.sql, parsed.data), alerts: await ticketAlerts(db.sql, parsed.data) };
	} catch (e) {
		if (isTalonError(e) && e.code === 'ticket_not_found') error(404, messages(locals.locale).notFoundTitle);
		throw e;
	}
}) satisfies PageServerLoad;

const limit = (event: RequestEvent) => limitAlerts(event.getClientAddress(), event.params.code ?? '');
const code = (event: RequestEvent) => event.params.code ?? '';

/** «Уведомить меня»: the same rules as `POST /api/v1/tickets/{code}/alerts`, without JavaScript. */
export const actions = {
	alert: formAction(
		newAlertBody,
		async ({ input, event, locale }) => {
			await createAlert((await app()).db.sql, code(event), input, locale, new Date());
			return { alerted: input.channel };
		},
		{ before: limit, messages: (locale) => alertMessages(locale).fieldErrors }
	),
	stopAlert: formAction(
		z.object({ channel: alertChannel }),
		async ({ input, event }) => {
			await deleteAlert((await app()).db.sql, code(event), input.channel);
			return { stopped: input.channel };
		},
		{ before: limit }
	)
} satisfies Actions;
