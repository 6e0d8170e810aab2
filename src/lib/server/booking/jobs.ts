import { Cron } from 'croner';
import type { Sql } from '$lib/server/db/connect';
import { log } from '$lib/server/log';
import { defaultBookingSettings } from '$lib/domain/booking-rules';

/**
 * Jobs that run on their own inside the server process (croner: one process, no extra store).
 * Both are single idempotent statements, so two servers running them at once do no harm.
 */

/** Bookings never checked in become `missed` once their check-in window has closed. */
export async function markMissedBookings(sql: Sql, now: Date): Promise<number> {
	const rows = await sql`
		update bookings b set state = 'missed', missed_at = ${now}
		where b.state = 'booked'
		  and b.starts_at + make_interval(mins => coalesce(
		        (select s.checkin_after_min from booking_settings s where s.office_id = b.office_id), ${defaultBookingSettings.afterMin})) < ${now}
		returning b.id`;
	return rows.length;
}

/**
 * Erases name, phone, e-mail and the manage-link hash of bookings whose visit is older than the
 * office's retention period. The booking row stays, anonymous (office, service, time, state), for
 * reports. A booking still `booked` is never erased: the missed job settles it first.
 */
export async function erasePersonalData(sql: Sql, now: Date): Promise<number> {
	const rows = await sql`
		update bookings b set citizen_name = null, phone = null, email = null, token_hash = null, erased_at = ${now}
		where b.erased_at is null and b.state <> 'booked'
		  and b.starts_at + make_interval(days => coalesce(
		        (select s.retention_days from booking_settings s where s.office_id = b.office_id), ${defaultBookingSettings.retentionDays})) < ${now}
		returning b.id`;
	return rows.length;
}

export interface BookingJobs {
	stop(): void;
}

/** Missed bookings every minute; personal data erasure every hour (and once at start). */
export function startBookingJobs(sql: Sql, clock: () => Date = () => new Date()): BookingJobs {
	const run = (name: string, job: (sql: Sql, now: Date) => Promise<number>) => async () => {
		try {
			const n = await job(sql, clock());
			if (n > 0) log.info({ job: name, rows: n }, 'booking job');
		} catch (e) {
			log.error({ err: e, job: name }, 'booking job failed');
		}
	};
	const missed = new Cron('15 * * * * *', { protect: true }, run('missed', markMissedBookings));
	const erase = new Cron('0 7 * * * *', { protect: true }, run('retention', erasePersonalData));
	void run('retention', erasePersonalData)();
	return {
		stop() {
			missed.stop();
			erase.stop();
		}
	};
}
