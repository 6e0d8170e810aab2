-- The live dashboard's alerts (issue 12): an alert is shown once until someone acknowledges it;
-- the acknowledgement is kept per office here, so a reload or a second supervisor's screen does
-- not show it again. Alert keys are made by src/lib/admin/live.ts (`wait:<ticket>`,
-- `pause:<desk>:<since>`, `printer:<device>:<state>:<since>`, `offline:<device>:<since>`): a new
-- occurrence of the same kind of trouble has a new key and is shown again.
create table live_alert_acks (
	office_id integer not null references offices on delete cascade,
	alert_key text not null check (length(alert_key) between 1 and 200),
	staff_id integer references staff_users on delete set null,
	acked_at timestamptz not null default now(),
	primary key (office_id, alert_key)
);
create index live_alert_acks_at on live_alert_acks (acked_at);
