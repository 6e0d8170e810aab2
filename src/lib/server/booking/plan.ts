import type { Sql, Tx } from '$lib/server/db/connect';
import type { DayPlan } from '$lib/domain/slots';
import { defaultBookingSettings, type BookingSettings } from '$lib/domain/booking-rules';
import { saveSettings } from './schedule';

const h = (hh: number, mm = 0) => hh * 60 + mm;

/** A typical МФЦ: Mon–Fri 8:00–20:00 and Sat 9:00–15:00, lunch 13:00–14:00, Sunday off. */
const typicalWeek: Record<number, DayPlan> = {
	1: { openMin: h(8), closeMin: h(20), breakStartMin: h(13), breakEndMin: h(14) },
	2: { openMin: h(8), closeMin: h(20), breakStartMin: h(13), breakEndMin: h(14) },
	3: { openMin: h(8), closeMin: h(20), breakStartMin: h(13), breakEndMin: h(14) },
	4: { openMin: h(8), closeMin: h(20), breakStartMin: h(13), breakEndMin: h(14) },
	5: { openMin: h(8), closeMin: h(20), breakStartMin: h(13), breakEndMin: h(14) },
	6: { openMin: h(9), closeMin: h(15), breakStartMin: h(13), breakEndMin: h(14) }
};

/** Writes an office's booking rules (the defaults overridden by `settings`) and weekly plan, replacing both. */
export async function setBookingPlan(
	sql: Sql | Tx,
	officeId: number,
	settings: Partial<BookingSettings> = {},
	week: Record<number, DayPlan> = typicalWeek
): Promise<void> {
	await saveSettings(sql, officeId, { ...defaultBookingSettings, ...settings });
	await sql`delete from office_hours where office_id = ${officeId}`;
	for (const [weekday, p] of Object.entries(week)) {
		await sql`insert into office_hours (office_id, weekday, open_min, close_min, break_start_min, break_end_min)
			values (${officeId}, ${Number(weekday)}, ${p.openMin}, ${p.closeMin}, ${p.breakStartMin ?? null}, ${p.breakEndMin ?? null})`;
	}
}
