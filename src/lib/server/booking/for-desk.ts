import type { Sql } from '$lib/server/db/connect';
import { localDayOf } from '$lib/domain/slots';
import type { DeskBooking } from '$lib/desk/types';

/** The office's local day of `now`; bookings of the desk's services, in time order (cancelled ones left out). */
export async function bookingsForDesk(sql: Sql, deskId: number, now: Date): Promise<DeskBooking[]> {
	const [office] = await sql<{ officeId: number; timeZone: string }[]>`
		select d.office_id, o.time_zone from desks d join offices o on o.id = d.office_id where d.id = ${deskId}`;
	if (!office) return [];
	const rows = await sql<
		{ id: number; code: string; startsAt: Date; serviceId: number; citizenName: string | null; state: DeskBooking['state'] }[]
	>`
		select b.id, b.code, b.starts_at, b.service_id, b.citizen_name, b.state from bookings b
		where b.office_id = ${office.officeId} and b.local_day = ${localDayOf(now, office.timeZone)} and b.state <> 'cancelled'
		  and b.service_id in (select service_id from desk_services where desk_id = ${deskId})
		order by b.starts_at, b.id`;
	return rows.map((r) => ({
		id: r.id,
		code: r.code,
		startsAt: r.startsAt.toISOString(),
		serviceId: r.serviceId,
		citizenName: r.citizenName ?? '',
		state: r.state
	}));
}
