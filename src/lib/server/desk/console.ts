import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import { localDay } from '$lib/domain/local-day';
import type { DeskChoice, DeskDay, SidePanelData } from '$lib/desk/types';
import { bookingsForDesk } from '$lib/server/booking/for-desk';
import type { StaffPrincipal } from '$lib/server/auth/sessions';
import { closeDesk, type EngineContext } from '$lib/server/queue';

/**
 * The operator console's server side (/desk and /desk/side): which desk this device may take,
 * the operator's day and the side panel. Queue state itself changes only through the engine.
 */

/**
 * The desks of an office for the picker. A desk counts as taken when it is open or paused under
 * another staff member who still has a live session: a desk left open by someone who signed out
 * long ago can be taken over.
 */
export async function deskChoices(sql: Sql, officeId: number, me: StaffPrincipal, now = new Date()): Promise<DeskChoice[]> {
	const rows = await sql<
		{
			id: number;
			number: number;
			name: string;
			state: DeskChoice['state'];
			staffId: number | null;
			staffName: string | null;
			staffLive: boolean;
			prefixes: string[];
		}[]
	>`
		select d.id, d.number, d.name, d.state, d.staff_id, u.display_name as staff_name,
			coalesce((select array_agg(s.prefix order by ds.priority desc, s.sort, s.id) from desk_services ds join services s on s.id = ds.service_id
				where ds.desk_id = d.id and s.active), '{}') as prefixes,
			exists (select 1 from staff_sessions s where s.staff_id = d.staff_id and s.expires_at > ${now}) as staff_live
		from desks d left join staff_users u on u.id = d.staff_id
		where d.office_id = ${officeId} and d.active order by d.number`;
	return rows.map((r) => {
		const other = r.staffId !== null && r.staffId !== me.staffId && r.state !== 'closed' && r.staffLive;
		return {
			id: r.id,
			number: r.number,
			name: r.name,
			state: r.state,
			takenBy: other ? (r.staffName ?? '') : null,
			mine: r.staffId === me.staffId && r.state !== 'closed',
			prefixes: r.prefixes
		};
	});
}

/** The operator's own day in this office: visitors finished and their average service time. */
export async function operatorDay(sql: Sql, officeId: number, timeZone: string, staffId: number, now = new Date()): Promise<DeskDay> {
	const day = localDay(now, timeZone);
	const [row] = await sql<{ served: number; avg: number | null }[]>`
		select count(*)::int as served, avg(extract(epoch from finished_at - started_at))::float8 as avg
		from tickets where office_id = ${officeId} and service_day = ${day} and staff_id = ${staffId} and state = 'done'`;
	return { served: row?.served ?? 0, averageServiceSec: row?.avg == null ? null : Math.round(row.avg) };
}

export async function sidePanel(
	sql: Sql,
	input: { officeId: number; timeZone: string; deskId: number; staffId: number; ticketId: number | null },
	now = new Date()
): Promise<SidePanelData> {
	const day = await operatorDay(sql, input.officeId, input.timeZone, input.staffId, now);
	const bookings = await bookingsForDesk(sql, input.deskId, now);
	let citizenName: string | null = null;
	if (input.ticketId) {
		const [t] = await sql<{ bookingId: number | null }[]>`
			select booking_id from tickets where id = ${input.ticketId} and office_id = ${input.officeId}`;
		if (t?.bookingId) citizenName = bookings.find((b) => b.id === t.bookingId)?.citizenName ?? null;
	}
	return { ...day, bookings, citizenName };
}

/** A desk of one of the staff member's offices, with that office's zone; typed refusals otherwise. */
async function staffDesk(sql: Sql, staff: StaffPrincipal, deskId: number): Promise<{ officeId: number; timeZone: string }> {
	const [desk] = await sql<{ officeId: number; timeZone: string }[]>`
		select d.office_id, o.time_zone from desks d join offices o on o.id = d.office_id where d.id = ${deskId}`;
	if (!desk) throw new TalonError('desk_not_found');
	if (!staff.officeIds.includes(desk.officeId)) throw new TalonError('wrong_office');
	return desk;
}

/** The side panel as the console refreshes it: staff of the desk's office only. */
export async function sidePanelFor(
	sql: Sql,
	staff: StaffPrincipal,
	input: { deskId: number; ticketId: number | null },
	now = new Date()
): Promise<SidePanelData> {
	const desk = await staffDesk(sql, staff, input.deskId);
	return sidePanel(
		sql,
		{ officeId: desk.officeId, timeZone: desk.timeZone, deskId: input.deskId, staffId: staff.staffId, ticketId: input.ticketId },
		now
	);
}

/**
 * Checks that this device may become `deskId`: a desk of one of the operator's offices that no
 * other signed-in operator holds. Returns the desk's office; the device remembers the choice.
 */
export async function chooseDesk(sql: Sql, staff: StaffPrincipal, deskId: number, now = new Date()): Promise<{ officeId: number }> {
	const desk = await staffDesk(sql, staff, deskId);
	const choice = (await deskChoices(sql, desk.officeId, staff, now)).find((d) => d.id === deskId);
	if (choice?.takenBy) throw new TalonError('desk_taken', { name: choice.takenBy });
	return { officeId: desk.officeId };
}

/**
 * Leaving a desk closes it (through the engine, so boards see it) when this operator holds it.
 * The engine may refuse — a visitor is still called or served there, or the desk is already
 * closed — and then the desk stays as it is: the operator leaves either way, so a typed refusal
 * is the expected outcome, not a failure. Anything else (the database) is thrown.
 */
export async function leaveDesk(ctx: EngineContext, staff: StaffPrincipal, deskId: number): Promise<void> {
	const [desk] = await ctx.sql<{ staffId: number | null }[]>`select staff_id from desks where id = ${deskId}`;
	if (desk?.staffId !== staff.staffId) return;
	try {
		await closeDesk(ctx, { kind: 'staff', staffId: staff.staffId, officeIds: staff.officeIds }, { deskId });
	} catch (e) {
		if (!(e instanceof TalonError)) throw e;
	}
}
