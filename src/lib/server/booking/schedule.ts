import type { Sql, Tx } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import { publicHolidays } from '$lib/domain/booking-holidays';
import type { CheckInWindow } from '$lib/domain/booking-rules';
import type { DayException, DayPlan, Schedule, SlotQuery, SlotRules } from '$lib/domain/slots';

/** An office's booking rules (`booking_settings`), camelCase. */
export interface BookingSettings extends SlotRules, CheckInWindow {
	officeId: number;
	retentionDays: number;
	publicHolidays: boolean;
}

interface SettingsRow {
	officeId: number;
	bookingShare: string;
	slotStepMin: number;
	minLeadMin: number;
	horizonDays: number;
	checkinBeforeMin: number;
	checkinAfterMin: number;
	latePolicy: 'ordinary' | 'refuse';
	retentionDays: number;
	publicHolidays: boolean;
}

type Db = Sql | Tx;

export async function loadSettings(db: Db, officeId: number): Promise<BookingSettings | null> {
	const [r] = await db<SettingsRow[]>`select * from booking_settings where office_id = ${officeId}`;
	if (!r) return null;
	return {
		officeId: r.officeId,
		bookingShare: Number(r.bookingShare),
		stepMin: r.slotStepMin,
		minLeadMin: r.minLeadMin,
		horizonDays: r.horizonDays,
		beforeMin: r.checkinBeforeMin,
		afterMin: r.checkinAfterMin,
		latePolicy: r.latePolicy,
		retentionDays: r.retentionDays,
		publicHolidays: r.publicHolidays
	};
}

type PlanRow = { openMin: number; closeMin: number; breakStartMin: number | null; breakEndMin: number | null };

/** The office's plan for the days `first..last` (exceptions and holidays of those days only). */
export async function loadSchedule(db: Db, office: { id: number; timeZone: string }, settings: BookingSettings, first: string, last: string): Promise<Schedule> {
	const hours = await db<(PlanRow & { weekday: number })[]>`
		select weekday, open_min, close_min, break_start_min, break_end_min from office_hours where office_id = ${office.id}`;
	const exceptions = await db<(PlanRow & { day: string; kind: 'closed' | 'open' })[]>`
		select day, kind, open_min, close_min, break_start_min, break_end_min from office_day_exceptions
		where office_id = ${office.id} and day between ${first} and ${last}`;
	const weekly: Record<number, DayPlan> = {};
	for (const h of hours) weekly[h.weekday] = plan(h);
	const byDay: Record<string, DayException> = {};
	for (const e of exceptions) byDay[e.day] = e.kind === 'closed' ? { kind: 'closed' } : { kind: 'open', ...plan(e) };
	return { timeZone: office.timeZone, weekly, exceptions: byDay, holidays: settings.publicHolidays ? publicHolidays(first, last) : new Set() };
}

const plan = (r: PlanRow): DayPlan => ({ openMin: r.openMin, closeMin: r.closeMin, breakStartMin: r.breakStartMin, breakEndMin: r.breakEndMin });

export interface BookableService {
	id: number;
	officeId: number;
	nameRu: string;
	nameEn: string;
	durationMin: number;
	documentsRu: string[];
	documentsEn: string[];
	/** Desks of the office that serve it. */
	deskCount: number;
}

/** A service that can be booked online at its office, or a typed refusal. */
export async function loadBookableService(db: Db, officeId: number, serviceId: number, opts: { staff?: boolean } = {}): Promise<BookableService> {
	const [s] = await db<(BookableService & { bookable: boolean; active: boolean })[]>`
		select s.id, s.office_id, s.name_ru, s.name_en, s.duration_min, s.documents_ru, s.documents_en, s.bookable, s.active,
			(select count(*)::int from desk_services ds where ds.service_id = s.id) as desk_count
		from services s where s.id = ${serviceId} and s.office_id = ${officeId}`;
	if (!s) throw new TalonError('service_not_found');
	if (!s.active) throw new TalonError('service_inactive');
	// Staff booking a caller on the phone may book any active service; the public only bookable ones.
	if (!s.bookable && !opts.staff) throw new TalonError('booking_closed');
	return s;
}

/** Everything the pure slot generator needs for one service of one office. */
export async function slotQuery(db: Db, office: { id: number; timeZone: string }, service: BookableService, now: Date, days: { first: string; last: string }): Promise<SlotQuery> {
	const settings = await loadSettings(db, office.id);
	if (!settings) throw new TalonError('booking_closed');
	const schedule = await loadSchedule(db, office, settings, days.first, days.last);
	return { schedule, rules: settings, durationMin: service.durationMin, deskCount: service.deskCount, now };
}
