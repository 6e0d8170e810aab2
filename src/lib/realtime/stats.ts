import { rankCandidates } from '$lib/domain/call-policy';
import { estimateWaitSeconds } from '$lib/domain/estimate';
import type { OfficeSnapshot } from './types';

export interface ServiceStat {
	serviceId: number;
	waiting: number;
	/** Seconds for someone taking a ticket now; null when no desk serves the service. */
	estimatedWaitSec: number | null;
	openDesks: number;
}

/** Waiting counts and estimates per service, derived from a snapshot (server and clients alike). */
export function serviceStats(s: OfficeSnapshot): ServiceStat[] {
	return s.services.map((service) => {
		const waiting = s.tickets.filter((t) => t.serviceId === service.id && t.state === 'waiting').length;
		const serving = s.desks.filter((d) => d.services.some((x) => x.serviceId === service.id));
		const openDesks = serving.filter((d) => d.state !== 'closed').length;
		return {
			serviceId: service.id,
			waiting,
			openDesks,
			estimatedWaitSec: estimateWaitSeconds({
				ahead: waiting,
				averageServiceSeconds: service.averageServiceSec,
				openDesks,
				configuredDesks: serving.length
			})
		};
	});
}

/**
 * Position of one waiting ticket among its service's queue (policy order, neutral weights): the
 * server's `queuePosition` on a snapshot. A remote ticket still awaiting its visitor's check-in
 * is ahead of nobody unless the office calls such tickets before arrival (`callUnarrived`).
 */
export function aheadOf(s: OfficeSnapshot, ticketId: number, now: Date, callUnarrived = false): number {
	const ticket = s.tickets.find((t) => t.id === ticketId);
	if (!ticket || ticket.state !== 'waiting') return 0;
	const same = s.tickets
		.filter((t) => t.serviceId === ticket.serviceId && t.state === 'waiting')
		.filter((t) => t.id === ticketId || callUnarrived || !t.awaitingCheckIn)
		.map((t) => ({
			id: t.id,
			serviceId: t.serviceId,
			category: t.category,
			arrivedAt: new Date(t.arrivedAt),
			appointmentAt: t.appointmentAt ? new Date(t.appointmentAt) : null
		}));
	return rankCandidates(same, new Map(), now).findIndex((r) => r.candidate.id === ticketId);
}
