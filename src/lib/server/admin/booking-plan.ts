import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import { defaultBookingSettings } from '$lib/domain/booking-rules';
import { loadSettings, saveSettings } from '$lib/server/booking/schedule';
import { publicHolidays } from '$lib/domain/booking-holidays';
import { addDays, bookableSlots, localDayOf, type DayException, type DayPlan, type Schedule } from '$lib/domain/slots';
import {
	toHhmm,
	toMin,
	type BookingPlanInput,
	type DayExceptionInput,
	type DayExceptionView,
	type PlanPreview
} from '$lib/schemas/admin-plan';
import { officeInScope } from './offices-in-scope';
import type { AdminScope } from './scope';
import { audit } from './audit';

/**
 * An office's booking plan (issue 11, item 6): the booking rules (share, step, lead time,
 * horizon, check-in window, late policy, retention, public holidays) and the weekly hours with
 * lunch, replaced as one; and day exceptions (holiday, shortened day, extra working day). The
 * tables are the booking module's (migrations/0005_booking.sql); each change is audited.
 */
type HoursRow = { weekday: number; openMin: number; closeMin: number; breakStartMin: number | null; breakEndMin: number | null };

const hoursOut = (r: Omit<HoursRow, 'weekday'>) => ({
	open: toHhmm(r.openMin),
	close: toHhmm(r.closeMin),
	breakStart: r.breakStartMin === null ? null : toHhmm(r.breakStartMin),
	breakEnd: r.breakEndMin === null ? null : toHhmm(r.breakEndMin)
});

async function readPlan(sql: Sql, officeId: number): Promise<BookingPlanInput & { takesBookings: boolean }> {
	const settings = await loadSettings(sql, officeId);
	const rows = await sql<HoursRow[]>`
		select weekday, open_min, close_min, break_start_min, break_end_min from office_hours where office_id = ${officeId} order by weekday`;
	return {
		takesBookings: settings !== null,
		...(settings ?? defaultBookingSettings),
		week: rows.map((r) => ({ weekday: r.weekday, ...hoursOut(r) }))
	};
}

export async function getBookingPlan(sql: Sql, scope: AdminScope, office: string | number) {
	const o = await officeInScope(sql, scope, office);
	return readPlan(sql, o.id);
}

/** Replaces the rules and the weekly hours; the office takes online bookings from then on. */
export async function putBookingPlan(sql: Sql, scope: AdminScope, office: string | number, plan: BookingPlanInput) {
	const o = await officeInScope(sql, scope, office);
	const before = await readPlan(sql, o.id);
	await sql.begin(async (tx) => {
		const { week, ...settings } = plan;
		await saveSettings(tx, o.id, settings);
		await tx`delete from office_hours where office_id = ${o.id}`;
		for (const d of week) {
			await tx`insert into office_hours (office_id, weekday, open_min, close_min, break_start_min, break_end_min)
				values (${o.id}, ${d.weekday}, ${toMin(d.open)}, ${toMin(d.close)}, ${d.breakStart === null ? null : toMin(d.breakStart)},
					${d.breakEnd === null ? null : toMin(d.breakEnd)})`;
		}
		await audit(tx, { actor: scope, officeId: o.id, entity: 'booking_plan', entityId: o.id, action: 'update', before, after: plan });
	});
	return readPlan(sql, o.id);
}

type ExceptionRow = {
	day: string;
	kind: 'closed' | 'open';
	openMin: number | null;
	closeMin: number | null;
	breakStartMin: number | null;
	breakEndMin: number | null;
	note: string;
};

const exceptionOut = (r: ExceptionRow): DayExceptionView => ({
	day: r.day,
	kind: r.kind,
	...(r.kind === 'open'
		? hoursOut({ openMin: r.openMin!, closeMin: r.closeMin!, breakStartMin: r.breakStartMin, breakEndMin: r.breakEndMin })
		: { open: null, close: null, breakStart: null, breakEnd: null }),
	note: r.note
});

export async function listDayExceptions(sql: Sql, scope: AdminScope, office: string | number): Promise<DayExceptionView[]> {
	const o = await officeInScope(sql, scope, office);
	const rows = await sql<ExceptionRow[]>`
		select day::text as day, kind, open_min, close_min, break_start_min, break_end_min, note from office_day_exceptions
		where office_id = ${o.id} order by day`;
	return rows.map(exceptionOut);
}

