import type { Tx } from '$lib/server/db/connect';
import { canDo, type TicketAction } from '$lib/domain/transitions';
import { TalonError } from '$lib/errors';
import { assertOffice, type Actor } from './context';
import { lockDesk, lockTicket, type DeskRow, type TicketRow } from './rows';

/**
 * Locks a desk and the ticket it acts on, and checks that the actor may act there, that the
 * ticket is at this desk and that `action` is allowed from the ticket's state. Every command
 * on "the current visitor" starts here, so each refusal is one typed error and writes nothing.
 */
export async function lockDeskTicket(
	tx: Tx,
	actor: Actor,
	input: { deskId: number; ticketId: number },
	action: TicketAction
): Promise<{ desk: DeskRow; ticket: TicketRow }> {
	const desk = await lockDesk(tx, input.deskId);
	assertOffice(actor, desk.officeId);
	const ticket = await lockTicket(tx, input.ticketId);
	if (ticket.officeId !== desk.officeId) throw new TalonError('wrong_office');
	if (!canDo(action, ticket.state)) throw new TalonError('ticket_state_conflict', { number: ticket.number, state: ticket.state });
	if (ticket.deskId !== desk.id) throw new TalonError('ticket_not_at_desk', { number: ticket.number });
	return { desk, ticket };
}
