import type { Sql } from '$lib/server/db/connect';
import { localDay } from '$lib/domain/local-day';
import { bookingsForDesk, type DeskBooking } from '$lib/server/booking/for-desk';
import type { StaffPrincipal } from '$lib/server/auth/sessions';

/** The cookie that remembers a device's desk (one browser = one desk computer). */
export const DESK_COOKIE = 'talon_desk';

export interface DeskChoice {
	id: number;
	number: number;
	name: string;
	state: 'open' | 'paused' | 'closed';
	/** The signed-in operator who holds the desk now, when it is not the viewer. */
	takenBy: string | null;
	mine: boolean;
	/** Ticket prefixes of the services served here, main job first (`П З Р`). */
	prefixes: string[];
}

/**
 * The desks of an office for the picker. A desk counts as taken when it is open or paused under
 * another staff member who still has a live session: a desk left open by someone who signed out
 * long ago can be taken over.
 */
export async function deskChoices(sql: Sql, officeId: number, me: StaffPrincipal, now = new Date()): Promise<DeskChoice[]> {
	const rows = await sql<{ id: number; number: number; name: string; state: DeskChoice['state']; staffId: number | null; staffName: string | null; staffLive: boolean; prefixes: string[] }[]>`
		select d.id, d.number, d.name, d.state, d.staff_id, u.display_name as staff_name,
			coalesce((select array_agg(s.prefix order by ds.priority desc, s.sort, s.id) from desk_services ds join services s on s.id = ds.service_id
				where ds.desk_id = d.id and s.active), '{}') as prefixes,
			exists (select 1 from staff_sessions s where s.staff_id = d.staff_id and s.expires_at > ${now}) as staff_live
		from desks d left join staff_users u on u.id = d.staff_id
		where d.office_id = ${officeId} order by d.number`;
	return rows.map((r) => {
		const other = r.staffId !== null && r.staffId !== me.staffId && r.state !== 'closed' && r.staffLive;
		return { id: r.id, number: r.number, name: r.name, state: r.state, takenBy: other ? (r.staffName ?? '') : null, mine: r.staffId === me.staffId && r.state !== 'closed', prefixes: r.prefixes };
	});
}

export interface DeskDay {
	served: number;
	/** Mean of (finished - started) of the operator's visitors today, seconds; null before the first. */
	averageServiceSec: number | null;
}

/** The operator's own day in this office: visitors finished and their average service time. */
export async function operatorDay(sql: Sql, officeId: number, timeZone: string, staffId: number, now = new Date()): Promise<DeskDay> {
	const day = localDay(now, timeZone);
	const [row] = await sql<{ served: number; avg: number | null }[]>`
		select count(*)::int as served, avg(extract(epoch from finished_at - started_at))::float8 as avg
		from tickets where office_id = ${officeId} and service_day = ${day} and staff_id = ${staffId} and state = 'done'`;
	return { served: row?.served ?? 0, averageServiceSec: row?.avg == null ? null : Math.round(row.avg) };
}

export interface SidePanel extends DeskDay {
	bookings: DeskBooking[];
	/** The citizen's name when the current visitor came by booking (the only screen that shows it). */
	citizenName: string | null;
}

export async function sidePanel(sql: Sql, input: { officeId: number; timeZone: string; deskId: number; staffId: number; ticketId: number | null }, now = new Date()): Promise<SidePanel> {
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
