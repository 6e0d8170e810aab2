import { rankCandidates, type CallReason } from '$lib/domain/call-policy';
import { localDay } from '$lib/domain/local-day';
import { TalonError } from '$lib/errors';
import type { TicketView } from '$lib/realtime/types';
import { assertOffice, actorIds, clock, runCommand, type Actor, type EngineContext } from './context';
import { deskView, loadOffice, lockDesk, ticketView, type TicketRow } from './rows';

export interface CallNextResult {
	/** The ticket now called to this desk, or null when nobody is waiting for it. */
	ticket: TicketView | null;
	reason: CallReason | null;
}

/**
 * Calls the next visitor to a desk. The policy (domain/call-policy.ts) ranks the waiting
 * candidates; the engine then takes the first one it can lock with SKIP LOCKED, so two desks
 * calling at the same instant get two different visitors and neither waits for the other.
 */
export function callNext(ctx: EngineContext, actor: Actor, input: { deskId: number }): Promise<CallNextResult> {
	return runCommand(ctx, async (tx, emit) => {
		const now = clock(ctx);
		const desk = await lockDesk(tx, input.deskId);
		assertOffice(actor, desk.officeId);
		if (desk.state === 'paused') throw new TalonError('desk_paused');
		if (desk.state === 'closed') throw new TalonError('desk_closed');
		const [busy] = await tx<{ number: string }[]>`
			select number from tickets where desk_id = ${desk.id} and state in ('called', 'serving') limit 1`;
		if (busy) throw new TalonError('desk_busy', { ticket: busy.number });

		const office = await loadOffice(tx, desk.officeId);
		const day = localDay(now, office.timeZone);
		const weights = await tx<{ serviceId: number; priority: number }[]>`
			select service_id, priority from desk_services where desk_id = ${desk.id}`;
		const candidates = await tx<(TicketRow & { targetedAtDesk: boolean })[]>`
			select id, service_id, category, arrived_at, appointment_at, (target_desk_id = ${desk.id}) as targeted_at_desk
			from tickets
			where office_id = ${desk.officeId} and service_day = ${day} and state = 'waiting'
			  and (target_desk_id = ${desk.id}
			       or (target_desk_id is null
			           and service_id in (select service_id from desk_services where desk_id = ${desk.id})))`;
		const ranked = rankCandidates(candidates, new Map(weights.map((w) => [w.serviceId, w.priority])), now);

		for (const { candidate, reason } of ranked) {
			// Re-checks the state on the latest committed version; a row another desk holds is skipped.
			const [taken] = await tx<TicketRow[]>`
				update tickets set state = 'called', desk_id = ${desk.id}, staff_id = ${actorIds(actor).staffId},
					target_desk_id = null, called_at = ${now}, call_count = call_count + 1
				where id = (select id from tickets where id = ${candidate.id} and state = 'waiting' for update skip locked)
				returning *`;
			if (!taken) continue;
			const ticket = ticketView(taken);
			emit({
				officeId: desk.officeId,
				type: 'ticket.called',
				at: now.toISOString(),
				ticket,
				desk: await deskView(tx, desk),
				publicCode: taken.publicCode, ...actorIds(actor),
				data: { reason }
			});
			return { ticket, reason };
		}
		return { ticket: null, reason: null };
	});
}
