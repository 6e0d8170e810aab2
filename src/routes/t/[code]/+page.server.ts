import { error, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { ticketStatus } from '$lib/server/queue';
import { formAction } from '$lib/server/edge/form';
import { createAlert, deleteAlert, ticketAlerts } from '$lib/server/notices/alerts';
import { vapidKeys } from '$lib/server/notices/channels/web-push';
import { limitAlerts } from '$lib/server/notices/rate-limit';
import { rateByCode, ratingState } from '$lib/server/ratings/ratings';
import { checkInCard } from '$lib/server/remote/remote';
import { publicCode } from '$lib/schemas/common';
import { alertChannel, newAlertBody } from '$lib/schemas/notices';
import { ratingBody } from '$lib/schemas/ratings';
import { isTalonError } from '$lib/errors';
import { messages } from '$lib/i18n/messages';
import { alertMessages } from '$lib/i18n/alerts';

/** The visitor's own ticket, opened from the QR on the paper ticket. */
export const load = (async ({ params, locals }) => {
	const parsed = publicCode.safeParse(params.code);
	if (!parsed.success) error(404, messages(locals.locale).notFoundTitle);
	const { db } = await app();
	try {
		const status = await ticketStatus(db.sql, parsed.data);
		return {
			status,
			// A remote ticket until its visitor checks in: the QR and code for the kiosk.
			checkin: await checkInCard(db.sql, status.office.id, status.checkinCode),
			rating: await ratingState(db.sql, parsed.data),
			alerts: await ticketAlerts(db.sql, parsed.data),
			// Web Push: the browser subscribes with this key (src/lib/notices/push.ts).
			vapidKey: (await vapidKeys(db.sql)).publicKey
		};
	} catch (e) {
		if (isTalonError(e) && e.code === 'ticket_not_found') error(404, messages(locals.locale).notFoundTitle);
		throw e;
	}
}) satisfies PageServerLoad;

const limit = (event: RequestEvent) => limitAlerts(event.getClientAddress(), event.params.code ?? '');
const code = (event: RequestEvent) => event.params.code ?? '';

export const actions = {
	/** «Оцените обслуживание»: once, within 24 h of the finish (the rules are the server module's). */
	rate: formAction(ratingBody, async ({ input, event }) => {
		const parsed = publicCode.safeParse(event.params.code);
		if (!parsed.success) error(404, messages(event.locals.locale).notFoundTitle);
		return { rated: await rateByCode((await app()).db.sql, parsed.data, input) };
	}),
	/** «Уведомить меня»: the same rules as `POST /api/v1/tickets/{code}/alerts`, without JavaScript. */
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
