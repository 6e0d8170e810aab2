import { error, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { TalonError } from '$lib/errors';
import { app } from '$lib/server/app';
import { formAction } from '$lib/server/edge/form';
import { checkStopLink, stopAlert } from '$lib/server/notices/alerts';
import { limitAlerts } from '$lib/server/notices/rate-limit';
import { alertChannel } from '$lib/schemas/notices';
import { publicCode } from '$lib/schemas/common';
import { messages } from '$lib/i18n/messages';

/**
 * The stop link of a ticket e-mail (`/t/<code>/stop?channel=email&sig=…`, signed: see
 * `notices/stop.ts`). Opening it only asks; a POST to the same address deletes the alert — the
 * page's button, or a mail client's one-click unsubscribe (RFC 8058: its body is
 * `List-Unsubscribe=One-Click`, so the link is read from the address, never from the form). A
 * mail scanner that follows links unsubscribes no one.
 */
const link = z.object({ channel: alertChannel, sig: z.string().max(100) });
const linkOf = (url: URL) => link.safeParse(Object.fromEntries(url.searchParams));

function code(event: Pick<RequestEvent, 'params' | 'locals'>): string {
	const parsed = publicCode.safeParse(event.params.code);
	if (!parsed.success) error(404, messages(event.locals.locale).notFoundTitle);
	return parsed.data;
}

export const load = (async (event) => {
	const q = linkOf(event.url);
	const c = code(event);
	const ticket = q.success ? await checkStopLink((await app()).db.sql, c, q.data.channel, q.data.sig) : null;
	return { ticket, channel: q.success ? q.data.channel : null, sig: q.success ? q.data.sig : null, publicCode: c };
}) satisfies PageServerLoad;

export const actions = {
	default: formAction(
		z.object({}),
		async ({ event }) => {
			const q = linkOf(event.url);
			if (!q.success) throw new TalonError('not_found');
			return { stopped: await stopAlert((await app()).db.sql, code(event), q.data.channel, q.data.sig) };
		},
		{ before: (event) => limitAlerts(event.getClientAddress(), event.params.code ?? '') }
	)
} satisfies Actions;
