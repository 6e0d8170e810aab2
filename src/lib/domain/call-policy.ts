import type { TicketCategory } from './states';

/**
 * The call-next policy: which waiting ticket a desk gets. DESIGN.md, in this order:
 *  1. checked-in appointments whose slot has started, earliest slot first;
 *  2. priority visitors (disabled, veteran, pregnant, with an infant), longest waiting first;
 *  3. everyone else by waiting time weighted by this desk's priority for the ticket's service.
 * A transferred ticket keeps its original arrival time, so it is not sent to the back.
 * A ticket transferred to a particular desk is a candidate at that desk only (the engine
 * filters those out of other desks' candidates before calling this).
 * A remote ticket (taken from a phone at /q/<office>) keeps its place but is not called until the
 * visitor checks in at the kiosk, unless the office allows calling it before arrival: the engine
 * marks such a ticket `awaitingArrival` and the policy passes over it.
 */
export interface CallCandidate {
	id: number;
	serviceId: number;
	category: TicketCategory;
	/** When the visitor first joined the queue (kept across transfers and returns). */
	arrivedAt: Date;
	/** Booked slot start, for appointments. */
	appointmentAt: Date | null;
	/** Transferred straight to this desk: served before the weighted group. */
	targetedAtDesk?: boolean;
	/** A remote ticket whose visitor has not checked in yet (and the office waits for arrival). */
	awaitingArrival?: boolean;
}

/**
 * Weight of a service at a desk, 1..10 (10 = this desk's main job). Waiting time is multiplied
 * by it, so at a desk with passport=10 and consultation=2, a passport visitor who waited 5 minutes
 * goes before a consultation visitor who waited 20 (5*10 > 20*2), but not one who waited an hour.
 */
export type DeskWeights = ReadonlyMap<number, number>;

export const DEFAULT_WEIGHT = 5;

export type CallReason = 'appointment' | 'targeted' | 'priority' | 'weighted';

export interface RankedCandidate {
	candidate: CallCandidate;
	reason: CallReason;
	/** Weighted waiting seconds for the third group; 0 for the others. */
	score: number;
}

function groupOf(c: CallCandidate, now: Date): 0 | 1 | 2 | 3 {
	if (c.category === 'appointment' && c.appointmentAt && c.appointmentAt.getTime() <= now.getTime()) return 0;
	if (c.targetedAtDesk) return 1;
	if (c.category === 'priority') return 2;
	return 3;
}

const reasons: Record<0 | 1 | 2 | 3, CallReason> = { 0: 'appointment', 1: 'targeted', 2: 'priority', 3: 'weighted' };

/** All candidates in the order the desk should get them; the engine takes the first it can lock. */
export function rankCandidates(candidates: readonly CallCandidate[], weights: DeskWeights, now: Date): RankedCandidate[] {
	const ranked = candidates
		.filter((candidate) => !candidate.awaitingArrival)
		.map((candidate) => {
			const group = groupOf(candidate, now);
			const waited = Math.max(0, (now.getTime() - candidate.arrivedAt.getTime()) / 1000);
			const weight = weights.get(candidate.serviceId) ?? DEFAULT_WEIGHT;
			return { candidate, group, reason: reasons[group], score: group === 3 ? waited * weight : 0 };
		});
	ranked.sort((a, b) => {
		if (a.group !== b.group) return a.group - b.group;
		if (a.group === 0) {
			const d = a.candidate.appointmentAt!.getTime() - b.candidate.appointmentAt!.getTime();
			if (d !== 0) return d;
		}
		if (a.group === 3 && a.score !== b.score) return b.score - a.score;
		const arrival = a.candidate.arrivedAt.getTime() - b.candidate.arrivedAt.getTime();
		return arrival !== 0 ? arrival : a.candidate.id - b.candidate.id;
	});
	return ranked.map(({ candidate, reason, score }) => ({ candidate, reason, score }));
}

export function pickNext(candidates: readonly CallCandidate[], weights: DeskWeights, now: Date): RankedCandidate | null {
	return rankCandidates(candidates, weights, now)[0] ?? null;
}
