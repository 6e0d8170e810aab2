import type { Sql, Tx } from '$lib/server/db/connect';
import { estimateWaitSeconds, rollingAverageSeconds } from '$lib/domain/estimate';
import type { TicketRow } from './rows';
import { passedOverInOffice } from './arrival';

/** How many served visitors the rolling average looks back on. */
export const AVERAGE_WINDOW = 20;

export interface QueuePosition {
	/** Waiting visitors of the same service who go first (policy order with neutral desk weights). */
	ahead: number;
	/** Estimated seconds until called; null when no desk serves the service. */
	estimatedWaitSec: number | null;
}

/** Rolling average service time of each service of an office, seconds. */
export async function averageServiceSeconds(db: Tx | Sql, officeId: number, serviceIds?: number[]): Promise<Map<number, number>> {
	const rows = await db<{ id: number; durationMin: number; recent: number[] | null }[]>`
		select s.id, s.duration_min,
			(select array_agg(extract(epoch from (t.finished_at - t.started_at))::float8)
			 from (select finished_at, started_at from tickets
			       where service_id = s.id and state = 'done' and started_at is not null
			         and finished_at > now() - interval '14 days'
			       order by finished_at desc limit ${AVERAGE_WINDOW}) t) as recent
		from services s
		where s.office_id = ${officeId} ${serviceIds ? db`and s.id = any(${serviceIds})` : db``}`;
	return new Map(rows.map((r) => [r.id, rollingAverageSeconds(r.recent ?? [], r.durationMin * 60)]));
}

export async function deskCounts(db: Tx | Sql, serviceId: number): Promise<{ open: number; configured: number }> {
	const [row] = await db<{ open: number; configured: number }[]>`
		select count(*) filter (where d.state in ('open', 'paused'))::int as open, count(*)::int as configured
		from desk_services ds join desks d on d.id = ds.desk_id where ds.service_id = ${serviceId}`;
	return row ?? { open: 0, configured: 0 };
}

/**
 * The call policy's order with neutral desk weights (domain/call-policy.ts), counted in SQL so a
 * full hall costs one aggregate instead of shipping every waiting ticket: started appointments
 * (by slot) < priority visitors (by arrival) < everyone else (by arrival, since equal weights
 * make weighted waiting time an arrival order). A remote ticket whose visitor has not checked in
 * is ahead of nobody while call-next passes over it (./arrival.ts). The one count of "who is
 * ahead": the /t page, the API, the kiosk's paper and the "перед вами N" alert all use it.
 * `realtime/stats.ts#aheadOf` is the same rule on a client's snapshot.
 */
export async function queuePosition(db: Tx | Sql, ticket: TicketRow, now: Date): Promise<QueuePosition> {
	if (ticket.state !== 'waiting') return { ahead: 0, estimatedWaitSec: 0 };
	const group = (t: Tx | Sql) => t`(case when category = 'appointment' and appointment_at <= ${now} then 0
		when category = 'priority' then 2 else 3 end)`;
	const mine =
		ticket.category === 'appointment' && ticket.appointmentAt && ticket.appointmentAt <= now ? 0 : ticket.category === 'priority' ? 2 : 3;
	// The three reads are independent: sent together, they cost one round trip instead of three.
	const counted = db<{ ahead: number }[]>`
		select count(*)::int as ahead from tickets
		where office_id = ${ticket.officeId} and service_day = ${ticket.serviceDay} and service_id = ${ticket.serviceId}
		  and state = 'waiting' and id <> ${ticket.id} and not ${passedOverInOffice(db, ticket.officeId)}
		  and (${group(db)} < ${mine}
		       or (${group(db)} = ${mine} and ${
							mine === 0
								? db`(appointment_at, arrived_at, id) < (${ticket.appointmentAt}, ${ticket.arrivedAt}, ${ticket.id})`
								: db`(arrived_at, id) < (${ticket.arrivedAt}, ${ticket.id})`
						}))`;
	const [[row], averages, desks] = await Promise.all([
		counted,
		averageServiceSeconds(db, ticket.officeId, [ticket.serviceId]),
		deskCounts(db, ticket.serviceId)
	]);
	const ahead = row?.ahead ?? 0;
	return {
		ahead,
		estimatedWaitSec: estimateWaitSeconds({
			ahead,
			averageServiceSeconds: averages.get(ticket.serviceId) ?? 0,
			openDesks: desks.open,
			configuredDesks: desks.configured
		})
	};
}
