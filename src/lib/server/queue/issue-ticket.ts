import type { Tx } from '$lib/server/db/connect';
import type { PriorityReason, TicketSource } from '$lib/domain/states';
import { TalonError } from '$lib/errors';
import { assertOffice, clock, runCommand, type Actor, type EngineContext } from './context';
import { insertTicket, loadService } from './ticket-insert';
import { loadOffice, ticketView, type TicketRow } from './rows';
import { queuePosition, type QueuePosition } from './position';
import type { TicketView } from '$lib/realtime/types';
import type { Locale } from '$lib/i18n/locale';

export interface IssueTicketInput {
	officeId: number;
	serviceId: number;
	source: TicketSource;
	/** A priority visitor's reason; makes the ticket `priority`. */
	priorityReason?: PriorityReason | null;
	/** For a checked-in booking: the slot start; makes the ticket an `appointment`. */
	appointmentAt?: Date | null;
	bookingId?: number | null;
	/** A client-chosen key (8..64 chars): the same key within an office yields the same ticket. */
	idempotencyKey?: string | null;
	/** The visitor's language at a kiosk: the paper ticket prints in it (Russian by default). */
	locale?: Locale;
	/**
	 * The caller's own statements in the ticket's transaction (remote joining: the check-in code,
	 * the phone, its SMS alert): `after` gets the new row and may return it updated; it commits or
	 * rolls back with the ticket, and a throw refuses the ticket.
	 */
	inTransaction?: {
		after?: (tx: Tx, ticket: TicketRow) => Promise<TicketRow | void>;
	};
}

export interface IssuedTicket {
	ticket: TicketView;
	/** For the public status page and the ticket's room; given only to whoever issued it. */
	publicCode: string;
	position: QueuePosition;
	/** True when the key had been used: this is the ticket issued the first time. */
	duplicate: boolean;
}

/** Issues a numbered ticket (kiosk, desk, phone, API, booking check-in). */
export async function issueTicket(ctx: EngineContext, actor: Actor, input: IssueTicketInput): Promise<IssuedTicket> {
	const { row, duplicate } = await runCommand(ctx, async (tx, emit) => {
		assertOffice(actor, input.officeId);
		const now = clock(ctx);
		// The office, the service and the idempotency key go out together: one round trip.
		const reads = [loadOffice(tx, input.officeId), loadService(tx, input.officeId, input.serviceId)] as const;
		// A concurrent request with the same key blocks on this insert until the first
		// commits, then finds its row: both get one ticket. It must not fail (a failed statement
		// would abort the transaction under the reads sent with it, and the driver may run
		// pipelined statements in another order than sent), hence no row for an unknown office
		// instead of a foreign-key error; the office read says office_not_found.
		const claimKey = input.idempotencyKey
			? tx`insert into issue_keys (office_id, key)
				select id, ${input.idempotencyKey} from offices where id = ${input.officeId}
				on conflict do nothing returning key`.execute()
			: null;
		// Awaited in order below; an earlier one's refusal must not leave a later one's failure unhandled.
		for (const r of [...reads, claimKey]) r?.catch(() => {});
		const office = await reads[0];
		const service = await reads[1];
		if (claimKey) {
			const [fresh] = await claimKey;
			if (!fresh) return { row: await replay(tx, input), duplicate: true };
		}
		let ticket = await insertTicket(tx, emit, actor, office, input, now, ctx.hooks, service);
		ticket = (await input.inTransaction?.after?.(tx, ticket)) ?? ticket;
		if (input.idempotencyKey) {
			await tx`update issue_keys set ticket_id = ${ticket.id} where office_id = ${office.id} and key = ${input.idempotencyKey}`;
		}
		return { row: ticket, duplicate: false };
	});
	// The position is read after the commit: the counter's row lock is not held for it.
	const position = await queuePosition(ctx.sql, row, clock(ctx));
	return { ticket: ticketView(row), publicCode: row.publicCode, position, duplicate };
}

async function replay(tx: Tx, input: IssueTicketInput): Promise<TicketRow> {
	const [ticket] = await tx<TicketRow[]>`
		select t.* from issue_keys k join tickets t on t.id = k.ticket_id
		where k.office_id = ${input.officeId} and k.key = ${input.idempotencyKey!}`;
	if (!ticket) throw new TalonError('idempotency_conflict');
	// The same key for another service is a client bug, not a retry: say so instead of guessing.
	if (ticket.serviceId !== input.serviceId) throw new TalonError('idempotency_conflict');
	return ticket;
}
