import { actorIds, clock, runCommand, type Actor, type EngineContext } from './context';
import { lockDeskTicket } from './desk-ticket';
import { deskView, ticketView, type TicketRow } from './rows';
import type { TicketView } from '$lib/realtime/types';

/** The called visitor did not come. */
export function markNoShow(ctx: EngineContext, actor: Actor, input: { deskId: number; ticketId: number }): Promise<TicketView> {
	return runCommand(ctx, async (tx, emit) => {
		const now = clock(ctx);
		const { desk } = await lockDeskTicket(tx, actor, input, 'noShow');
		const [row] = await tx<TicketRow[]>`
			update tickets set state = 'no_show', finished_at = ${now} where id = ${input.ticketId} returning *`;
		const ticket = ticketView(row!);
		emit({
			officeId: desk.officeId,
			type: 'ticket.no_show',
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
