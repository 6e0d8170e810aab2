import type { Sql, Tx } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import { publicHolidays } from '$lib/domain/booking-holidays';
import type { BookingSettings, LatePolicy } from '$lib/domain/booking-rules';
import type { DayException, DayPlan, Schedule, SlotQuery } from '$lib/domain/slots';

type Db = Sql | Tx;

/** A `booking_settings` row as postgres.js gives it (numeric comes as a string). */
interface SettingsRow {
	bookingShare: string;
	slotStepMin: number;
	minLeadMin: number;
	horizonDays: number;
	checkinBeforeMin: number;
	checkinAfterMin: number;
	latePolicy: LatePolicy;
	retentionDays: number;
	publicHolidays: boolean;
}

/** An office's booking rules, or null when it takes no bookings. */
export async function loadSettings(db: Db, officeId: number): Promise<BookingSettings | null> {
	const [r] = await db<SettingsRow[]>`select * from booking_settings where office_id = ${officeId}`;
	if (!r) return null;
	return {
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

/** Writes every column of an office's booking rules (so no column default of the migration is ever used). */
export async function saveSettings(db: Db, officeId: number, s: BookingSettings): Promise<void> {
	await db`
		insert into booking_settings (office_id, booking_share, slot_step_min, min_lead_min, horizon_days, checkin_before_min,
			checkin_after_min, late_policy, retention_days, public_holidays)
		values (${officeId}, ${s.bookingShare}, ${s.stepMin}, ${s.minLeadMin}, ${s.horizonDays}, ${s.beforeMin},
			${s.afterMin}, ${s.latePolicy}, ${s.retentionDays}, ${s.publicHolidays})
		on conflict (office_id) do update set booking_share = excluded.booking_share, slot_step_min = excluded.slot_step_min,
			min_lead_min = excluded.min_lead_min, horizon_days = excluded.horizon_days, checkin_before_min = excluded.checkin_before_min,
			checkin_after_min = excluded.checkin_after_min, late_policy = excluded.late_policy,
			retention_days = excluded.retention_days, public_holidays = excluded.public_holidays`;
}

type PlanRow = { openMin: number; closeMin: number; breakStartMin: number | null; breakEndMin: number | null };

/** The office's plan for the days `first..last` (exceptions and holidays of those days only). */
async function loadSchedule(
	db: Db,
	office: { id: number; timeZone: string },
	settings: BookingSettings,
	first: string,
	last: string
): Promise<Schedule> {
	const hours = await db<(PlanRow & { weekday: number })[]>`
		select weekday, open_min, close_min, break_start_min, break_end_min from office_hours where office_id = ${office.id}`;
	const exceptions = await db<(PlanRow & { day: string; kind: 'closed' | 'open' })[]>`
		select day, kind, open_min, close_min, break_start_min, break_end_min from office_day_exceptions
		where office_id = ${office.id} and day between ${first} and ${last}`;
	const weekly: Record<number, DayPlan> = {};
	for (const h of hours) weekly[h.weekday] = plan(h);
	const byDay: Record<string, DayException> = {};
	for (const e of exceptions) byDay[e.day] = e.kind === 'closed' ? { kind: 'closed' } : { kind: 'open', ...plan(e) };
	return {
		timeZone: office.timeZone,
		weekly,
		exceptions: byDay,
		holidays: settings.publicHolidays ? publicHolidays(first, last) : new Set()
	};
}

const plan = (r: PlanRow): DayPlan => ({
	openMin: r.openMin,
	closeMin: r.closeMin,
	breakStartMin: r.breakStartMin,
	breakEndMin: r.breakEndMin
});

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
export async function loadBookableService(
	db: Db,
	officeId: number,
	serviceId: number,
	opts: { staff?: boolean } = {}
): Promise<BookableService> {
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
export async function slotQuery(
	db: Db,
	office: { id: number; timeZone: string },
	service: BookableService,
	now: Date,
	days: { first: string; last: string }
): Promise<SlotQuery> {
	const settings = await loadSettings(db, office.id);
	if (!settings) throw new TalonError('booking_closed');
	const schedule = await loadSchedule(db, office, settings, days.first, days.last);
	return { schedule, rules: settings, durationMin: service.durationMin, deskCount: service.deskCount, now };
}
