import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { ticketStatus } from '$lib/server/queue';
import { publicCode } from '$lib/schemas/common';
import { isTalonError } from '$lib/errors';
import { messages } from '$lib/i18n/messages';

/** The visitor's own ticket, opened from the QR on the paper ticket. */
export const load = (async ({ params, locals }) => {
	const code = publicCode.safeParse(params.code);
	if (!code.success) error(404, messages(locals.locale).notFoundTitle);
	const { db } = await app();
	try {
		return { status: await ticketStatus(db.sql, code.data) };
	} catch (e) {
		if (isTalonError(e) && e.code === 'ticket_not_found') error(404, messages(locals.locale).notFoundTitle);
		throw e;
	}
}) satisfies PageServerLoad;
