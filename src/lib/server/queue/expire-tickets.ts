import type { Tx } from '$lib/server/db/connect';
import { appendEvents, type PublishedEvent } from './context';
import { ticketView, type TicketRow } from './rows';

/**
 * Closes as `expired` every ticket still waiting or called whose office's day has ended (its
 * `service_day` is before the office's local date at `now`), with a `ticket.expired` event each,
 * so yesterday's queue never leaks into today's boards, estimates and reports.
 *
 * Unlike the other commands it runs inside a scheduled job's transaction (the job's advisory
 * lock makes it run once across nodes), so it takes `tx` and returns the events instead of
 * publishing them; the job publishes them after its commit (src/lib/server/reports/jobs.ts).
 * A ticket being served is left alone: the operator may still finish it.
 */
export async function expireTickets(tx: Tx, now: Date): Promise<PublishedEvent[]> {
	const rows = await tx<TicketRow[]>`
		update tickets t set state = 'expired', finished_at = ${now}, target_desk_id = null
		from offices o
		where o.id = t.office_id and t.state in ('waiting', 'called')
		  and t.service_day < (${now}::timestamptz at time zone o.time_zone)::date
		returning t.*`;
	const byOffice = new Map<number, TicketRow[]>();
	for (const r of rows) byOffice.set(r.officeId, [...(byOffice.get(r.officeId) ?? []), r]);
	const events: PublishedEvent[] = [];
	for (const [officeId, tickets] of [...byOffice].sort(([a], [b]) => a - b)) {
		const drafts = tickets
			.sort((a, b) => a.id - b.id)
			.map((t) => ({
				officeId,
				type: 'ticket.expired' as const,
				at: now.toISOString(),
				ticket: ticketView(t),
				desk: null,
				publicCode: t.publicCode,
				staffId: null,
				deviceId: null,
				data: { serviceDay: t.serviceDay }
			}));
		events.push(...(await appendEvents(tx, drafts)));
	}
	return events;
}
