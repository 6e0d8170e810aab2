import type { Sql } from '$lib/server/db/connect';

/** Today's bookings for the services of a desk, for the operator's side panel (names shown only there). */
export interface DeskBooking {
	id: number;
	code: string;
	/** Slot start, ISO. */
	startsAt: string;
	serviceId: number;
	citizenName: string;
	state: 'booked' | 'checked_in' | 'cancelled' | 'missed';
}

/** Filled in by the online-booking issue; until then there are no bookings. */
export async function bookingsForDesk(_sql: Sql, _deskId: number, _now: Date): Promise<DeskBooking[]> {
	return [];
}
