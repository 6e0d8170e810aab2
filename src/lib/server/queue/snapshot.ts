import type { Sql } from '$lib/server/db/connect';
import { localDay } from '$lib/domain/local-day';
import { TalonError } from '$lib/errors';
import { RECENT_CALLS, type CategoryView, type OfficeSnapshot, type ServiceView } from '$lib/realtime/types';
import { averageServiceSeconds } from './position';
import { deskView, ticketView, type DeskRow, type OfficeRow, type TicketRow } from './rows';

/**
 * The office's queue as of its last event. Read in one REPEATABLE READ transaction so `seq`
 * and the rows agree: a client that applies events `seq + 1...` on top ends at the truth.
 */
export async function officeSnapshot(sql: Sql, officeId: number, now: Date = new Date()): Promise<OfficeSnapshot> {
	return sql.begin('isolation level repeatable read read only', async (tx) => {
		const [office] = await tx<OfficeRow[]>`
			select id, slug, name_ru, name_en, address_ru, address_en, time_zone, last_seq from offices where id = ${officeId}`;
		if (!office) throw new TalonError('office_not_found');
		const day = localDay(now, office.timeZone);
		const categories = await tx<CategoryView[]>`
			select id, parent_id, name_ru, name_en, sort, kiosk_visible as kiosk from service_categories
			where office_id = ${officeId} and archived_at is null order by sort, id`;
		const services = await tx<Omit<ServiceView, 'averageServiceSec' | 'takenToday'>[]>`
			select id, category_id, name_ru, name_en, prefix, duration_min, target_wait_min, documents_ru, documents_en, bookable,
				kiosk_visible as kiosk, priority_allowed
			from services where office_id = ${officeId} and active order by sort, id`;
		const averages = await averageServiceSeconds(tx, officeId);
		const taken = new Map(
			(
				await tx<{ serviceId: number; n: number }[]>`
				select service_id, count(*)::int as n from tickets where office_id = ${officeId} and service_day = ${day} group by service_id`
			).map((r) => [r.serviceId, r.n])
		);
		const desks = await tx<DeskRow[]>`
			select id, office_id, number, name, state, staff_id from desks where office_id = ${officeId} order by number`;
		const tickets = await tx<TicketRow[]>`
			select * from tickets where office_id = ${officeId} and service_day = ${day}
			  and state in ('waiting', 'called', 'serving') order by arrived_at, id`;
		const recent = await tx<TicketRow[]>`
			select * from tickets where office_id = ${officeId} and service_day = ${day} and called_at is not null
			order by called_at desc, id desc limit ${RECENT_CALLS}`;
		const { lastSeq, ...officeView } = office;
		return {
			office: officeView,
			seq: lastSeq,
			day,
			serverTime: now.toISOString(),
			categories: [...categories],
			services: services.map((s) => ({
				...s,
				takenToday: taken.get(s.id) ?? 0,
				averageServiceSec: averages.get(s.id) ?? s.durationMin * 60
			})),
			desks: await Promise.all(desks.map((d) => deskView(tx, d))),
			tickets: tickets.map(ticketView),
			recentCalls: recent.map(ticketView)
		};
	});
}
