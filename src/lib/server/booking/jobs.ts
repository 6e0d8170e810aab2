import type { Sql, Tx } from '$lib/server/db/connect';
import type { Job } from '$lib/server/jobs/scheduler';
import { defaultBookingSettings } from '$lib/domain/booking-rules';
import { eraseNoticeData } from '$lib/server/notices/jobs';

/**
 * The booking module's scheduled jobs (run by src/lib/server/jobs/scheduler.ts, once across
 * nodes). Each is one idempotent statement.
 */

/** Bookings never checked in become `missed` once their check-in window has closed. */
export async function markMissedBookings(sql: Sql | Tx, now: Date): Promise<number> {
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
 * reports. A booking still `booked` is never erased: the missed job settles it first. The
 * notices' and ticket alerts' copies of phones and e-mails go in the same run.
 */
export async function erasePersonalData(sql: Sql | Tx, now: Date): Promise<number> {
	const rows = await sql`
		update bookings b set citizen_name = null, phone = null, email = null, token_hash = null, erased_at = ${now}
		where b.erased_at is null and b.state <> 'booked'
		  and b.starts_at + make_interval(days => coalesce(
		        (select s.retention_days from booking_settings s where s.office_id = b.office_id), ${defaultBookingSettings.retentionDays})) < ${now}
		returning b.id`;
	// The phones and e-mails the notices and ticket alerts hold (notices/jobs.ts), in the same run.
	return rows.length + (await eraseNoticeData(sql, now));
}

/** Missed bookings every minute; personal data erasure every hour (and once at start). */
export const bookingJobs: Job[] = [
	{ name: 'booking.missed', cron: '15 * * * * *', run: markMissedBookings },
	{ name: 'booking.retention', cron: '0 7 * * * *', atStart: true, run: erasePersonalData }
];
