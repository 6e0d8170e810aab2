import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { ticketStatus } from '$lib/server/queue';
import { rateByCode, ratingState } from '$lib/server/ratings/ratings';
import { formAction } from '$lib/server/edge/form';
import { publicCode } from '$lib/schemas/common';
import { ratingBody } from '$lib/schemas/ratings';
import { isTalonError } from '$lib/errors';
import { messages } from '$lib/i18n/messages';

/** The visitor's own ticket, opened from the QR on the paper ticket. */
export const load = (async ({ params, locals }) => {
	const code = publicCode.safeParse(params.code);
	if (!code.success) error(404, messages(locals.locale).notFoundTitle);
	const { db } = await app();
	try {
		return { status: await ticketStatus(db.sql, code.data), rating: await ratingState(db.sql, code.data) };
	} catch (e) {
		if (isTalonError(e) && e.code === 'ticket_not_found') error(404, messages(locals.locale).notFoundTitle);
		throw e;
	}
}) satisfies PageServerLoad;

export const actions = {
	/** «Оцените обслуживание»: once, within 24 h of the finish (the rules are the server module's). */
	rate: formAction(ratingBody, async ({ input, event }) => {
		const code = publicCode.safeParse(event.params.code);
		if (!code.success) error(404, messages(event.locals.locale).notFoundTitle);
		return { rated: await rateByCode((await app()).db.sql, code.data, input) };
	})
} satisfies Actions;
