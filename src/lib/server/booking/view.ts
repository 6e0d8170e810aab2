import type { BookingRow } from './bookings';

/** What the API shows of a booking to whoever holds its token (no internal ids beyond office/service). */
export interface BookingView {
	code: string;
	state: BookingRow['state'];
	officeId: number;
	serviceId: number;
	startsAt: string;
	durationMin: number;
	day: string;
	name: string | null;
	phone: string | null;
	email: string | null;
}

export function bookingView(b: BookingRow): BookingView {
	return {
		code: b.code,
		state: b.state,
		officeId: b.officeId,
		serviceId: b.serviceId,
		startsAt: b.startsAt.toISOString(),
		durationMin: b.durationMin,
		day: b.localDay,
		name: b.citizenName,
		phone: b.phone,
		email: b.email
	};
}
