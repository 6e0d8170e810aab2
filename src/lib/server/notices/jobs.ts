import type { Sql, Tx } from '$lib/server/db/connect';
import type { Job } from '$lib/server/jobs/scheduler';
import { defaultBookingSettings } from '$lib/domain/booking-rules';
import { noticeBooking } from './booking';

/** Defaults of notice_settings (an office without a row): 18:00 the day before, and 2 hours before. */
export const defaultReminders = { eveAtMin: 18 * 60, beforeMin: 120 } as const;

/** How many reminders one run writes at most (the rest on the next minute). */
const REMINDER_BATCH = 500;

/**
 * Booking reminders that fall due, written to the outbox: the evening before (at
 * `reminder_eve_at_min` office time) and `reminder_before_min` before the visit, per office
 * (notice_settings; null turns one off). A reminder is written once per booking and start time
 * (its dedupe key holds both, so a moved booking is reminded again of its new time); it is not
 * written when the booking was made after it fell due, nor the evening one once the 2-hour one
 * is due.
 */
export async function writeDueReminders(tx: Tx, now: Date): Promise<number> {
	const due = await tx<{ id: number; startsAt: Date; which: 'eve' | 'before'; dueAt: Date }[]>`
		with r as (
			select b.id, b.starts_at, b.created_at,
				case when ns.office_id is null then ${defaultReminders.eveAtMin} else ns.reminder_eve_at_min end as eve_min,
				case when ns.office_id is null then ${defaultReminders.beforeMin} else ns.reminder_before_min end as before_min,
				o.time_zone, b.local_day
			from bookings b join offices o on o.id = b.office_id left join notice_settings ns on ns.office_id = b.office_id
			where b.state = 'booked' and b.starts_at > ${now} and b.starts_at < ${now}::timestamptz + interval '2 days'
		), times as (
			select id, starts_at, created_at,
				case when eve_min is null then null
					else ((local_day - 1)::timestamp + make_interval(mins => eve_min)) at time zone time_zone end as eve_at,
				case when before_min is null then null else starts_at - make_interval(mins => before_min) end as before_at
			from r
		)
		select id, starts_at, 'before' as which, before_at as due_at from times
		where before_at <= ${now} and created_at < before_at
		union all
		select id, starts_at, 'eve', eve_at from times
		where eve_at <= ${now} and created_at < eve_at and (before_at is null or before_at > ${now})
		order by due_at limit ${REMINDER_BATCH}`;
	let written = 0;
	for (const d of due) {
		written += await noticeBooking(tx, d.id, 'booking_reminder', now, {
			dedupeKey: `reminder:${d.which}:${d.id}:${d.startsAt.getTime()}`
		});
	}
	return written;
}

/**
 * Erases the phones, e-mails and push subscriptions of notices and ticket alerts once they are
 * no longer needed plus the office's retention period (booking_settings.retention_days, default
 * 30): a settled notice (sent, failed or cancelled) after its retention, anything of a booking
 * whose data was erased at once, a ticket's alerts and a remote ticket's phone once the ticket is
 * over and its day is past retention.
 * Runs inside the booking retention job (booking/jobs.ts), in its transaction.
 */
export async function eraseNoticeData(tx: Tx | Sql, now: Date): Promise<number> {
	const fallback = defaultBookingSettings.retentionDays;
	const notices = await tx`
		update notifications n set recipient = null, body = null
		where n.recipient is not null and (
			(n.state in ('sent', 'failed', 'cancelled') and n.created_at + make_interval(days => coalesce(
				(select s.retention_days from booking_settings s where s.office_id = n.office_id), ${fallback})) < ${now})
			or exists (select 1 from bookings b where b.id = n.booking_id and b.erased_at is not null))
		returning n.id`;
	const alerts = await tx`
		update ticket_alerts a set recipient = null, erased_at = ${now}
		from tickets t
		where t.id = a.ticket_id and a.recipient is not null and t.state not in ('waiting', 'called', 'serving')
		  and t.service_day + make_interval(days => coalesce(
				(select s.retention_days from booking_settings s where s.office_id = t.office_id), ${fallback})) < ${now}
		returning a.ticket_id`;
	// remote joining (issue 13): the confirmed phone kept with a remote ticket, by the alerts' rule.
	// Not queue state (the engine never reads it back), so the job writes it like the alerts.
	const phones = await tx`
		update tickets t set remote_phone = null
		where t.remote_phone is not null and t.state not in ('waiting', 'called', 'serving')
		  and t.service_day + make_interval(days => coalesce(
				(select s.retention_days from booking_settings s where s.office_id = t.office_id), ${fallback})) < ${now}
		returning t.id`;
	// remote joining (issue 13, remote13): a code past its 5 minutes holds a phone for nothing.
	const codes = await tx`delete from remote_codes where expires_at < ${now} returning office_id`;
	return notices.length + alerts.length + phones.length + codes.length;
}

/** The reminders every minute (at :30, away from the booking jobs at :15). */
export const noticeJobs: Job[] = [{ name: 'notices.reminders', cron: '30 * * * * *', run: writeDueReminders }];
