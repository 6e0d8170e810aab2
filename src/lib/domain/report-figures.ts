import { TZDate } from '@date-fns/tz';

/**
 * The figures of the reports, as pure functions (definitions: docs/reports.md). The SQL of
 * src/lib/server/reports computes the same numbers in the database; the tests hold both to the
 * same hand-computed day.
 *
 * A leg (участок) is one stay of a ticket in one service's queue: the service it was issued to,
 * then one more for each transfer.
 */
export const LegOutcome = {
	done: 'done',
	noShow: 'no_show',
	cancelled: 'cancelled',
	transferred: 'transferred',
	expired: 'expired'
} as const;
export type LegOutcome = (typeof LegOutcome)[keyof typeof LegOutcome];

export interface Leg {
	ticketId: number;
	/** 1 for the service the ticket was issued to. */
	leg: number;
	/** Seconds from the start of the wait to the leg's first call; null when never called. */
	waitSec: number | null;
	/** Seconds from the leg's (last) start of service to its end; null when not served. */
	serviceSec: number | null;
	targetWaitSec: number;
	/** null while the leg is open. */
	outcome: LegOutcome | null;
}

/** The summary figures; every report row carries them (names as in the API). */
export interface Figures {
	issued: number;
	served: number;
	noShow: number;
	cancelled: number;
	transferred: number;
	expired: number;
	waitMeanSec: number | null;
	waitMedianSec: number | null;
	waitP90Sec: number | null;
	/** Percent of called legs whose wait was within the service's target, one decimal. */
	withinTargetPct: number | null;
	serviceMeanSec: number | null;
	serviceP90Sec: number | null;
}

/**
 * The `p`-quantile (0..1) with linear interpolation between the closest ranks: PostgreSQL's
 * `percentile_cont`, Excel's PERCENTILE.INC, numpy's default. null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const pos = (sorted.length - 1) * p;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function mean(values: readonly number[]): number | null {
	return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Whole seconds, as the API gives them (half away from zero, like SQL's `round`). */
export const roundSec = (x: number | null): number | null => (x === null ? null : Math.round(x));

/** Share of called legs waiting no longer than their target, in percent with one decimal. */
export function withinTargetPct(legs: readonly Pick<Leg, 'waitSec' | 'targetWaitSec'>[]): number | null {
	const called = legs.filter((l) => l.waitSec !== null);
	if (called.length === 0) return null;
	const within = called.filter((l) => l.waitSec! <= l.targetWaitSec).length;
	return Math.round((1000 * within) / called.length) / 10;
}

/**
 * The figures of a set of legs. Outcomes are counted once per ticket (a ticket ends once:
 * served, no-show, cancelled or expired); `issued` counts tickets issued to the set's services
 * (leg 1), so a transfer is not a new visitor, and `transferred` the tickets transferred at
 * least once, where they were first transferred from (a first transfer always ends leg 1).
 * Waits and service times are per leg.
 */
export function figures(legs: readonly Leg[]): Figures {
	const tickets = (o: LegOutcome) => legs.filter((l) => l.outcome === o).length;
	const waits = legs.flatMap((l) => (l.waitSec === null ? [] : [l.waitSec]));
	const services = legs.flatMap((l) => (l.serviceSec === null ? [] : [l.serviceSec]));
	return {
		issued: legs.filter((l) => l.leg === 1).length,
		served: tickets('done'),
		noShow: tickets('no_show'),
		cancelled: tickets('cancelled'),
		transferred: legs.filter((l) => l.leg === 1 && l.outcome === 'transferred').length,
		expired: tickets('expired'),
		waitMeanSec: roundSec(mean(waits)),
		waitMedianSec: roundSec(percentile(waits, 0.5)),
		waitP90Sec: roundSec(percentile(waits, 0.9)),
		withinTargetPct: withinTargetPct(legs),
		serviceMeanSec: roundSec(mean(services)),
		serviceP90Sec: roundSec(percentile(services, 0.9))
	};
}

/** One event of a ticket's history, as far as the reports read it (the `events` log). */
export interface TicketStep {
	type:
		| 'ticket.issued'
		| 'ticket.called'
		| 'ticket.recalled'
		| 'ticket.started'
		| 'ticket.finished'
		| 'ticket.no_show'
		| 'ticket.cancelled'
		| 'ticket.expired'
		| 'ticket.transferred'
		| 'ticket.returned';
	at: Date;
	/** On a transfer: the target's service and its target wait (seconds). */
	toServiceTargetSec?: number;
}

/**
 * A ticket's legs from its history: what the trigger of migrations/0020_report_legs.sql keeps
 * in `ticket_legs`. Leg 1 waits from arrival, or from the appointment's slot when that is later;
 * a transferred leg from the transfer. The first call of a leg stays (a recall or a return does
 * not move it); the service time runs from the leg's last start to its end.
 */
export function legsOf(
	ticketId: number,
	ticket: { arrivedAt: Date; appointmentAt?: Date | null; targetWaitSec: number },
	steps: readonly TicketStep[]
): Leg[] {
	const legs: Leg[] = [];
	let from = Math.max(ticket.arrivedAt.getTime(), ticket.appointmentAt?.getTime() ?? 0);
	let called: number | null = null;
	let started: number | null = null;
	let target = ticket.targetWaitSec;
	const close = (at: Date, outcome: LegOutcome) => {
		const serviceSec = started !== null && (outcome === 'done' || outcome === 'transferred') ? seconds(at.getTime() - started) : null;
		legs.push({
			ticketId,
			leg: legs.length + 1,
			waitSec: called === null ? null : seconds(called - from),
			serviceSec,
			targetWaitSec: target,
			outcome
		});
	};
	let open = false;
	for (const s of steps) {
		const at = s.at.getTime();
		if (s.type === 'ticket.issued') open = true;
		else if (!open) continue;
		else if (s.type === 'ticket.called' || s.type === 'ticket.recalled') called ??= at;
		else if (s.type === 'ticket.started') {
			called ??= at;
			started = at;
		} else if (s.type === 'ticket.transferred') {
			close(s.at, 'transferred');
			from = at;
			called = null;
			started = null;
			target = s.toServiceTargetSec ?? target;
		} else if (s.type !== 'ticket.returned') {
			const outcome = {
				'ticket.finished': 'done',
				'ticket.no_show': 'no_show',
				'ticket.cancelled': 'cancelled',
				'ticket.expired': 'expired'
			}[s.type] as LegOutcome;
			close(s.at, outcome);
			open = false;
		}
	}
	if (open)
		legs.push({
			ticketId,
			leg: legs.length + 1,
			waitSec: called === null ? null : seconds(called - from),
			serviceSec: null,
			targetWaitSec: target,
			outcome: null
		});
	return legs;
}

const seconds = (ms: number) => Math.max(0, Math.round(ms / 1000));

/** The office's local day, ISO weekday (1 = Monday) and hour of an instant: the reports' buckets. */
export function localBucket(at: Date, timeZone: string): { day: string; isoWeekday: number; hour: number } {
	const d = new TZDate(at.getTime(), timeZone);
	const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
	return { day, isoWeekday: ((d.getDay() + 6) % 7) + 1, hour: d.getHours() };
}
