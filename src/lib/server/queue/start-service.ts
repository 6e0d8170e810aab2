import { actorIds, clock, runCommand, type Actor, type EngineContext } from './context';
import { lockDeskTicket } from './desk-ticket';
import { deskView, ticketView, type TicketRow } from './rows';
import type { TicketView } from '$lib/realtime/types';

/** The called visitor has come to the desk: service starts (its duration feeds the estimate). */
export function startService(ctx: EngineContext, actor: Actor, input: { deskId: number; ticketId: number }): Promise<TicketView> {
	return runCommand(ctx, async (tx, emit) => {
		const now = clock(ctx);
		const { desk } = await lockDeskTicket(tx, actor, input, 'start');
		// The update and the desk's read go out together (one round trip).
		const [[row], deskNow] = await Promise.all([
			tx<TicketRow[]>`
				update tickets set state = 'serving', started_at = ${now}, staff_id = coalesce(${actorIds(actor).staffId}, staff_id)
				where id = ${input.ticketId} returning *`,
			deskView(tx, desk)
		]);
		const ticket = ticketView(row!);
		emit({
			officeId: desk.officeId,
			type: 'ticket.started',
			at: now.toISOString(),
			ticket,
			desk: deskNow,
			publicCode: row!.publicCode,
			...actorIds(actor),
			data: {}
		});
		return ticket;
	});
}
