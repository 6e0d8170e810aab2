import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import type { TicketState } from '$lib/domain/states';
import { queuePosition } from './position';
import type { TicketRow } from './rows';

/** What a visitor may know about their own ticket, found by its public code. No names. */
export interface TicketStatus {
	publicCode: string;
	number: string;
	state: TicketState;
	office: { id: number; slug: string; nameRu: string; nameEn: string; timeZone: string };
	service: { id: number; nameRu: string; nameEn: string };
	/** Visitors of the same service who go first; 0 once called. */
	ahead: number;
	estimatedWaitSec: number | null;
	/** The desk number once called or being served. */
	deskNumber: number | null;
	issuedAt: string;
	calledAt: string | null;
	/**
	 * A remote ticket waiting for its visitor: the code (and QR) to check in with at the kiosk.
	 * Null for other tickets and once checked in. Only whoever holds the public code sees it.
	 */
	checkinCode: string | null;
}

export async function ticketStatus(sql: Sql, publicCode: string, now: Date = new Date()): Promise<TicketStatus> {
	const [row] = await sql<
		(TicketRow & {
			deskNumber: number | null;
			serviceNameRu: string;
			serviceNameEn: string;
			officeSlug: string;
			officeNameRu: string;
			officeNameEn: string;
			timeZone: string;
		})[]
	>`
		select t.*, d.number as desk_number, s.name_ru as service_name_ru, s.name_en as service_name_en,
			o.slug as office_slug, o.name_ru as office_name_ru, o.name_en as office_name_en, o.time_zone
		from tickets t
		join services s on s.id = t.service_id
		join offices o on o.id = t.office_id
		left join desks d on d.id = t.desk_id
		where t.public_code = ${publicCode}`;
	if (!row) throw new TalonError('ticket_not_found');
	const position = await queuePosition(sql, row, now);
	return {
		publicCode: row.publicCode,
		number: row.number,
		state: row.state,
		office: { id: row.officeId, slug: row.officeSlug, nameRu: row.officeNameRu, nameEn: row.officeNameEn, timeZone: row.timeZone },
		service: { id: row.serviceId, nameRu: row.serviceNameRu, nameEn: row.serviceNameEn },
		ahead: position.ahead,
		estimatedWaitSec: position.estimatedWaitSec,
		deskNumber: row.state === 'called' || row.state === 'serving' ? row.deskNumber : null,
		issuedAt: row.arrivedAt.toISOString(),
		calledAt: row.calledAt ? row.calledAt.toISOString() : null,
		checkinCode: row.source === 'remote' && !row.checkedInAt && row.state === 'waiting' ? (row.checkinCode ?? null) : null
	};
}
