import { error, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { formAction } from '$lib/server/edge/form';
import { findOffice } from '$lib/server/offices/offices';
import { checkInCard, joinRemotely, remoteServices, requestCode } from '$lib/server/remote/remote';
import { limitCodeByAddress, limitCodeByPhone, limitJoinByAddress } from '$lib/server/remote/rate-limit';
import { officeKey } from '$lib/schemas/params';
import { remoteCodeBody, remoteTicketBody } from '$lib/schemas/remote';
import { isTalonError } from '$lib/errors';
import { messages } from '$lib/i18n/messages';
import { remoteMessages } from '$lib/i18n/remote';

/** Remote joining (issue 13): phone → SMS code → service → ticket. Works without JavaScript. */
async function officeOf(event: { params: { office?: string }; locals: App.Locals }) {
	const key = officeKey.safeParse(event.params.office);
	if (!key.success) error(404, messages(event.locals.locale).notFoundTitle);
	try {
		return await findOffice((await app()).db.sql, key.data);
	} catch (e) {
		if (isTalonError(e) && e.code === 'office_not_found') error(404, messages(event.locals.locale).notFoundTitle);
		throw e;
	}
}

export const load = (async (event) => {
	const office = await officeOf(event);
	return { office, services: await remoteServices((await app()).db.sql, office.id) };
}) satisfies PageServerLoad;

const fieldWords = (locale: App.Locals['locale']) => remoteMessages(locale).fieldErrors;

export const actions = {
	code: formAction(
		remoteCodeBody,
		async ({ input, event, locale }) => {
			const office = await officeOf(event);
			await limitCodeByPhone(office.id, input.phone);
			await requestCode((await app()).db.sql, office.id, input.phone, locale, new Date());
			return { codeSent: true, phone: input.phone };
		},
		{ before: (event: RequestEvent) => limitCodeByAddress(event.getClientAddress()), messages: fieldWords }
	),
	join: formAction(
		remoteTicketBody,
		async ({ input, event, locale }) => {
			const office = await officeOf(event);
			const { ctx, db } = await app();
			const joined = await joinRemotely(ctx, office.id, { ...input, locale }, new Date());
			return {
				joined: {
					number: joined.ticket.number,
					publicCode: joined.publicCode,
					checkin: (await checkInCard(db.sql, office.id, joined.checkinCode))!
				}
			};
		},
		{ before: (event: RequestEvent) => limitJoinByAddress(event.getClientAddress()), messages: fieldWords, secret: ['code'] }
	)
} satisfies Actions;
