import type { OfficeView, ServiceView, TicketView } from './types';

/** Small builders of realtime views for the unit tests beside this folder (not used by the app). */
export const T0 = Date.parse('2025-03-03T07:00:00.000Z');
/** An ISO time `minutes` after T0. */
export const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

export const testOffice: OfficeView = {
	id: 1,
	slug: 'test',
	nameRu: 'Офис',
	nameEn: 'Office',
	addressRu: '',
	addressEn: '',
	timeZone: 'Europe/Moscow'
};

/** A waiting ordinary kiosk ticket П<id> of service 1 that arrived `id` minutes after T0. */
export function ticket(id: number, over: Partial<TicketView> = {}): TicketView {
	return {
		id,
		number: `П${String(id).padStart(3, '0')}`,
		serviceId: 1,
		state: 'waiting',
		category: 'ordinary',
		priorityReason: null,
		source: 'kiosk',
		arrivedAt: at(id),
		queuedAt: at(id),
		appointmentAt: null,
		deskId: null,
		targetDeskId: null,
		calledAt: null,
		startedAt: null,
		finishedAt: null,
		callCount: 0,
		awaitingCheckIn: false,
		...over
	};
}

export function service(id: number, averageServiceSec: number): ServiceView {
	return {
		id,
		categoryId: null,
		nameRu: `Услуга ${id}`,
		nameEn: `Service ${id}`,
		prefix: 'П',
		durationMin: 10,
		targetWaitMin: 15,
		documentsRu: [],
		documentsEn: [],
		bookable: true,
		kiosk: true,
		priorityAllowed: true,
		takenToday: 0,
		averageServiceSec
	};
}
