import type { TicketState } from './states';

/**
 * Which command may move a ticket from which state. The engine checks this before it writes,
 * so a refused command changes nothing; the same table drives which desk buttons are enabled.
 */
export const allowedFrom = {
	call: ['waiting'],
	recall: ['called'],
	start: ['called'],
	finish: ['serving'],
	noShow: ['called'],
	transfer: ['called', 'serving'],
	returnToQueue: ['called', 'serving'],
	cancel: ['waiting']
} as const satisfies Record<string, readonly TicketState[]>;

export type TicketAction = keyof typeof allowedFrom;

export function canDo(action: TicketAction, state: TicketState): boolean {
	return (allowedFrom[action] as readonly TicketState[]).includes(state);
}
