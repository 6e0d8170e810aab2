import type { OfficeView } from '$lib/realtime/types';

/**
 * What the booking pages (/book/[office], /desk/book, the move form) show, as the server's
 * loads build it (server/booking/flow.ts, slots.ts). Here, not under $lib/server, because the
 * pages and their components render it.
 */

/** A start time offered to citizens, with the places still free. */
export interface FreeSlot {
	/** ISO instant. */
	startsAt: string;
	/** Local wall time `HH:MM`. */
	time: string;
	free: number;
}

/** A local day (`YYYY-MM-DD`) with at least one free place. */
export interface FreeDay {
	day: string;
	free: number;
}

export interface FlowService {
	id: number;
	nameRu: string;
	nameEn: string;
	durationMin: number;
	documentsRu: string[];
	documentsEn: string[];
	bookable: boolean;
}

/** Each step of the flow as read from the URL: `?service=ID&date=YYYY-MM-DD&time=ISO`. */
export interface FlowState {
	office: OfficeView;
	services: FlowService[];
	service: FlowService | null;
	/** The first and last day that can be booked (the calendar's span). */
	window: { first: string; last: string } | null;
	days: FreeDay[] | null;
	date: string | null;
	slots: FreeSlot[] | null;
	/** The chosen slot, when it is still free. */
	slot: FreeSlot | null;
	checkIn: { beforeMin: number; afterMin: number } | null;
}
