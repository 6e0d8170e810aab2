import type { DeskState } from '$lib/domain/states';
import { TalonError } from '$lib/errors';
import type { DeskView, EventType } from '$lib/realtime/types';
import { assertOffice, actorIds, clock, runCommand, type Actor, type EngineContext } from './context';
import { deskView, lockDesk, type DeskRow } from './rows';

/**
 * The four desk commands share one shape (lock the desk, check its state, set the new one),
 * so they live together: open (an operator sits down), pause (a break), resume, close.
 */
interface DeskMove {
	from: readonly DeskState[];
	to: DeskState;
	event: EventType;
	/** Refuse while a visitor is called or served here: finish or return them first. */
	needsIdle: boolean;
}

const moves = {
	open: { from: ['closed'], to: 'open', event: 'desk.opened', needsIdle: false },
	pause: { from: ['open'], to: 'paused', event: 'desk.paused', needsIdle: true },
	resume: { from: ['paused'], to: 'open', event: 'desk.resumed', needsIdle: false },
	close: { from: ['open', 'paused'], to: 'closed', event: 'desk.closed', needsIdle: true }
} as const satisfies Record<string, DeskMove>;

function moveDesk(ctx: EngineContext, actor: Actor, deskId: number, move: DeskMove): Promise<DeskView> {
	return runCommand(ctx, async (tx, emit) => {
		const now = clock(ctx);
		const desk = await lockDesk(tx, deskId);
		assertOffice(actor, desk.officeId);
		// A desk switched off in the administration leaves the picker; a client that still sends it is refused.
		if (move.to === 'open' && move.from.includes('closed') && !desk.active) throw new TalonError('desk_inactive');
		if (!move.from.includes(desk.state)) {
			if (desk.state === 'paused') throw new TalonError('desk_paused');
			if (desk.state === 'closed') throw new TalonError('desk_closed');
			throw new TalonError('desk_state_conflict', { state: desk.state });
		}
		if (move.needsIdle) {
			const [busy] = await tx<{ number: string }[]>`
				select number from tickets where desk_id = ${desk.id} and state in ('called', 'serving') limit 1`;
			if (busy) throw new TalonError('desk_busy', { ticket: busy.number });
		}
		const staffId = move.to === 'closed' ? null : (actorIds(actor).staffId ?? desk.staffId);
		const [row] = await tx<DeskRow[]>`
			update desks set state = ${move.to}, staff_id = ${staffId} where id = ${desk.id}
			returning id, office_id, number, name, state, staff_id`;
		const view = await deskView(tx, row!);
		emit({ officeId: desk.officeId, type: move.event, at: now.toISOString(), ticket: null, desk: view, ...actorIds(actor), data: {} });
		return view;
	});
}

export const openDesk = (ctx: EngineContext, actor: Actor, input: { deskId: number }) => moveDesk(ctx, actor, input.deskId, moves.open);
export const pauseDesk = (ctx: EngineContext, actor: Actor, input: { deskId: number }) => moveDesk(ctx, actor, input.deskId, moves.pause);
export const resumeDesk = (ctx: EngineContext, actor: Actor, input: { deskId: number }) => moveDesk(ctx, actor, input.deskId, moves.resume);
export const closeDesk = (ctx: EngineContext, actor: Actor, input: { deskId: number }) => moveDesk(ctx, actor, input.deskId, moves.close);
