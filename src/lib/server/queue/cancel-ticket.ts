import { canDo } from '$lib/domain/transitions';
import { TalonError } from '$lib/errors';
import { assertOffice, actorIds, clock, runCommand, type Actor, type EngineContext } from './context';
import { lockTicket, ticketView, type TicketRow } from './rows';
import type { TicketView } from '$lib/realtime/types';

/** A waiting visitor leaves the queue (they changed their mind, or staff clean up). */
export function cancelTicket(ctx: EngineContext, actor: Actor, input: { ticketId: number }): Promise<TicketView> {
	return runCommand(ctx, async (tx, emit) => {
		const now = clock(ctx);
		const ticket = await lockTicket(tx, input.ticketId);
		assertOffice(actor, ticket.officeId);
		if (!canDo('cancel', ticket.state)) throw new TalonError('ticket_state_conflict', { number: ticket.number, state: ticket.state });
		const [row] = await tx<TicketRow[]>`
			update tickets set state = 'cancelled', finished_at = ${now}, target_desk_id = null where id = ${ticket.id} returning *`;
		const view = ticketView(row!);
		emit({
			officeId: ticket.officeId,
			type: 'ticket.cancelled',
			at: now.toISOString(),
			ticket: view,
			desk: null,
			publicCode: row!.publicCode,
			...actorIds(actor),
			data: {}
		});
		return view;
	});
}
