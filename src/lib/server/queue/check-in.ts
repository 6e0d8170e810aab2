import { TalonError } from '$lib/errors';
import { checkInVerdict, defaultBookingSettings, normalizeCode, type BookingState, type CheckInWindow } from '$lib/domain/booking-rules';
import type { Tx } from '$lib/server/db/connect';
import { localDayOf, minutesToTime } from '$lib/domain/slots';
import type { TicketView } from '$lib/realtime/types';
import type { Locale } from '$lib/i18n/locale';
import { TZDate } from '@date-fns/tz';
import { actorIds, assertOffice, clock, runCommand, type Actor, type Emitter, type EngineContext } from './context';
import { insertTicket } from './ticket-insert';
import { loadOffice, ticketView, type TicketRow } from './rows';
import { queuePosition, type QueuePosition } from './position';

export interface CheckInInput {
	officeId: number;
	/** The booking code as typed or scanned. */
	code: string;
	/** A retry with the same key gets the same ticket instead of `booking_not_active`. */
	idempotencyKey?: string | null;
	/** The visitor's language at a kiosk: the paper ticket prints in it (Russian by default). */
	locale?: Locale;
}

/** The columns of a booking that check-in reads (the booking module owns the table). */
interface BookingForCheckIn {
	id: number;
	serviceId: number;
	startsAt: Date;
	state: BookingState;
	ticketId: number | null;
	checkinKey: string | null;
}

/** The office's check-in window (`booking_settings`); an office with no plan gets the defaults. */
async function checkInWindow(tx: Tx, officeId: number): Promise<CheckInWindow> {
	const [w] = await tx<CheckInWindow[]>`
		select checkin_before_min as before_min, checkin_after_min as after_min, late_policy
		from booking_settings where office_id = ${officeId}`;
	return w ?? defaultBookingSettings;
}

export interface CheckedIn {
	ticket: TicketView;
	publicCode: string;
	position: QueuePosition;
	/** The slot start when the ticket is an appointment; null when it came late and got an ordinary ticket. */
	appointmentAt: string | null;
	/** Null for a remote ticket's check-in (it had no booking). */
	bookingId: number | null;
	duplicate: boolean;
}

/**
 * Check-in with a booking code (kiosk, desk): one transaction locks the booking, checks the
 * office's window, issues the ticket through `insertTicket` (an `appointment` served first once
 * its time has come, or an ordinary one for a late visitor when the office allows it) and marks
 * the booking checked in.
 */
export async function checkIn(ctx: EngineContext, actor: Actor, input: CheckInInput): Promise<CheckedIn> {
	const { row, booking, appointmentAt, duplicate } = await runCommand(ctx, async (tx, emit) => {
		assertOffice(actor, input.officeId);
		const now = clock(ctx);
		const code = normalizeCode(input.code);
		if (!code) throw new TalonError('booking_not_found');
		const office = await loadOffice(tx, input.officeId);
		const [b] = await tx<BookingForCheckIn[]>`
			select id, service_id, starts_at, state, ticket_id, checkin_key from bookings where code = ${code} and office_id = ${office.id} for update`;
		if (!b) {
			const remote = await checkInRemote(tx, emit, actor, office.id, code, now);
			if (remote) return { row: remote.row, booking: null, appointmentAt: null, duplicate: remote.duplicate };
			throw new TalonError('booking_not_found');
		}
		if (b.state === 'checked_in' && input.idempotencyKey && b.checkinKey === input.idempotencyKey && b.ticketId) {
			const [t] = await tx<TicketRow[]>`select * from tickets where id = ${b.ticketId}`;
			if (t) return { row: t, booking: b, appointmentAt: t.appointmentAt, duplicate: true };
		}
		const verdict = checkInVerdict(b.startsAt, now, await checkInWindow(tx, office.id));
		// A missed booking can still become an ordinary ticket where the office allows late visitors.
		if (b.state !== 'booked' && !(b.state === 'missed' && verdict.kind === 'late_ordinary')) {
			throw new TalonError('booking_not_active', { state: b.state });
		}
		if (verdict.kind === 'too_early') {
			const local = new TZDate(verdict.opensAt.getTime(), office.timeZone);
			const sameDay = localDayOf(verdict.opensAt, office.timeZone) === localDayOf(now, office.timeZone);
			throw new TalonError('booking_too_early', {
				opensAt: verdict.opensAt.toISOString(),
				opensTime: minutesToTime(local.getHours() * 60 + local.getMinutes()),
				...(sameDay ? {} : { opensDay: localDayOf(verdict.opensAt, office.timeZone).split('-').reverse().join('.') })
			});
		}
		if (verdict.kind === 'too_late') throw new TalonError('booking_too_late');
		const appointmentAt = verdict.kind === 'on_time' ? b.startsAt : null;
		const ticket = await insertTicket(
			tx,
			emit,
			actor,
			office,
			{ serviceId: b.serviceId, source: 'booking', appointmentAt, bookingId: b.id, locale: input.locale },
			now,
			ctx.hooks
		);
		await tx`update bookings set state = 'checked_in', checked_in_at = ${now}, ticket_id = ${ticket.id},
			checkin_key = ${input.idempotencyKey ?? null} where id = ${b.id}`;
		return { row: ticket, booking: b, appointmentAt, duplicate: false };
	});
	const position = await queuePosition(ctx.sql, row, clock(ctx));
	return {
		ticket: ticketView(row),
		publicCode: row.publicCode,
		position,
		appointmentAt: appointmentAt ? appointmentAt.toISOString() : null,
		bookingId: booking?.id ?? null,
		duplicate
	};
}

/**
 * Remote joining (issue 13): the visitor who took a ticket from a phone types its check-in code
 * at the kiosk on arrival (or holds the QR of /t/<code> to its scanner). The ticket keeps its
 * number and its place; from now on call-next may call it. The arrival is an event like any change
 * of the queue (`ticket.checked_in`, the ticket with `awaitingCheckIn: false`), so desks, boards,
 * the live dashboard and the visitor's own page learn it at once. A second check-in with the same
 * code gives the same ticket (`duplicate`) and changes nothing.
 */
async function checkInRemote(
	tx: Tx,
	emit: Emitter,
	actor: Actor,
	officeId: number,
	code: string,
	now: Date
): Promise<{ row: TicketRow; duplicate: boolean } | null> {
	const [t] = await tx<TicketRow[]>`
		select * from tickets where office_id = ${officeId} and checkin_code = ${code}
		  and state in ('waiting', 'called', 'serving') for update`;
	if (!t) return null;
	if (t.checkedInAt) return { row: t, duplicate: true };
	const [row] = await tx<TicketRow[]>`update tickets set checked_in_at = ${now} where id = ${t.id} returning *`;
	emit({
		officeId,
		type: 'ticket.checked_in',
		at: now.toISOString(),
		ticket: ticketView(row!),
		desk: null,
		publicCode: row!.publicCode,
		...actorIds(actor),
		data: {}
	});
	return { row: row!, duplicate: false };
}
