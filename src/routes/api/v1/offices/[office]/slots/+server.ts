import { z } from 'zod';
import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/edge/api';
import { app } from '$lib/server/app';
import { findOffice } from '$lib/server/offices/offices';
import { freeDays, freeSlots } from '$lib/server/booking/slots';
import { dayParam } from '$lib/server/booking/input';
import { idParam } from '$lib/schemas/common';
import { limitBooking } from '$lib/server/booking/rate-limit';

const query = z.object({ service: idParam, date: dayParam.optional() });

/**
 * Free slots of an office for a service: with `date` the free start times of that day, without it
 * the days within the booking horizon that still have free places.
 */
export const GET: RequestHandler = endpoint(async (event) => {
	await limitBooking(event.getClientAddress(), 'read');
	const q = query.parse(Object.fromEntries(event.url.searchParams));
	const { db } = await app();
	const office = await findOffice(db.sql, event.params.office);
	const now = new Date();
	if (q.date) return { date: q.date, timeZone: office.timeZone, slots: await freeSlots(db.sql, { officeId: office.id, serviceId: q.service, day: q.date, now }) };
	return { timeZone: office.timeZone, ...(await freeDays(db.sql, { officeId: office.id, serviceId: q.service, now })) };
});
