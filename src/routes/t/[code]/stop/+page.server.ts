import { error, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { formAction } from '$lib/server/edge/form';
import { checkStopLink, stopAlert } from '$lib/server/notices/alerts';
import { limitAlerts } from '$lib/server/notices/rate-limit';
import { alertChannel } from '$lib/schemas/notices';
import { publicCode } from '$lib/schemas/common';
import { messages } from '$lib/i18n/messages';

/**
 * The stop link of a ticket e-mail (`/t/<code>/stop?channel=email&sig=…`, signed: see
 * `notices/stop.ts`). Opening it only asks; the button (a POST) deletes the alert, so a mail
 * scanner that follows links unsubscribes no one.
 */
const link = z.object({ channel: alertChannel, sig: z.string().max(100) });

function code(event: Pick<RequestEvent, 'params' | 'locals'>): string {
	const parsed = publicCode.safeParse(event.params.code);
	if (!parsed.success) error(404, messages(event.locals.locale).notFoundTitle);
	return parsed.data;
}

export const load = (async (event) => {
	const q = link.safeParse(Object.fromEntries(event.url.searchParams));
	const c = code(event);
	const ticket = q.success ? await checkStopLink((await app()).db.sql, c, q.data.channel, q.data.sig) : null;
	return { ticket, channel: q.success ? q.data.channel : null, sig: q.success ? q.data.sig : null, publicCode: c };
}) satisfies PageServerLoad;

export const actions = {
	default: formAction(
		link,
		async ({ input, event }) => ({ stopped: await stopAlert((await app()).db.sql, code(event), input.channel, input.sig) }),
		{ before: (event) => limitAlerts(event.getClientAddress(), event.params.code ?? '') }
	)
} satisfies Actions;
