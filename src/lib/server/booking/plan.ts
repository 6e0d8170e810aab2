import type { Sql, Tx } from '$lib/server/db/connect';
import type { DayPlan } from '$lib/domain/slots';

/** Booking rules an office starts with; see booking_settings in migrations/0005_booking.sql. */
export interface PlanSettings {
	bookingShare: number;
	slotStepMin: number;
	minLeadMin: number;
	horizonDays: number;
	checkinBeforeMin: number;
	checkinAfterMin: number;
	latePolicy: 'ordinary' | 'refuse';
	retentionDays: number;
	publicHolidays: boolean;
}

export const defaultPlanSettings: PlanSettings = {
	bookingShare: 0.5,
	slotStepMin: 15,
	minLeadMin: 60,
	horizonDays: 14,
	checkinBeforeMin: 30,
	checkinAfterMin: 15,
	latePolicy: 'ordinary',
	retentionDays: 30,
	publicHolidays: true
};

const h = (hh: number, mm = 0) => hh * 60 + mm;

/** A typical МФЦ: Mon–Fri 8:00–20:00 and Sat 9:00–15:00, lunch 13:00–14:00, Sunday off. */
export const typicalWeek: Record<number, DayPlan> = {
	1: { openMin: h(8), closeMin: h(20), breakStartMin: h(13), breakEndMin: h(14) },
	2: { openMin: h(8), closeMin: h(20), breakStartMin: h(13), breakEndMin: h(14) },
	3: { openMin: h(8), closeMin: h(20), breakStartMin: h(13), breakEndMin: h(14) },
	4: { openMin: h(8), closeMin: h(20), breakStartMin: h(13), breakEndMin: h(14) },
	5: { openMin: h(8), closeMin: h(20), breakStartMin: h(13), breakEndMin: h(14) },
	6: { openMin: h(9), closeMin: h(15), breakStartMin: h(13), breakEndMin: h(14) }
};

/** Writes an office's booking rules and weekly plan (replacing both). */
export async function setBookingPlan(sql: Sql | Tx, officeId: number, settings: Partial<PlanSettings> = {}, week: Record<number, DayPlan> = typicalWeek): Promise<void> {
	const s = { ...defaultPlanSettings, ...settings };
	await sql`
		insert into booking_settings (office_id, booking_share, slot_step_min, min_lead_min, horizon_days, checkin_before_min,
			checkin_after_min, late_policy, retention_days, public_holidays)
		values (${officeId}, ${s.bookingShare}, ${s.slotStepMin}, ${s.minLeadMin}, ${s.horizonDays}, ${s.checkinBeforeMin},
			${s.checkinAfterMin}, ${s.latePolicy}, ${s.retentionDays}, ${s.publicHolidays})
		on conflict (office_id) do update set booking_share = excluded.booking_share, slot_step_min = excluded.slot_step_min,
			min_lead_min = excluded.min_lead_min, horizon_days = excluded.horizon_days, checkin_before_min = excluded.checkin_before_min,
			checkin_after_min = excluded.checkin_after_min, late_policy = excluded.late_policy,
			retention_days = excluded.retention_days, public_holidays = excluded.public_holidays`;
	await sql`delete from office_hours where office_id = ${officeId}`;
	for (const [weekday, p] of Object.entries(week)) {
		await sql`insert into office_hours (office_id, weekday, open_min, close_min, break_start_min, break_end_min)
			values (${officeId}, ${Number(weekday)}, ${p.openMin}, ${p.closeMin}, ${p.breakStartMin ?? null}, ${p.breakEndMin ?? null})`;
	}
}
