-- Notices to visitors' phones and mailboxes (issue 13): an outbox written in the same transaction
-- as what causes each notice, and delivered by a sender in the server process
-- (src/lib/server/notices). State names mirror src/lib/server/notices/outbox.ts.
--
-- One row is one notice on one channel: "at most once per (notice, channel)" is "at most once per
-- row". A row moves pending -> sending (claimed, committed before the provider is called) -> sent,
-- or back to pending with a later due_at after a failed attempt, or to failed with the reason.
create table notifications (
	id bigint generated always as identity primary key,
	office_id integer references offices on delete cascade,
	kind text not null check (kind in ('booking_confirmed', 'booking_reminder', 'booking_moved', 'booking_cancelled',
		'ticket_ahead', 'ticket_called', 'otp')),
	channel text not null check (channel in ('email', 'sms', 'push')),
	-- Personal data: an E.164 phone, an e-mail or a push subscription (JSON). Erased (null) by the
	-- retention job once the notice is settled and the office's retention period has passed.
	recipient text,
	locale text not null default 'ru' check (locale in ('ru', 'en')),
	-- The rendered message: { text, subject?, attachments? }. Rendered in the cause's transaction,
	-- so what is sent is what was true when it happened. Nulled after sending when it holds a secret
	-- (the booking's manage link).
	body jsonb,
	secret boolean not null default false,
	booking_id integer references bookings on delete set null,
	ticket_id integer references tickets on delete set null,
	-- Makes a notice that a job may try to write twice (a reminder) idempotent.
	dedupe_key text unique,
	state text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'failed')),
	attempts integer not null default 0,
	due_at timestamptz not null,
	claimed_at timestamptz,
	claimed_by text,
	sent_at timestamptz,
	failed_at timestamptz,
	last_error text,
	-- What the provider answered: its message id (SMPP message_id, SMTP Message-ID) and, for SMPP,
	-- the delivery report's state (DELIVRD, UNDELIV, ...).
	provider_id text,
	delivery text,
	delivered_at timestamptz,
	created_at timestamptz not null
);
create index notifications_due on notifications (due_at) where state = 'pending';
create index notifications_sending on notifications (claimed_at) where state = 'sending';
create index notifications_failed on notifications (office_id, failed_at) where state = 'failed';
create index notifications_provider on notifications (provider_id) where provider_id is not null;
create index notifications_retained on notifications (created_at) where recipient is not null;

-- A visitor's "tell me when I am near" on one channel for one ticket (at most one per channel).
create table ticket_alerts (
	ticket_id integer not null references tickets on delete cascade,
	channel text not null check (channel in ('email', 'sms', 'push')),
	-- Personal data, as notifications.recipient.
	recipient text,
	locale text not null default 'ru' check (locale in ('ru', 'en')),
	-- "перед вами N": notify when this many or fewer are ahead.
	ahead smallint not null default 3 check (ahead between 1 and 10),
	ahead_sent boolean not null default false,
	created_at timestamptz not null,
	erased_at timestamptz,
	primary key (ticket_id, channel)
);
create index ticket_alerts_open on ticket_alerts (ticket_id) where not ahead_sent;

-- Per office: when booking reminders fall due. Minutes; null turns a reminder off. Without a row:
-- the defaults (18:00 office time the day before, and 2 hours before).
create table notice_settings (
	office_id integer primary key references offices on delete cascade,
	reminder_eve_at_min integer default 1080 check (reminder_eve_at_min between 0 and 1439),
	reminder_before_min integer default 120 check (reminder_before_min between 5 and 1440),
	-- SMS end without links unless the office allows them.
	sms_links boolean not null default false
);

-- The visitor's language for the notices of a booking.
alter table bookings add column locale text not null default 'ru' check (locale in ('ru', 'en'));

-- Small key-value store of the notices module (the VAPID key pair of Web Push).
create table notice_keys (
	name text primary key,
	value jsonb not null,
	created_at timestamptz not null default now()
);
