import { actorIds, clock, runCommand, type Actor, type EngineContext } from './context';
import { lockDeskTicket } from './desk-ticket';
import { deskView, ticketView, type TicketRow } from './rows';
import { averageServiceSeconds } from './position';
import type { TicketView } from '$lib/realtime/types';

/** Service is over. The event carries the service's new rolling average for the estimates. */
export function finish(ctx: EngineContext, actor: Actor, input: { deskId: number; ticketId: number }): Promise<TicketView> {
	return runCommand(ctx, async (tx, emit) => {
		const now = clock(ctx);
		const { desk } = await lockDeskTicket(tx, actor, input, 'finish');
		const [row] = await tx<TicketRow[]>`
			update tickets set state = 'done', finished_at = ${now} where id = ${input.ticketId} returning *`;
		const ticket = ticketView(row!);
		// After the update, so the average counts this visit; the desk's read goes with it.
		const [averages, deskNow] = await Promise.all([averageServiceSeconds(tx, desk.officeId, [ticket.serviceId]), deskView(tx, desk)]);
		emit({
			officeId: desk.officeId,
			type: 'ticket.finished',
			at: now.toISOString(),
			ticket,
			desk: deskNow,
			publicCode: row!.publicCode,
			...actorIds(actor),
			data: { averageServiceSec: averages.get(ticket.serviceId) ?? null }
		});
		return ticket;
	});
}
