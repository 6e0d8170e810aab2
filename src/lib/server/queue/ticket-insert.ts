import type { Tx } from '$lib/server/db/connect';
import type { PriorityReason, TicketCategory, TicketSource } from '$lib/domain/states';
import { firstFreeSeq, MAX_LABEL, ticketLabel } from '$lib/domain/numbering';
import { localDay } from '$lib/domain/local-day';
import { TalonError } from '$lib/errors';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { actorIds, type Actor, type Emitter, type EngineHooks } from './context';
import type { Locale } from '$lib/i18n/locale';
import { ticketView, type OfficeRow, type TicketRow } from './rows';

export function newPublicCode(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
}

export interface NewTicket {
	serviceId: number;
	source: TicketSource;
	priorityReason?: PriorityReason | null;
	appointmentAt?: Date | null;
	bookingId?: number | null;
	/** The visitor's language (a kiosk's screen): what a printed ticket is printed in. Default ru. */
	locale?: Locale;
}

/**
 * The part of every command that creates a ticket (issueTicket, the booking check-in): checks
 * the service, takes the next number of the office's local day for its prefix, inserts the
 * ticket, runs the `ticketInserted` hook (a kiosk's print job) and emits `ticket.issued`. Runs
 * inside the caller's transaction.
 */
export async function insertTicket(
	tx: Tx,
	emit: Emitter,
	actor: Actor,
	office: OfficeRow,
	input: NewTicket,
	now: Date,
	hooks: EngineHooks = {},
	/** The service, when the caller read it already (issueTicket reads it together with the office). */
	service?: ServiceRow | null
): Promise<TicketRow> {
	if (service === undefined) service = await loadService(tx, office.id, input.serviceId);
	if (!service) throw new TalonError('service_not_found');
	if (!service.active) throw new TalonError('service_inactive');
	// The kiosk hides the question for such a service; the engine refuses whatever a client sends.
	if (input.priorityReason && !input.appointmentAt && !service.priorityAllowed) throw new TalonError('priority_not_allowed');

	const day = localDay(now, office.timeZone);
	const category: TicketCategory = input.appointmentAt ? 'appointment' : input.priorityReason ? 'priority' : 'ordinary';
	const { deviceId } = actorIds(actor);
	const insert = (seq: ReturnType<Tx>, number: ReturnType<Tx>, from: ReturnType<Tx>) => tx`
		insert into tickets (office_id, service_id, service_day, prefix, seq, number, public_code, source, category,
			priority_reason, state, arrived_at, queued_at, appointment_at, booking_id, issued_by_device_id)
		select ${office.id}, ${service.id}, ${day}, ${service.prefix}, ${seq}, ${number},
			${newPublicCode()}, ${input.source}, ${category}, ${input.priorityReason ?? null}, 'waiting', ${now}, ${now},
			${input.appointmentAt ?? null}, ${input.bookingId ?? null}, ${deviceId}
		${from}
		returning *`;
	// The next number and the ticket in one statement (one round trip) while the day's numbers
	// are within 999. The counter row's lock, taken by the upsert, is held to commit: a second
	// issuer of the prefix waits on it and then counts on.
	const [first] = await tx<(TicketRow & { counterSeq: number })[]>`
		with counter as (
			insert into ticket_counters (office_id, service_day, prefix, last_seq)
			values (${office.id}, ${day}, ${service.prefix}, 1)
			on conflict (office_id, service_day, prefix) do update set last_seq = ticket_counters.last_seq + 1
			returning last_seq),
		inserted as (${insert(
			tx`counter.last_seq`,
			tx`${service.prefix} || lpad(counter.last_seq::text, 3, '0')`,
			tx`from counter where counter.last_seq <= ${MAX_LABEL}`
		)})
		select inserted.*, counter.last_seq as counter_seq from counter left join inserted on true`;
	let ticket: TicketRow;
	if (first!.id !== null) {
		const { counterSeq: _, ...inserted } = first!;
		ticket = inserted;
	} else {
		// Past 999: the numbers still live today are skipped (under the same lock), then the insert.
		const seq = await skipLiveNumbers(tx, office.id, day, service.prefix, first!.counterSeq);
		const [again] = await tx<TicketRow[]>`${insert(tx`${seq}::int`, tx`${ticketLabel(service.prefix, seq)}`, tx``)}`;
		ticket = again!;
	}
	await hooks.ticketInserted?.(tx, { ticketId: ticket.id, actor, locale: input.locale ?? 'ru' });
	emit({
		officeId: office.id,
		type: 'ticket.issued',
		at: now.toISOString(),
		ticket: ticketView(ticket),
		desk: null,
		publicCode: ticket.publicCode,
		...actorIds(actor),
		data: {}
	});
	return ticket;
}

export interface ServiceRow {
	id: number;
	prefix: string;
	active: boolean;
	priorityAllowed: boolean;
}

/** The service a ticket is issued for, if it is this office's. */
export async function loadService(tx: Tx, officeId: number, serviceId: number): Promise<ServiceRow | null> {
	const [service] = await tx<ServiceRow[]>`
		select id, prefix, active, priority_allowed from services where id = ${serviceId} and office_id = ${officeId}`;
	return service ?? null;
}

/**
 * Past 999 the labels start over; a number still live today (waiting, called, serving) is not
 * given again (src/lib/domain/numbering.ts). Runs under the counter row's lock, which every
 * issuer of this prefix takes first, so no other ticket of the prefix is numbered meanwhile.
 */
async function skipLiveNumbers(tx: Tx, officeId: number, day: string, prefix: string, seq: number): Promise<number> {
	if (seq <= MAX_LABEL) return seq;
	const rows = await tx<{ number: string }[]>`
		select number from tickets
		where office_id = ${officeId} and service_day = ${day} and prefix = ${prefix} and state in ('waiting', 'called', 'serving')`;
	const live = new Set(rows.map((r) => Number(r.number.slice(prefix.length))));
	const free = firstFreeSeq(seq, live);
	if (free === null) throw new TalonError('numbers_exhausted', { prefix });
	if (free !== seq) {
		await tx`update ticket_counters set last_seq = ${free}
			where office_id = ${officeId} and service_day = ${day} and prefix = ${prefix}`;
	}
	return free;
}
