import type { Actions, PageServerLoad } from './$types';
import { TalonError } from '$lib/errors';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import type { StaffPrincipal } from '$lib/server/auth/sessions';
import { findOffice } from '$lib/server/offices/offices';
import { bookAndConfirm, loadFlow, otherFreeSlots } from '$lib/server/booking/flow';
import { newBookingBody } from '$lib/server/booking/input';
import { formAction } from '$lib/server/edge/form';
import { pageLoad } from '$lib/server/edge/page';
import { bookingMessages } from '$lib/i18n/booking';

/** Staff book a visit for a caller on the phone: any active service of their office, same capacity rules. */
const officeParam = (staff: StaffPrincipal, url: URL) => url.searchParams.get('office') ?? String(staff.officeIds[0] ?? '');

async function staffOffice(staff: StaffPrincipal, url: URL) {
	const { db } = await app();
	const office = await findOffice(db.sql, officeParam(staff, url));
	if (!staff.officeIds.includes(office.id)) throw new TalonError('wrong_office');
	return office;
}

export const load = pageLoad(async ({ locals, url }) => {
	const office = await staffOffice(requireStaff(locals, url), url);
	const { db } = await app();
	return { flow: await loadFlow(db.sql, { office: String(office.id), url, now: new Date(), staff: true }) };
}) satisfies PageServerLoad;

export const actions = {
	book: formAction(
		newBookingBody,
		async ({ input, event, staff, locale }) => {
			const office = await staffOffice(staff, event.url);
			const { db } = await app();
			const { booking, token } = await bookAndConfirm(
				db.sql,
				{ ...input, officeId: office.id, source: 'desk', staffId: staff.staffId },
				{ locale, origin: event.url.origin }
			);
			return {
				done: { code: booking.code, startsAt: booking.startsAt.toISOString(), manageUrl: `${event.url.origin}/book/manage/${token}` }
			};
		},
		{
			staff: true,
			messages: (locale) => bookingMessages(locale).fieldErrors,
			refused: async (e, { input, event, staff }) => ({
				fresh: await otherFreeSlots((await app()).db.sql, e, { office: officeParam(staff, event.url), ...input, staff: true })
			})
		}
	)
} satisfies Actions;
