import { serviceStats } from '$lib/realtime/stats';
import type { OfficeSnapshot, QueueEvent, TicketView } from '$lib/realtime/types';
import { callPhrases, type Utterance, type VoiceMode } from '$lib/domain/speech';

/**
 * What the hall board and the desk indicator show, derived from an office snapshot. Pure: the
 * Svelte pages only render these shapes. Nothing here carries a name — tickets, services and
 * desk numbers only.
 */

export interface CallRow {
	ticketId: number;
	number: string;
	deskNumber: number;
	state: 'called' | 'serving';
	calledAt: string;
	/** Identifies one call: a recall of the same ticket is a new key. */
	key: string;
}

export function callKey(t: Pick<TicketView, 'id' | 'callCount'>): string {
	return `${t.id}:${t.callCount}`;
}

/**
 * Tickets at a desk right now (called or being served), newest call first: the board's main
 * column. At most `limit` rows — a board has room for about six at a readable size.
 */
export function activeCalls(s: OfficeSnapshot, limit = 6): CallRow[] {
	const deskNumber = new Map(s.desks.map((d) => [d.id, d.number]));
	return s.tickets
		.filter(
			(t): t is TicketView & { state: 'called' | 'serving' } =>
				(t.state === 'called' || t.state === 'serving') && t.deskId !== null && deskNumber.has(t.deskId)
		)
		.sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? '') || b.id - a.id)
		.slice(0, limit)
		.map((t) => ({
			ticketId: t.id,
			number: t.number,
			deskNumber: deskNumber.get(t.deskId!)!,
			state: t.state,
			calledAt: t.calledAt ?? '',
			key: callKey(t)
		}));
}

export interface HistoryRow {
	number: string;
	deskNumber: number | null;
}

/** The last calls that are no longer at a desk (served, missed, returned), newest first. */
export function lastCalls(s: OfficeSnapshot, limit = 8): HistoryRow[] {
	const active = new Set(activeCalls(s, Infinity).map((c) => c.ticketId));
	const deskNumber = new Map(s.desks.map((d) => [d.id, d.number]));
	return s.recentCalls
		.filter((t) => !active.has(t.id))
		.slice(0, limit)
		.map((t) => ({ number: t.number, deskNumber: t.deskId === null ? null : (deskNumber.get(t.deskId) ?? null) }));
}

export interface ServiceRow {
	serviceId: number;
	nameRu: string;
	nameEn: string;
	prefix: string;
	waiting: number;
	estimatedWaitSec: number | null;
}

/** Services that someone waits for or that a desk serves today, with counts and estimates. */
export function serviceRows(s: OfficeSnapshot): ServiceRow[] {
	const stats = new Map(serviceStats(s).map((x) => [x.serviceId, x]));
	return s.services
		.map((svc) => {
			const st = stats.get(svc.id);
			return {
				serviceId: svc.id,
				nameRu: svc.nameRu,
				nameEn: svc.nameEn,
				prefix: svc.prefix,
				waiting: st?.waiting ?? 0,
				estimatedWaitSec: st?.estimatedWaitSec ?? null,
				openDesks: st?.openDesks ?? 0
			};
		})
		.filter((r) => r.waiting > 0 || r.openDesks > 0)
		.map(({ openDesks: _o, ...r }) => r);
}

export interface DeskIndicator {
	deskNumber: number;
	deskState: string;
	/** The ticket called to or served at this desk, if any. */
	ticket: { number: string; state: 'called' | 'serving'; key: string } | null;
}

/** What the small screen above desk `deskNumber` shows; null when the office has no such desk. */
export function deskIndicator(s: OfficeSnapshot, deskNumber: number): DeskIndicator | null {
	const desk = s.desks.find((d) => d.number === deskNumber);
	if (!desk) return null;
	const at = s.tickets
		.filter((t) => t.deskId === desk.id && (t.state === 'called' || t.state === 'serving'))
		.sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? ''))[0];
	return {
		deskNumber,
		deskState: desk.state,
		ticket: at ? { number: at.number, state: at.state as 'called' | 'serving', key: callKey(at) } : null
	};
}

export interface CallAnnouncement {
	/** `officeId:seq` — one event is announced at most once. */
	key: string;
	callKey: string;
	ticketNumber: string;
	deskNumber: number;
	utterances: Utterance[];
}

/**
 * The announcement a live event asks for: only `ticket.called` and `ticket.recalled` events
 * that arrived live. A snapshot (first load, reconnect, gap resync) never announces: calls made
 * while the board was offline appear in the history silently.
 */
export function announcementFor(
	state: OfficeSnapshot,
	cause: { kind: 'snapshot' } | { kind: 'event'; event: QueueEvent },
	mode: VoiceMode,
	onlyDesk?: number
): CallAnnouncement | null {
	if (cause.kind !== 'event') return null;
	const e = cause.event;
	if ((e.type !== 'ticket.called' && e.type !== 'ticket.recalled') || !e.ticket) return null;
	const deskId = e.ticket.deskId ?? e.desk?.id ?? null;
	const desk = state.desks.find((d) => d.id === deskId);
	if (!desk) return null;
	if (onlyDesk !== undefined && desk.number !== onlyDesk) return null;
	return {
		key: `${e.officeId}:${e.seq}`,
		callKey: callKey(e.ticket),
		ticketNumber: e.ticket.number,
		deskNumber: desk.number,
		utterances: callPhrases(mode, e.ticket.number, desk.number)
	};
}
