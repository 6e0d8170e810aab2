import { finalTicketStates } from '$lib/domain/states';
import { RECENT_CALLS, type OfficeSnapshot, type QueueEvent, type TicketView } from './types';

/**
 * Applies one event to a snapshot (pure; returns a new snapshot). The caller has checked that
 * `event.seq === snapshot.seq + 1`; see `feed.ts` for the gap handling.
 */
export function applyEvent(s: OfficeSnapshot, e: QueueEvent): OfficeSnapshot {
	let tickets = s.tickets;
	let recentCalls = s.recentCalls;
	let desks = s.desks;
	let services = s.services;
	if (e.ticket) {
		const t = e.ticket;
		const others = tickets.filter((x) => x.id !== t.id);
		tickets = finalTicketStates.includes(t.state) ? others : sortTickets([...others, t]);
		if (e.type === 'ticket.called' || e.type === 'ticket.recalled') {
			// Ordered as the snapshot orders them (called_at, then id, newest first): two desks' calls
			// can commit in the other order than their clocks, and a board must end up equal to a fresh snapshot.
			const rest = recentCalls.filter((x) => x.id !== t.id);
			const at = rest.findIndex((x) => newerCall(t, x));
			recentCalls = (at < 0 ? [...rest, t] : [...rest.slice(0, at), t, ...rest.slice(at)]).slice(0, RECENT_CALLS);
		} else if (recentCalls.some((x) => x.id === t.id)) {
			recentCalls = recentCalls.map((x) => (x.id === t.id ? t : x));
		}
	}
	if (e.desk) {
		const d = e.desk;
		desks = desks.some((x) => x.id === d.id) ? desks.map((x) => (x.id === d.id ? d : x)) : [...desks, d];
	}
	const avg = e.data['averageServiceSec'];
	if (e.type === 'ticket.finished' && e.ticket && typeof avg === 'number') {
		services = services.map((x) => (x.id === e.ticket!.serviceId ? { ...x, averageServiceSec: avg } : x));
	}
	// An administrator changed the catalogue: the event carries it whole (issue 11).
	const catalogue =
		e.type === 'config.changed'
			? (e.data['catalogue'] as Pick<OfficeSnapshot, 'categories' | 'services' | 'desks'> | null | undefined)
			: null;
	if (catalogue)
		return {
			...s,
			seq: e.seq,
			tickets,
			recentCalls,
			categories: catalogue.categories,
			services: catalogue.services,
			desks: catalogue.desks
		};
	// The kiosk's search ranks by the day's tickets per service.
	if (e.type === 'ticket.issued' && e.ticket) {
		services = services.map((x) => (x.id === e.ticket!.serviceId ? { ...x, takenToday: x.takenToday + 1 } : x));
	}
	return { ...s, seq: e.seq, tickets, recentCalls, desks, services };
}

/** Whether `a` goes before `b` in recent calls (the snapshot's `order by called_at desc, id desc`). */
function newerCall(a: TicketView, b: TicketView): boolean {
	if (!a.calledAt || !b.calledAt) return true;
	return a.calledAt > b.calledAt || (a.calledAt === b.calledAt && a.id > b.id);
}

function sortTickets(list: TicketView[]): TicketView[] {
	return list.sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt) || a.id - b.id);
}
