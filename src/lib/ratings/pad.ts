import type { OfficeSnapshot, QueueEvent } from '$lib/realtime/types';

/** How long the pad shows the faces after a finish before it returns to rest. */
export const PAD_PROMPT_MS = 15_000;
/** How long the pad says thank you after a tap. */
export const PAD_THANKS_MS = 4_000;

export interface PadPrompt {
	deskId: number;
	ticketId: number;
	number: string;
}

/**
 * The visit the rating pad of desk `deskNumber` should ask about: a live `ticket.finished` at that
 * desk. A snapshot (a reconnect) never prompts: the visitor of a visit finished while the pad was
 * offline has gone.
 */
export function padPromptFor(
	state: OfficeSnapshot,
	cause: { kind: 'snapshot' } | { kind: 'event'; event: QueueEvent },
	deskNumber: number
): PadPrompt | null {
	if (cause.kind !== 'event' || cause.event.type !== 'ticket.finished' || !cause.event.ticket) return null;
	const desk = state.desks.find((d) => d.number === deskNumber);
	const ticket = cause.event.ticket;
	if (!desk || ticket.deskId !== desk.id) return null;
	return { deskId: desk.id, ticketId: ticket.id, number: ticket.number };
}
