import { actorIds, clock, runCommand, type Actor, type EngineContext } from './context';
import { lockDeskTicket } from './desk-ticket';
import { deskView, ticketView, type TicketRow } from './rows';
import type { TicketView } from '$lib/realtime/types';

/**
 * Puts a called or served visitor back in the queue of the same service (e.g. they went to
 * fetch a document). They keep their arrival time, so they are not sent to the back.
 */
export function returnToQueue(
	ctx: EngineContext,
	actor: Actor,
	input: { deskId: number; ticketId: number; comment?: string | null }
): Promise<TicketView> {
	return runCommand(ctx, async (tx, emit) => {
		const now = clock(ctx);
		const { desk } = await lockDeskTicket(tx, actor, input, 'returnToQueue');
		const [row] = await tx<TicketRow[]>`
			update tickets set state = 'waiting', desk_id = null, target_desk_id = null, queued_at = ${now},
				called_at = null, started_at = null, comment = coalesce(${input.comment ?? null}, comment)
			where id = ${input.ticketId} returning *`;
		const ticket = ticketView(row!);
		emit({
			officeId: desk.officeId,
			type: 'ticket.returned',
			at: now.toISOString(),
			ticket,
			desk: await deskView(tx, desk),
			publicCode: row!.publicCode,
			...actorIds(actor),
			data: {}
		});
		return ticket;
	});
}
