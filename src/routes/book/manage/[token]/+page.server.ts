import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { isTalonError } from '$lib/errors';
import { bookingMessages } from '$lib/i18n/booking';
import { formAction } from '$lib/server/edge/form';
import { app } from '$lib/server/app';
import { bookingByToken, bookingDetails, cancelBooking, moveBooking } from '$lib/server/booking/bookings';
import { codeQrSvg, manageUrl } from '$lib/server/booking/confirm';
import { loadFlow } from '$lib/server/booking/flow';
import { moveBody } from '$lib/server/booking/input';
import { limitBooking } from '$lib/server/booking/rate-limit';
import { bookingView } from '$lib/server/booking/view';
import { loadSettings } from '$lib/server/booking/schedule';

/** The confirmation page (right after booking, `?new=1`) and the manage link are one page. */
export const load = (async ({ params, url }) => {
	const { db } = await app();
	let booking;
	try {
		booking = await bookingByToken(db.sql, params.token);
	} catch (e) {
		if (isTalonError(e) && e.code === 'booking_not_found') return { found: false as const };
		throw e;
	}
	const d = await bookingDetails(db.sql, booking);
	// Moving: the same day/time steps as booking, for this booking's service.
	const moving = url.searchParams.has('move') && booking.state === 'booked';
	const moveUrl = new URL(url);
	moveUrl.searchParams.set('service', String(booking.serviceId));
	const flow = moving
		? await loadFlow(db.sql, { office: String(booking.officeId), url: moveUrl, now: new Date(), staff: booking.source === 'desk' })
		: null;
	return {
		found: true as const,
		booking: bookingView(booking),
		office: d.office,
		service: d.service,
		qr: await codeQrSvg(booking.code),
		window: await loadSettings(db.sql, booking.officeId).then((s) => (s ? { beforeMin: s.beforeMin, afterMin: s.afterMin } : null)),
		manageUrl: manageUrl(url.origin, params.token),
		isNew: url.searchParams.has('new'),
		sent: url.searchParams.has('sent'),
		flow
	};
}) satisfies PageServerLoad;

export const actions = {
	cancel: formAction(
		z.object({}),
		async ({ event }) => {
			await cancelBooking((await app()).db.sql, event.params.token, new Date());
			return { cancelled: true };
		},
		{ before: (event) => limitBooking(event.getClientAddress(), 'write') }
	),
	move: formAction(
		moveBody,
		async ({ input, event }) => {
			await moveBooking((await app()).db.sql, event.params.token, input.startsAt, new Date());
			return { moved: true };
		},
		{
			// Moving and cancelling are writes a bot could flood: the same per-address limit as booking.
			before: (event) => limitBooking(event.getClientAddress(), 'write'),
			messages: (locale) => bookingMessages(locale).fieldErrors
		}
	)
} satisfies Actions;
