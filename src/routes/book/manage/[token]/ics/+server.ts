import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { isTalonError } from '$lib/errors';
import { app } from '$lib/server/app';
import { bookingByToken, bookingDetails } from '$lib/server/booking/bookings';
import { bookingIcs } from '$lib/server/booking/confirm';

/** The booking as a calendar file. */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const { db } = await app();
	try {
		const b = await bookingByToken(db.sql, params.token);
		const ics = bookingIcs(await bookingDetails(db.sql, b), locals.locale, url.origin, params.token);
		return new Response(ics, {
			headers: {
				'content-type': 'text/calendar; charset=utf-8',
				'content-disposition': `attachment; filename="booking-${b.code}.ics"`,
				'cache-control': 'no-store'
			}
		});
	} catch (e) {
		if (isTalonError(e)) error(404, e.code);
		throw e;
	}
};
