import type { Job } from '$lib/server/jobs/scheduler';
import { expireTickets, type PublishedEvent } from '$lib/server/queue';

/**
 * The reports' scheduled job: tickets left waiting or called when their office's day ended
 * become `expired` (src/lib/server/queue/expire-tickets.ts), and their `ticket.expired` events
 * are broadcast once the run has committed, so open boards drop them at once. Every 10 minutes,
 * so each office is settled within 10 minutes of its own local midnight, whatever its time zone
 * (Kaliningrad's midnight is 22:00 UTC, Kamchatka's 12:00 UTC); a run with nothing to do is one
 * index scan of the live tickets (`tickets_active`).
 */
export function reportJobs(publish: (events: PublishedEvent[]) => void): Job[] {
	return [
		{
			name: 'tickets.expire',
			cron: '0 */10 * * * *',
			atStart: true,
			run: async (tx, now) => {
				const events = await expireTickets(tx, now);
				return { rows: events.length, committed: () => events.length && publish(events) };
			}
		}
	];
}
