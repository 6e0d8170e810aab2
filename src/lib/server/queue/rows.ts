import type { Sql, Tx } from '$lib/server/db/connect';
import type { DeskView, TicketView } from '$lib/realtime/types';
import type { DeskState, PriorityReason, TicketCategory, TicketSource, TicketState } from '$lib/domain/states';
import { TalonError } from '$lib/errors';

/** A `tickets` row as postgres.js returns it (camelCase). */
export interface TicketRow {
	id: number;
	officeId: number;
	serviceId: number;
	serviceDay: string;
	prefix: string;
	seq: number;
	number: string;
	publicCode: string;
	source: TicketSource;
	category: TicketCategory;
	priorityReason: PriorityReason | null;
	state: TicketState;
	arrivedAt: Date;
	queuedAt: Date;
	appointmentAt: Date | null;
	bookingId: number | null;
	deskId: number | null;
	staffId: number | null;
	targetDeskId: number | null;
	calledAt: Date | null;
	startedAt: Date | null;
	finishedAt: Date | null;
	callCount: number;
	comment: string | null;
	/** Remote joining (issue 13): the kiosk check-in code of a remote ticket, and when it was used. */
	checkinCode?: string | null;
	checkedInAt?: Date | null;
	/** The confirmed phone of a remote ticket (personal data: never in a view, erased by retention). */
	remotePhone?: string | null;
}

export interface DeskRow {
	id: number;
	officeId: number;
	number: number;
	name: string;
	state: DeskState;
	staffId: number | null;
}

export interface OfficeRow {
	id: number;
	slug: string;
	nameRu: string;
	nameEn: string;
	addressRu: string;
	addressEn: string;
	timeZone: string;
	lastSeq: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function ticketView(t: TicketRow): TicketView {
	return {
		id: t.id,
		number: t.number,
		serviceId: t.serviceId,
		state: t.state,
		category: t.category,
		priorityReason: t.priorityReason,
		source: t.source,
		arrivedAt: t.arrivedAt.toISOString(),
		queuedAt: t.queuedAt.toISOString(),
		appointmentAt: iso(t.appointmentAt),
		deskId: t.deskId,
		targetDeskId: t.targetDeskId,
		calledAt: iso(t.calledAt),
		startedAt: iso(t.startedAt),
		finishedAt: iso(t.finishedAt),
		callCount: t.callCount,
		awaitingCheckIn: t.source === 'remote' && !t.checkedInAt
	};
}

export async function deskView(tx: Tx | Sql, desk: DeskRow): Promise<DeskView> {
	return deskViewOf(desk, await deskServices(tx, desk.id));
}

/** The services a desk serves and how much it prefers each, by service id. */
export async function deskServices(tx: Tx | Sql, deskId: number): Promise<{ serviceId: number; priority: number }[]> {
	return [
		...(await tx<{ serviceId: number; priority: number }[]>`
			select service_id, priority from desk_services where desk_id = ${deskId} order by service_id`)
	];
}

export function deskViewOf(desk: DeskRow, services: { serviceId: number; priority: number }[]): DeskView {
	return { id: desk.id, number: desk.number, name: desk.name, state: desk.state, staffId: desk.staffId, services };
}

export async function loadOffice(tx: Tx | Sql, officeId: number): Promise<OfficeRow> {
	const [office] = await tx<OfficeRow[]>`
		select id, slug, name_ru, name_en, address_ru, address_en, time_zone, last_seq from offices where id = ${officeId}`;
	if (!office) throw new TalonError('office_not_found');
	return office;
}

/** Locks the desk row for the rest of the transaction: commands at one desk run one at a time. */
export async function lockDesk(tx: Tx, deskId: number): Promise<DeskRow & { active: boolean }> {
	const [desk] = await tx<(DeskRow & { active: boolean })[]>`
		select id, office_id, number, name, state, staff_id, active from desks where id = ${deskId} for update`;
	if (!desk) throw new TalonError('desk_not_found');
	return desk;
}

export async function lockTicket(tx: Tx, ticketId: number): Promise<TicketRow> {
	const [ticket] = await tx<TicketRow[]>`select * from tickets where id = ${ticketId} for update`;
	if (!ticket) throw new TalonError('ticket_not_found');
	return ticket;
}
