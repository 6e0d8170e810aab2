import { endpoint } from '$lib/server/api/endpoint';
import { adminScope } from '$lib/server/admin/scope';
import { getBookingPlan, putBookingPlan } from '$lib/server/admin/booking-plan';
import { bookingPlan } from '$lib/schemas/admin-plan';
import { officePath } from '$lib/schemas/params';
import { z } from 'zod';

const planView = bookingPlan
	.safeExtend({ takesBookings: z.boolean().describe('false: no plan saved yet (the defaults are shown)') })
	.meta({ id: 'AdminBookingPlanView' });

export const GET = endpoint(
	{
		id: 'adminGetBookingPlan',
		summary: "An office's booking rules and weekly hours",
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		responses: { 200: planView },
		errors: ['office_not_found']
	},
	async ({ app, principal, params }) => getBookingPlan(app.db.sql, adminScope(principal.staff), params.office)
);

export const PUT = endpoint(
	{
		id: 'adminPutBookingPlan',
		summary: "Replace an office's booking rules and weekly hours",
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		body: bookingPlan,
		responses: { 200: planView },
		errors: ['office_not_found']
	},
	async ({ app, principal, params, body }) => putBookingPlan(app.db.sql, adminScope(principal.staff), params.office, body)
);
