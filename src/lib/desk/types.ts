import type { BookingState } from '$lib/domain/booking-rules';
import type { DeskState } from '$lib/domain/states';

/**
 * What the operator's console shows beside the live queue, as server/desk/console.ts builds it.
 * Here, not under $lib/server, because the console page and its components render it.
 */

/** A desk in the picker. */
export interface DeskChoice {
	id: number;
	number: number;
	name: string;
	state: DeskState;
	/** The signed-in operator who holds the desk now, when it is not the viewer. */
	takenBy: string | null;
	mine: boolean;
	/** Ticket prefixes of the services served here, main job first (`П З Р`). */
	prefixes: string[];
}

/** Today's booking for one of the desk's services (the only screen that shows the citizen's name). */
export interface DeskBooking {
	id: number;
	code: string;
	/** Slot start, ISO. */
	startsAt: string;
	serviceId: number;
	citizenName: string;
	state: BookingState;
}

export interface DeskDay {
	served: number;
	/** Mean of (finished - started) of the operator's visitors today, seconds; null before the first. */
	averageServiceSec: number | null;
}

/** The console's side panel: the operator's day, today's bookings, the current visitor's name if they booked. */
export interface SidePanelData extends DeskDay {
	bookings: DeskBooking[];
	citizenName: string | null;
}
