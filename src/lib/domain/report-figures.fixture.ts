import { TZDate } from '@date-fns/tz';
import type { TicketStep } from './report-figures';

/**
 * A hand-computed office day (docs/reports.md, "The worked day"): 12 tickets of two services,
 * service A (target 10 min) and B (target 20 min), on Monday 2 March 2026 in the office's zone.
 * The unit test runs it through the pure functions, the integration test through the engine's
 * event log and the reports' SQL; both expect `expectedDay`.
 */
export const DAY = '2026-03-02';
export const TARGET = { A: 600, B: 1200 } as const;

export interface FixtureTicket {
	n: number;
	service: 'A' | 'B';
	/** Local "HH:MM" on DAY ("+HH:MM": on the next day). */
	arrived: string;
	appointment?: string;
	source: 'kiosk' | 'booking' | 'desk' | 'phone';
	steps: { type: TicketStep['type']; at: string; to?: 'A' | 'B' }[];
	rating?: number;
}

export const dayTickets: FixtureTicket[] = [
	{
		n: 1,
		service: 'A',
		arrived: '09:00',
		source: 'kiosk',
		rating: 5,
		steps: [
			{ type: 'ticket.called', at: '09:05' },
			{ type: 'ticket.started', at: '09:06' },
			{ type: 'ticket.finished', at: '09:16' }
		]
	},
	{
		n: 2,
		service: 'A',
		arrived: '09:02',
		source: 'kiosk',
		steps: [
			{ type: 'ticket.called', at: '09:20' },
			{ type: 'ticket.started', at: '09:21' },
			{ type: 'ticket.finished', at: '09:30' }
		]
	},
	{
		n: 3,
		service: 'B',
		arrived: '09:10',
		source: 'desk',
		rating: 4,
		steps: [
			{ type: 'ticket.called', at: '09:15' },
			{ type: 'ticket.started', at: '09:15' },
			{ type: 'ticket.finished', at: '09:35' }
		]
	},
	// An appointment for 10:00, checked in early: its wait runs from the slot.
	{
		n: 4,
		service: 'A',
		arrived: '09:40',
		appointment: '10:00',
		source: 'booking',
		steps: [
			{ type: 'ticket.called', at: '10:02' },
			{ type: 'ticket.started', at: '10:02' },
			{ type: 'ticket.finished', at: '10:12' }
		]
	},
	{
		n: 5,
		service: 'A',
		arrived: '10:00',
		source: 'kiosk',
		steps: [
			{ type: 'ticket.called', at: '10:04' },
			{ type: 'ticket.no_show', at: '10:07' }
		]
	},
	// Transferred from A to B after four minutes of service: two legs.
	{
		n: 6,
		service: 'A',
		arrived: '10:30',
		source: 'kiosk',
		rating: 2,
		steps: [
			{ type: 'ticket.called', at: '10:40' },
			{ type: 'ticket.started', at: '10:41' },
			{ type: 'ticket.transferred', at: '10:45', to: 'B' },
			{ type: 'ticket.called', at: '11:00' },
			{ type: 'ticket.started', at: '11:01' },
			{ type: 'ticket.finished', at: '11:11' }
		]
	},
	{ n: 7, service: 'B', arrived: '11:00', source: 'phone', steps: [{ type: 'ticket.cancelled', at: '11:20' }] },
	{
		n: 8,
		service: 'B',
		arrived: '12:00',
		source: 'kiosk',
		steps: [
			{ type: 'ticket.called', at: '12:30' },
			{ type: 'ticket.started', at: '12:31' },
			{ type: 'ticket.finished', at: '12:50' }
		]
	},
	// Recalled: the wait ends at the first call.
	{
		n: 9,
		service: 'A',
		arrived: '13:00',
		source: 'kiosk',
		steps: [
			{ type: 'ticket.called', at: '13:01' },
			{ type: 'ticket.recalled', at: '13:03' },
			{ type: 'ticket.started', at: '13:04' },
			{ type: 'ticket.finished', at: '13:10' }
		]
	},
	// Returned to the queue and called again: still one leg, waiting until its first call.
	{
		n: 10,
		service: 'A',
		arrived: '14:00',
		source: 'kiosk',
		steps: [
			{ type: 'ticket.called', at: '14:10' },
			{ type: 'ticket.returned', at: '14:12' },
			{ type: 'ticket.called', at: '14:20' },
			{ type: 'ticket.started', at: '14:21' },
			{ type: 'ticket.finished', at: '14:30' }
		]
	},
	// Left waiting at closing: the nightly job closes it as expired.
	{ n: 12, service: 'A', arrived: '17:00', source: 'kiosk', steps: [] },
	// Arrived just before midnight, served after it: counted on the day it arrived.
	{
		n: 11,
		service: 'B',
		arrived: '23:50',
		source: 'kiosk',
		steps: [
			{ type: 'ticket.called', at: '+00:10' },
			{ type: 'ticket.started', at: '+00:11' },
			{ type: 'ticket.finished', at: '+00:20' }
		]
	}
];

/** The instant of a local "HH:MM" ("+HH:MM" the next day) on DAY in the zone. */
export function localAt(time: string, timeZone: string): Date {
	const next = time.startsWith('+');
	const [h, m] = time.replace('+', '').split(':').map(Number) as [number, number];
	const [y, mo, d] = DAY.split('-').map(Number) as [number, number, number];
	return new Date(new TZDate(y, mo - 1, d + (next ? 1 : 0), h, m, 0, 0, timeZone).getTime());
}

/**
 * Worked out by hand (docs/reports.md):
 * - called legs' waits (s): 300, 1080, 300, 120 (from the slot), 240, 600 and 900 (the transfer's
 *   two legs), 1800, 60, 600, 1200 — sorted 60 120 240 300 300 600 600 900 1080 1200 1800;
 *   mean 7200 / 11 = 654.5 → 655; median the 6th = 600; p90 at rank 0.9 × 10 = 9 → 1200;
 *   within target: all but 1080 > 600 (A) and 1800 > 1200 (B): 9 / 11 = 81.8 %;
 * - service times (s): 600, 540, 1200, 600, 240 (served 4 min before the transfer), 600, 1140,
 *   360, 540, 540 — mean 6360 / 10 = 636; p90 at rank 8.1: 1140 + 0.1 × 60 = 1146;
 * - tickets: 12 issued, 9 served, 1 no-show, 1 cancelled, 1 transferred, 1 expired (after the job);
 * - ratings 5, 4, 2: mean 3.67 of 3.
 */
export const expectedDay = {
	issued: 12,
	served: 9,
	noShow: 1,
	cancelled: 1,
	transferred: 1,
	expired: 1,
	waitMeanSec: 655,
	waitMedianSec: 600,
	waitP90Sec: 1200,
	withinTargetPct: 81.8,
	serviceMeanSec: 636,
	serviceP90Sec: 1146
};
