import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import { addDays, bookableSlots, bookingWindow } from '$lib/domain/slots';
import type { FreeDay, FreeSlot } from '$lib/booking/types';
import { loadOffice } from '$lib/server/queue/rows';
import { loadBookableService, loadSettings, slotQuery } from './schedule';

/** Taken places per start time for a service between two instants. */
async function takenBetween(sql: Sql, officeId: number, serviceId: number, from: Date, to: Date): Promise<Map<number, number>> {
	const rows = await sql<{ startsAt: Date; taken: number }[]>`
		select starts_at, taken from booking_slots
		where office_id = ${officeId} and service_id = ${serviceId} and starts_at >= ${from} and starts_at < ${to}`;
	return new Map(rows.map((r) => [r.startsAt.getTime(), r.taken]));
}

/** Free slots of one day (local `YYYY-MM-DD`) for a service. */
export async function freeSlots(
	sql: Sql,
	input: { officeId: number; serviceId: number; day: string; now: Date; staff?: boolean }
): Promise<FreeSlot[]> {
	const office = await loadOffice(sql, input.officeId);
	const service = await loadBookableService(sql, office.id, input.serviceId, { staff: input.staff });
	const q = await slotQuery(sql, office, service, input.now, { first: input.day, last: input.day });
	const slots = bookableSlots(q, input.day);
	if (slots.length === 0) return [];
	const taken = await takenBetween(sql, office.id, service.id, slots[0]!.startsAt, new Date(slots.at(-1)!.startsAt.getTime() + 1));
	return slots
		.map((s) => ({ startsAt: s.startsAt.toISOString(), time: s.time, free: s.capacity - (taken.get(s.startsAt.getTime()) ?? 0) }))
		.filter((s) => s.free > 0);
}

/** Days within the booking horizon that have at least one free slot, with their free places. */
export async function freeDays(
	sql: Sql,
	input: { officeId: number; serviceId: number; now: Date; staff?: boolean }
): Promise<{ first: string; last: string; days: FreeDay[] }> {
	const office = await loadOffice(sql, input.officeId);
	const settings = await loadSettings(sql, office.id);
	if (!settings) throw new TalonError('booking_closed');
	const service = await loadBookableService(sql, office.id, input.serviceId, { staff: input.staff });
	const window = bookingWindow({
		schedule: { timeZone: office.timeZone, weekly: {}, exceptions: {}, holidays: new Set() },
		rules: settings,
		now: input.now
	});
	const q = await slotQuery(sql, office, service, input.now, window);
	const taken = await takenBetween(
		sql,
		office.id,
		service.id,
		input.now,
		new Date(input.now.getTime() + (settings.horizonDays + 2) * 86_400_000)
	);
	const days: FreeDay[] = [];
	for (let d = window.first; d <= window.last; d = addDays(d, 1)) {
		const free = bookableSlots(q, d).reduce((n, s) => n + Math.max(0, s.capacity - (taken.get(s.startsAt.getTime()) ?? 0)), 0);
		if (free > 0) days.push({ day: d, free });
	}
	return { ...window, days };
}
