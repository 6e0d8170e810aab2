import type { Sql, Tx } from '$lib/server/db/connect';
import { localDay } from '$lib/domain/local-day';
import { TalonError } from '$lib/errors';
import { RECENT_CALLS, type CategoryView, type DeskView, type OfficeSnapshot, type ServiceView } from '$lib/realtime/types';
import { averageServiceSeconds } from './position';
import { ticketView, type DeskRow, type OfficeRow, type TicketRow } from './rows';

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
		const { categories, services, desks } = await officeCatalogue(tx, officeId, day);
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
			categories,
			services,
			desks,
			tickets: tickets.map(ticketView),
			recentCalls: recent.map(ticketView)
		};
	});
}

/** The office's configuration part of a snapshot: its category tree, services in use and desks. */
export interface OfficeCatalogue {
	categories: CategoryView[];
	services: ServiceView[];
	desks: DeskView[];
}

/**
 * The catalogue as the snapshot holds it, read in the caller's transaction: the snapshot's own,
 * and an administrator's change (issue 11), whose `config.changed` event carries it so that every
 * open screen applies it without asking the server again.
 */
export async function officeCatalogue(tx: Tx | Sql, officeId: number, day: string): Promise<OfficeCatalogue> {
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
	const weights = await tx<{ deskId: number; serviceId: number; priority: number }[]>`
		select ds.desk_id, ds.service_id, ds.priority from desk_services ds join desks d on d.id = ds.desk_id
		where d.office_id = ${officeId} order by ds.desk_id, ds.service_id`;
	return {
		categories: [...categories],
		services: services.map((s) => ({
			...s,
			takenToday: taken.get(s.id) ?? 0,
			averageServiceSec: averages.get(s.id) ?? s.durationMin * 60
		})),
		desks: desks.map((d) => ({
			id: d.id,
			number: d.number,
			name: d.name,
			state: d.state,
			staffId: d.staffId,
			services: weights.filter((w) => w.deskId === d.id).map((w) => ({ serviceId: w.serviceId, priority: w.priority }))
		}))
	};
}