/** Sets the exception of a day (replacing any there was). */
export async function putDayException(
	sql: Sql,
	scope: AdminScope,
	office: string | number,
	e: DayExceptionInput
): Promise<DayExceptionView> {
	const o = await officeInScope(sql, scope, office);
	const open = e.kind === 'open' ? e : null;
	return sql.begin(async (tx) => {
		const [before] = await tx<ExceptionRow[]>`
			select day::text as day, kind, open_min, close_min, break_start_min, break_end_min, note from office_day_exceptions
			where office_id = ${o.id} and day = ${e.day} for update`;
		const [row] = await tx<ExceptionRow[]>`
			insert into office_day_exceptions (office_id, day, kind, open_min, close_min, break_start_min, break_end_min, note)
			values (${o.id}, ${e.day}, ${e.kind}, ${open ? toMin(open.open) : null}, ${open ? toMin(open.close) : null},
				${open?.breakStart ? toMin(open.breakStart) : null}, ${open?.breakEnd ? toMin(open.breakEnd) : null}, ${e.note})
			on conflict (office_id, day) do update set kind = excluded.kind, open_min = excluded.open_min, close_min = excluded.close_min,
				break_start_min = excluded.break_start_min, break_end_min = excluded.break_end_min, note = excluded.note
			returning day::text as day, kind, open_min, close_min, break_start_min, break_end_min, note`;
		const after = exceptionOut(row!);
		await audit(tx, {
			actor: scope,
			officeId: o.id,
			entity: 'day_exception',
			entityId: e.day,
			action: before ? 'update' : 'create',
			before: before ? exceptionOut(before) : null,
			after
		});
		return after;
	});
}

export async function deleteDayException(sql: Sql, scope: AdminScope, office: string | number, day: string): Promise<void> {
	const o = await officeInScope(sql, scope, office);
	await sql.begin(async (tx) => {
		const [before] = await tx<ExceptionRow[]>`
			delete from office_day_exceptions where office_id = ${o.id} and day = ${day}
			returning day::text as day, kind, open_min, close_min, break_start_min, break_end_min, note`;
		if (!before) throw new TalonError('not_found');
		await audit(tx, {
			actor: scope,
			officeId: o.id,
			entity: 'day_exception',
			entityId: day,
			action: 'delete',
			before: exceptionOut(before)
		});
	});
}

const dayPlan = (h: { open: string; close: string; breakStart: string | null; breakEnd: string | null }): DayPlan => ({
	openMin: toMin(h.open),
	closeMin: toMin(h.close),
	breakStartMin: h.breakStart === null ? null : toMin(h.breakStart),
	breakEndMin: h.breakEnd === null ? null : toMin(h.breakEnd)
});

/**
 * What citizens could book in the next `days` days (today included) if `plan` were saved now: per
 * bookable service and day, the free places and the first free time. Computed from the unsaved plan
 * with the same pure generator the booking pages use (`bookableSlots`), the office's saved day
 * exceptions and the places already taken; nothing is written.
 */
export async function previewBookingPlan(
	sql: Sql,
	scope: AdminScope,
	office: string | number,
	plan: BookingPlanInput,
	now: Date,
	days = 7
): Promise<PlanPreview> {
	const o = await officeInScope(sql, scope, office);
	const timeZone = o.timeZone;
	const first = localDayOf(now, timeZone);
	const last = addDays(first, days - 1);
	const exceptions = await sql<ExceptionRow[]>`
		select day::text as day, kind, open_min, close_min, break_start_min, break_end_min, note from office_day_exceptions
		where office_id = ${o.id} and day between ${first} and ${last}`;
	const byDay: Record<string, DayException> = {};
	for (const e of exceptions)
		byDay[e.day] =
			e.kind === 'closed'
				? { kind: 'closed' }
				: {
						kind: 'open',
						openMin: e.openMin!,
						closeMin: e.closeMin!,
						breakStartMin: e.breakStartMin,
						breakEndMin: e.breakEndMin
					};
	const schedule: Schedule = {
		timeZone,
		weekly: Object.fromEntries(plan.week.map((d) => [d.weekday, dayPlan(d)])),
		exceptions: byDay,
		holidays: plan.publicHolidays ? publicHolidays(first, last) : new Set()
	};
	const services = await sql<{ id: number; nameRu: string; nameEn: string; durationMin: number; deskCount: number }[]>`
		select s.id, s.name_ru, s.name_en, s.duration_min,
			(select count(*)::int from desk_services ds where ds.service_id = s.id) as desk_count
		from services s where s.office_id = ${o.id} and s.active and s.bookable order by s.name_ru, s.id`;
	const taken = await sql<{ serviceId: number; startsAt: Date; taken: number }[]>`
		select service_id, starts_at, taken from booking_slots
		where office_id = ${o.id} and starts_at >= ${now} and starts_at < ${new Date(now.getTime() + (days + 2) * 86_400_000)}`;
	const takenOf = new Map(taken.map((t) => [`${t.serviceId}@${t.startsAt.getTime()}`, t.taken]));
	const dayList = Array.from({ length: days }, (_, i) => addDays(first, i));
	return {
		days: dayList,
		services: services.map((s) => ({
			id: s.id,
			nameRu: s.nameRu,
			nameEn: s.nameEn,
			deskCount: s.deskCount,
			days: dayList.map((day) => {
				const free = bookableSlots({ schedule, rules: plan, durationMin: s.durationMin, deskCount: s.deskCount, now }, day)
					.map((slot) => ({ time: slot.time, free: slot.capacity - (takenOf.get(`${s.id}@${slot.startsAt.getTime()}`) ?? 0) }))
					.filter((slot) => slot.free > 0);
				return { day, free: free.reduce((n, slot) => n + slot.free, 0), firstTime: free[0]?.time ?? null };
			})
		}))
	};
}
