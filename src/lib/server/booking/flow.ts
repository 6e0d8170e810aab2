import type { Sql } from '$lib/server/db/connect';
import { TalonError, isTalonError } from '$lib/errors';
import { findOffice } from '$lib/server/offices/offices';
import type { OfficeView } from '$lib/realtime/types';
import { isDay } from '$lib/domain/slots';
import { loadSettings } from './schedule';
import { freeDays, freeSlots, type FreeDay, type FreeSlot } from './slots';

/**
 * What the booking pages (/book/[office], /desk/book, the move form) show at each step, read from
 * the URL: `?service=ID&date=YYYY-MM-DD&time=ISO`. Every step is a plain link, so the flow works
 * before JavaScript arrives and the back button does what people expect.
 */
export interface FlowService {
	id: number;
	nameRu: string;
	nameEn: string;
	durationMin: number;
	documentsRu: string[];
	documentsEn: string[];
	bookable: boolean;
}

export interface FlowState {
	office: OfficeView;
	services: FlowService[];
	service: FlowService | null;
	window: { first: string; last: string } | null;
	days: FreeDay[] | null;
	date: string | null;
	slots: FreeSlot[] | null;
	/** The chosen slot, when it is still free. */
	slot: FreeSlot | null;
	checkIn: { beforeMin: number; afterMin: number } | null;
}

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
	const state: FlowState = { office, services: [...services], service: null, window: null, days: null, date: null, slots: null, slot: null, checkIn: settings ? { beforeMin: settings.beforeMin, afterMin: settings.afterMin } : null };
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

/** Form fields of the contact step, as strings, to put back into the form after a refusal. */
export function formValues(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const k of ['name', 'phone', 'email', 'serviceId', 'startsAt']) out[k] = String(form.get(k) ?? '');
	out.consent = form.get('consent') ? 'on' : '';
	return out;
}

export function assertFound<T>(x: T | null | undefined): T {
	if (x == null) throw new TalonError('not_found');
	return x;
}
