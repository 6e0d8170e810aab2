import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { findOffice } from '$lib/server/offices/offices';
import { freeDays, freeSlots } from '$lib/server/booking/slots';
import { dayParam } from '$lib/server/booking/input';
import { idParam } from '$lib/schemas/common';
import { limitBooking } from '$lib/server/booking/rate-limit';
import { freeDays as freeDaysSchema, freeSlots as freeSlotsSchema } from '$lib/schemas/booking';
import { officePath } from '$lib/schemas/params';

/**
 * Free slots of an office for a service: with `date` the free start times of that day, without it
 * the days within the booking horizon that still have free places.
 */
export const GET = endpoint(
	{
		id: 'freeSlots',
		summary: 'Free booking slots: with `date`, the free start times of that day; without, the days that have free places',
		tags: ['booking'],
		auth: 'public',
		limit: (event) => limitBooking(event.getClientAddress(), 'read'),
		params: officePath,
		query: z.object({
			service: idParam.describe('Service id'),
			date: dayParam.optional().meta({ format: 'date', description: 'Local day of the office, `YYYY-MM-DD`' })
		}),
		responses: { 200: z.union([freeSlotsSchema, freeDaysSchema]) },
		errors: ['office_not_found', 'service_not_found', 'service_inactive', 'booking_closed']
	},
	async ({ app, params, query }) => {
		const office = await findOffice(app.db.sql, params.office);
		const now = new Date();
		const input = { officeId: office.id, serviceId: query.service, now };
		if (query.date)
			return { date: query.date, timeZone: office.timeZone, slots: await freeSlots(app.db.sql, { ...input, day: query.date }) };
		return { timeZone: office.timeZone, ...(await freeDays(app.db.sql, input)) };
	}
);
