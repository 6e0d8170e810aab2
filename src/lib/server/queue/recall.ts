import { actorIds, clock, runCommand, type Actor, type EngineContext } from './context';
import { lockDeskTicket } from './desk-ticket';
import { deskView, ticketView, type TicketRow } from './rows';
import type { TicketView } from '$lib/realtime/types';

/** Calls the same visitor again (boards announce it once more). */
export function recall(ctx: EngineContext, actor: Actor, input: { deskId: number; ticketId: number }): Promise<TicketView> {
	return runCommand(ctx, async (tx, emit) => {
		const now = clock(ctx);
		const { desk } = await lockDeskTicket(tx, actor, input, 'recall');
		const [row] = await tx<TicketRow[]>`
			update tickets set called_at = ${now}, call_count = call_count + 1 where id = ${input.ticketId} returning *`;
		const ticket = ticketView(row!);
		emit({
			officeId: desk.officeId,
			type: 'ticket.recalled',
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
