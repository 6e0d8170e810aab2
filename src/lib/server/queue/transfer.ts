import { TalonError } from '$lib/errors';
import { actorIds, clock, runCommand, type Actor, type EngineContext } from './context';
import { lockDeskTicket } from './desk-ticket';
import { deskView, ticketView, type TicketRow } from './rows';
import type { TicketView } from '$lib/realtime/types';

export interface TransferInput {
	deskId: number;
	ticketId: number;
	/** Another service's queue. */
	toServiceId?: number | null;
	/** One particular desk: only that desk will get the visitor (see call-policy's `targetedAtDesk`). */
	toDeskId?: number | null;
	comment?: string | null;
}

/** Sends the visitor to another service and/or desk. They keep their original arrival time. */
export function transfer(ctx: EngineContext, actor: Actor, input: TransferInput): Promise<TicketView> {
	return runCommand(ctx, async (tx, emit) => {
		if (!input.toServiceId && !input.toDeskId) throw new TalonError('invalid_input', { field: 'toServiceId' });
		const now = clock(ctx);
		const { desk, ticket } = await lockDeskTicket(tx, actor, input, 'transfer');
		const serviceId = input.toServiceId ?? ticket.serviceId;
		if (input.toServiceId) {
			const [service] = await tx<{ active: boolean }[]>`
				select active from services where id = ${input.toServiceId} and office_id = ${desk.officeId}`;
			if (!service) throw new TalonError('service_not_found');
			if (!service.active) throw new TalonError('service_inactive');
		}
		if (input.toDeskId) {
			const [target] = await tx<{ id: number }[]>`
				select id from desks where id = ${input.toDeskId} and office_id = ${desk.officeId}`;
			if (!target) throw new TalonError('desk_not_found');
		}
		const [row] = await tx<TicketRow[]>`
			update tickets set state = 'waiting', service_id = ${serviceId}, target_desk_id = ${input.toDeskId ?? null},
				desk_id = null, queued_at = ${now}, called_at = null, started_at = null,
				comment = coalesce(${input.comment ?? null}, comment)
			where id = ${ticket.id} returning *`;
		const view = ticketView(row!);
		emit({
			officeId: desk.officeId,
			type: 'ticket.transferred',
			at: now.toISOString(),
			ticket: view,
			desk: await deskView(tx, desk),
			publicCode: row!.publicCode,
			...actorIds(actor),
			data: { fromServiceId: ticket.serviceId, toServiceId: serviceId, toDeskId: input.toDeskId ?? null }
		});
		return view;
	});
}
