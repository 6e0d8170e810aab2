import { rankCandidates, type CallReason } from '$lib/domain/call-policy';
import { localDay } from '$lib/domain/local-day';
import { TalonError } from '$lib/errors';
import type { TicketView } from '$lib/realtime/types';
import { assertOffice, actorIds, clock, runCommand, type Actor, type EngineContext } from './context';
import { deskServices, deskViewOf, loadOffice, lockDesk, ticketView, type TicketRow } from './rows';
import { callsUnarrived, passedOver } from './arrival';

/**
 * Within one queue (a service and a category, or the tickets sent to this desk) the policy's
 * order is arrival order, so only the first few of each can win: reading those instead of every
 * waiting ticket keeps call-next flat as the hall fills. Sixteen outlasts eight desks taking the
 * heads of the same queues at once; appointments are few and always read whole.
 */
export const CANDIDATES_PER_QUEUE = 16;

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
		// Four independent reads sent together: one round trip (reads only, so the order in which
		// the server runs them does not matter).
		const busyRead = tx<{ number: string }[]>`
			select number from tickets where desk_id = ${desk.id} and state in ('called', 'serving') limit 1`.execute();
		const officeRead = loadOffice(tx, desk.officeId);
		const servicesRead = deskServices(tx, desk.id);
		// Remote joining (issue 13): a remote ticket not yet checked in waits for its visitor, unless
		// the office calls remote tickets before arrival.
		const unarrivedRead = callsUnarrived(tx, desk.officeId);
		for (const r of [officeRead, servicesRead, unarrivedRead]) r.catch(() => {});
		const [busy] = await busyRead;
		if (busy) throw new TalonError('desk_busy', { ticket: busy.number });
		const office = await officeRead;
		const services = await servicesRead;
		const callUnarrived = await unarrivedRead;
		const day = localDay(now, office.timeZone);
		const weightMap = new Map(services.map((w) => [w.serviceId, w.priority]));
		// First the few best of each queue, then (rarely: all of those held by other desks) everyone.
		for (const cap of [CANDIDATES_PER_QUEUE, null]) {
			const candidates = await tx<(TicketRow & { targetedAtDesk: boolean; awaitingArrival: boolean })[]>`
				select id, service_id, category, arrived_at, appointment_at, targeted_at_desk, awaiting_arrival from (
					select id, service_id, category, arrived_at, appointment_at, (target_desk_id is not null) as targeted_at_desk,
						${passedOver(tx, callUnarrived)} as awaiting_arrival,
						row_number() over (partition by service_id, category, target_desk_id,
							(source = 'remote' and checked_in_at is null) order by arrived_at, id) as rn
					from tickets
					where office_id = ${desk.officeId} and service_day = ${day} and state = 'waiting'
					  and (target_desk_id = ${desk.id}
					       or (target_desk_id is null
					           and service_id in (select service_id from desk_services where desk_id = ${desk.id})))
				) queue
				where ${cap === null ? tx`true` : tx`rn <= ${cap} or category = 'appointment'`}`;
			const ranked = rankCandidates(candidates, weightMap, now);
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
					desk: deskViewOf(desk, services),
					publicCode: taken.publicCode,
					...actorIds(actor),
					data: { reason }
				});
				return { ticket, reason };
			}
			if (candidates.length === 0) break;
		}
		return { ticket: null, reason: null };
	});
}
