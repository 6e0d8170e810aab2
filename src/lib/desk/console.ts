import { canDo } from '$lib/domain/transitions';
import type { DeskView, OfficeSnapshot, TicketView } from '$lib/realtime/types';
import type { DeskAction } from './commands';

export type { DeskAction };

/**
 * What the operator console derives from the office's live state (snapshot + events), kept
 * free of Svelte and sockets so it is tested on its own. The engine stays the judge: a button
 * enabled here can still be refused (another desk was faster), and the console then shows why.
 */

/**
 * Keyboard shortcuts by physical key (`KeyboardEvent.code`), so they work the same on a
 * Russian layout: the N key calls next whether it types "n" or "т".
 */
export const SHORTCUTS: Partial<Record<DeskAction, { code: string; label: string }>> = {
	callNext: { code: 'KeyN', label: 'N' },
	recall: { code: 'KeyR', label: 'R' },
	start: { code: 'KeyS', label: 'S' },
	finish: { code: 'KeyF', label: 'F' },
	noShow: { code: 'KeyX', label: 'X' },
	transfer: { code: 'KeyT', label: 'T' },
	returnToQueue: { code: 'KeyB', label: 'B' },
	pause: { code: 'KeyP', label: 'P' },
	resume: { code: 'KeyP', label: 'P' }
};

export function deskOf(state: OfficeSnapshot | null, deskId: number): DeskView | null {
	return state?.desks.find((d) => d.id === deskId) ?? null;
}

/** The visitor called to or served at this desk, if any (the engine allows one at a time). */
export function currentTicket(state: OfficeSnapshot | null, deskId: number): TicketView | null {
	return state?.tickets.find((t) => t.deskId === deskId && (t.state === 'called' || t.state === 'serving')) ?? null;
}

/**
 * Tickets this desk may call: waiting, and either sent to this desk or of a service it serves
 * (and not sent to another desk). Oldest arrival first — the same order the hall sees.
 */
export function waitingFor(state: OfficeSnapshot | null, desk: DeskView | null): TicketView[] {
	if (!state || !desk) return [];
	const served = new Set(desk.services.map((s) => s.serviceId));
	return state.tickets
		.filter((t) => t.state === 'waiting' && (t.targetDeskId === desk.id || (t.targetDeskId === null && served.has(t.serviceId))))
		.sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt) || a.id - b.id);
}

/** The actions valid now: what the buttons enable and the shortcuts obey. */
export function enabledActions(desk: DeskView | null, current: TicketView | null): Set<DeskAction> {
	const on = new Set<DeskAction>();
	if (!desk) return on;
	if (desk.state === 'closed') on.add('open');
	if (desk.state === 'paused') on.add('resume');
	if (!current && desk.state !== 'closed') on.add('close');
	if (desk.state === 'open' && !current) {
		on.add('callNext');
		on.add('pause');
	}
	if (current) {
		if (canDo('recall', current.state)) on.add('recall');
		if (canDo('start', current.state)) on.add('start');
		if (canDo('finish', current.state)) on.add('finish');
		if (canDo('noShow', current.state)) on.add('noShow');
		if (canDo('transfer', current.state)) on.add('transfer');
		if (canDo('returnToQueue', current.state)) on.add('returnToQueue');
	}
	return on;
}

/** The action a key press asks for, when it is enabled; typing in a field never triggers one. */
export function actionForKey(
	e: { code: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean; target?: unknown },
	enabled: Set<DeskAction>
): DeskAction | null {
	if (e.ctrlKey || e.altKey || e.metaKey) return null;
	const tag = (e.target as { tagName?: string } | undefined)?.tagName;
	if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return null;
	for (const [action, s] of Object.entries(SHORTCUTS) as [DeskAction, { code: string }][]) {
		if (s.code === e.code && enabled.has(action)) return action;
	}
	return null;
}

/** Seconds between an ISO time and `now` (never negative: clocks of server and desk differ a little). */
export function secondsSince(iso: string, now: number): number {
	return Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
}
