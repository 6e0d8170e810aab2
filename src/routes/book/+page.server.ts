import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { bookingOffices } from '$lib/server/booking/flow';

/** Offices that take online bookings; with just one, straight to it. */
export const load = (async ({ url }) => {
	const { db } = await app();
	const offices = await bookingOffices(db.sql);
	if (offices.length === 1) redirect(307, `/book/${offices[0]!.slug}${url.search}`);
	return { offices };
}) satisfies PageServerLoad;
