import { z } from 'zod';
import type { RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { TalonError } from '$lib/errors';
import { app } from '$lib/server/app';
import { formAction } from '$lib/server/edge/form';
import { checkBookingStop, stopBookingEmails } from '$lib/server/notices/booking';

/**
 * The stop link of a booking's e-mails (`/book/stop/<id>?sig=…`, signed: see `notices/stop.ts`).
 * Opening it only asks; a POST to the same address stops — the page's button, or a mail
 * client's one-click unsubscribe (RFC 8058: its body is `List-Unsubscribe=One-Click`, so the link
 * is read from the address, never from the form). A mail scanner that follows links stops nothing.
 */
const link = z.object({
	id: z.coerce
		.number()
		.int()
		.positive()
		.max(2 ** 31 - 1),
	sig: z.string().min(1).max(100)
});

function linkOf(event: Pick<RequestEvent, 'params' | 'url'>) {
	const parsed = link.safeParse({ id: event.params.id, sig: event.url.searchParams.get('sig') ?? '' });
	return parsed.success ? parsed.data : null;
}

export const load = (async (event) => {
	const l = linkOf(event);
	return { booking: l ? await checkBookingStop((await app()).db.sql, l.id, l.sig) : null };
}) satisfies PageServerLoad;

export const actions = {
	default: formAction(z.object({}), async ({ event }) => {
		const l = linkOf(event);
		if (!l) throw new TalonError('not_found');
		await stopBookingEmails((await app()).db.sql, l.id, l.sig, new Date());
		return { stopped: true };
	})
} satisfies Actions;
