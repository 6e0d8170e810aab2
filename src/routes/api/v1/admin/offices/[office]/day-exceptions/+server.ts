import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { adminScope } from '$lib/server/admin/scope';
import { deleteDayException, listDayExceptions, putDayException } from '$lib/server/admin/booking-plan';
import { dayException, dayExceptionView } from '$lib/schemas/admin-plan';
import { officePath } from '$lib/schemas/params';

export const GET = endpoint(
	{
		id: 'adminListDayExceptions',
		summary: "An office's day exceptions (holidays, shortened and extra working days)",
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		responses: { 200: z.object({ exceptions: z.array(dayExceptionView) }) },
		errors: ['office_not_found']
	},
	async ({ app, principal, params }) => ({ exceptions: await listDayExceptions(app.db.sql, adminScope(principal.staff), params.office) })
);

/** Sets a day's exception, replacing the one it had. */
export const POST = endpoint(
	{
		id: 'adminPutDayException',
		summary: 'Set the exception of a day',
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		body: dayException,
		responses: { 200: z.object({ exception: dayExceptionView }) },
		errors: ['office_not_found']
	},
	async ({ app, principal, params, body }) => ({
		exception: await putDayException(app.db.sql, adminScope(principal.staff), params.office, body)
	})
);

/** Removes a day's exception: `?day=2026-12-31`. */
export const DELETE = endpoint(
	{
		id: 'adminDeleteDayException',
		summary: 'Remove the exception of a day',
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		query: z.object({ day: z.iso.date().describe('The day, e.g. `2026-12-31`') }),
		responses: { 200: z.object({ deleted: z.iso.date() }) },
		errors: ['office_not_found', 'not_found']
	},
	async ({ app, principal, params, query }) => {
		await deleteDayException(app.db.sql, adminScope(principal.staff), params.office, query.day);
		return { deleted: query.day };
	}
);
