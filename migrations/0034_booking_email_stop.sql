-- notices (issue 13): the stop link of booking e-mails. A citizen who follows it gets no more
-- e-mails about that booking at that address: reminders, moved, cancelled (src/lib/server/notices/
-- booking.ts). SMS to the booking's phone are not affected, nor the booking itself. Erased with
-- the e-mail by the retention job's rules (it says nothing once the address is gone).
alter table bookings add column emails_stopped_at timestamptz;

-- A notice not yet sent when its recipient stopped them is `cancelled`: kept (what was stopped
-- stays visible) but never sent. Settled like `sent` and `failed` for the retention job.
alter table notifications drop constraint notifications_state_check;
alter table notifications add constraint notifications_state_check
	check (state in ('pending', 'sending', 'sent', 'failed', 'cancelled'));
