import { error, fail } from '@sveltejs/kit';
import { ZodError } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { TalonError, isTalonError } from '$lib/errors';
import { errorMessage } from '$lib/i18n/errors';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { findOffice } from '$lib/server/offices/offices';
import { bookingDetails, createBooking } from '$lib/server/booking/bookings';
import { formValues, loadFlow } from '$lib/server/booking/flow';
import { newBookingBody } from '$lib/server/booking/input';
import { mailConfirmation } from '$lib/server/booking/confirm';
import { freeSlots } from '$lib/server/booking/slots';
import { localDayOf } from '$lib/domain/slots';

/** Staff book a visit for a caller on the phone: any active service of their office, same capacity rules. */
async function staffOffice(locals: App.Locals, url: URL) {
	const staff = requireStaff(locals, url);
	const { db } = await app();
	const wanted = url.searchParams.get('office');
	const office = await findOffice(db.sql, wanted ?? String(staff.officeIds[0] ?? ''));
	if (!staff.officeIds.includes(office.id)) throw new TalonError('wrong_office');
	return { staff, office, db };
}

export const load = (async ({ locals, url }) => {
	try {
		const { db, office } = await staffOffice(locals, url);
		return { flow: await loadFlow(db.sql, { office: String(office.id), url, now: new Date(), staff: true }) };
	} catch (e) {
		if (isTalonError(e)) error(e.status, errorMessage(locals.locale, e.code, e.params));
		throw e;
	}
}) satisfies PageServerLoad;

export const actions = {
	book: async (event) => {
		const { db, office, staff } = await staffOffice(event.locals, event.url);
		const form = await event.request.formData();
		const values = formValues(form);
		const locale = event.locals.locale;
		try {
			const input = newBookingBody.parse({ ...values, consent: values.consent === 'on' ? true : undefined });
			const { booking, token } = await createBooking(db.sql, { ...input, officeId: office.id, source: 'desk', staffId: staff.staffId }, new Date());
			await mailConfirmation(await bookingDetails(db.sql, booking), locale, event.url.origin, token);
			return { done: { code: booking.code, startsAt: booking.startsAt.toISOString(), manageUrl: `${event.url.origin}/book/manage/${token}` } };
		} catch (e) {
			if (e instanceof ZodError) {
				const fields: Record<string, string> = {};
				for (const issue of e.issues) fields[String(issue.path[0] ?? '_')] ??= issue.message;
				return fail(400, { values, fields });
			}
			if (isTalonError(e)) {
				const fresh = e.code === 'slot_taken'
					? await freeSlots(db.sql, { officeId: office.id, serviceId: Number(values.serviceId), day: localDayOf(new Date(values.startsAt!), office.timeZone), now: new Date(), staff: true }).catch(() => [])
					: null;
				return fail(e.status, { values, code: e.code, message: errorMessage(locale, e.code, e.params), fresh });
			}
			throw e;
		}
	}
} satisfies Actions;
