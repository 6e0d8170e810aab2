import type { Sql } from '$lib/server/db/connect';
import { isTalonError, type TalonError } from '$lib/errors';
import { findOffice } from '$lib/server/offices/offices';
import type { FlowService, FlowState, FreeSlot } from '$lib/booking/types';
import { isDay, localDayOf } from '$lib/domain/slots';
import type { Locale } from '$lib/i18n/locale';
import { createBooking, type CreatedBooking, type NewBooking } from './bookings';
import { loadSettings } from './schedule';
import { freeDays, freeSlots } from './slots';

/**
 * What the booking pages (/book/[office], /desk/book, the move form) show at each step, read from
 * the URL: `?service=ID&date=YYYY-MM-DD&time=ISO`. Every step is a plain link, so the flow works
 * before JavaScript arrives and the back button does what people expect.
 */
export async function loadFlow(sql: Sql, input: { office: string; url: URL; now: Date; staff?: boolean }): Promise<FlowState> {
	const office = await findOffice(sql, input.office);
	const settings = await loadSettings(sql, office.id);
	const services = settings
		? await sql<FlowService[]>`
			select id, name_ru, name_en, duration_min, documents_ru, documents_en, bookable from services
			where office_id = ${office.id} and active ${input.staff ? sql`` : sql`and bookable`}
			  and exists (select 1 from desk_services ds where ds.service_id = services.id)
			order by sort, id`
		: [];
	const state: FlowState = {
		office,
		services: [...services],
		service: null,
		window: null,
		days: null,
		date: null,
		slots: null,
		slot: null,
		checkIn: settings ? { beforeMin: settings.beforeMin, afterMin: settings.afterMin } : null
	};
	const serviceId = Number(input.url.searchParams.get('service'));
	state.service = state.services.find((s) => s.id === serviceId) ?? null;
	if (!state.service) return state;
	try {
		const days = await freeDays(sql, { officeId: office.id, serviceId: state.service.id, now: input.now, staff: input.staff });
		state.window = { first: days.first, last: days.last };
		state.days = days.days;
	} catch (e) {
		if (isTalonError(e)) return state;
		throw e;
	}
	const date = input.url.searchParams.get('date');
	if (!date || !isDay(date)) return state;
	state.date = date;
	state.slots = await freeSlots(sql, { officeId: office.id, serviceId: state.service.id, day: date, now: input.now, staff: input.staff });
	const time = input.url.searchParams.get('time');
	state.slot = state.slots.find((s) => s.startsAt === time) ?? null;
	return state;
}

export interface BookingOffice {
	slug: string;
	nameRu: string;
	nameEn: string;
	addressRu: string;
	addressEn: string;
}

/** Offices that take online bookings (those with booking rules), for the first step of /book. */
export async function bookingOffices(sql: Sql): Promise<BookingOffice[]> {
	const rows = await sql<BookingOffice[]>`
		select o.slug, o.name_ru, o.name_en, o.address_ru, o.address_en from offices o
		where o.archived_at is null and exists (select 1 from booking_settings s where s.office_id = o.id) order by o.name_ru`;
	return [...rows];
}

/**
 * The flow's last step: books the chosen time; the confirmation (SMS, and e-mail when one was
 * given) is written to the outbox in the booking's transaction. `sent`: an e-mail is on its way.
 */
export async function bookAndConfirm(
	sql: Sql,
	input: NewBooking,
	mail: { locale: Locale; origin: string },
	now = new Date()
): Promise<CreatedBooking & { sent: boolean }> {
	const created = await createBooking(sql, { ...input, notify: { locale: mail.locale, origin: mail.origin } }, now);
	return { ...created, sent: created.booking.email !== null };
}

/**
 * After the chosen time was refused because it is gone (taken a moment ago, or no longer
 * offered): the times still free on that day, to choose from at once. Null for other refusals;
 * none when the service itself can no longer be booked.
 */
export async function otherFreeSlots(
	sql: Sql,
	refusal: TalonError,
	choice: { office: string; serviceId: number; startsAt: Date; staff?: boolean },
	now = new Date()
): Promise<FreeSlot[] | null> {
	if (refusal.code !== 'slot_taken' && refusal.code !== 'slot_unavailable') return null;
	const office = await findOffice(sql, choice.office);
	try {
		return await freeSlots(sql, {
			officeId: office.id,
			serviceId: choice.serviceId,
			day: localDayOf(choice.startsAt, office.timeZone),
			now,
			staff: choice.staff
		});
	} catch (e) {
		if (isTalonError(e)) return [];
		throw e;
	}
}
