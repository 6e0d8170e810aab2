-- Administration (issue 11): what every admin screen shares.
--
-- Offices get a phone, a map link and an archive mark: an archived office leaves the landing,
-- booking and kiosks, and keeps its history (tickets, bookings, events, reports).
alter table offices
	add column phone text not null default '' check (length(phone) <= 40),
	add column map_url text not null default '' check (length(map_url) <= 500),
	add column archived_at timestamptz;

-- Every administrative change: who, when, which office, what, before and after. Append-only:
-- the trigger refuses any update or delete, so nobody edits history, not even through SQL run by
-- the app. Passwords, tokens and their hashes are never written here (src/lib/server/admin/audit.ts
-- strips them). No foreign keys: a row outlives the user or office it names, and a cascade would
-- have to update it.
create table audit_log (
	id bigint generated always as identity primary key,
	at timestamptz not null default now(),
	staff_id integer,
	staff_login text,
	office_id integer,
	entity text not null check (entity ~ '^[a-z][a-z_]{1,40}$'),
	entity_id text,
	action text not null check (action ~ '^[a-z][a-z_]{1,40}$'),
	before jsonb,
	after jsonb
);
create index audit_log_at on audit_log (at desc, id desc);
create index audit_log_office_at on audit_log (office_id, at desc, id desc);
create index audit_log_staff_at on audit_log (staff_id, at desc, id desc);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
	raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_append_only before update or delete on audit_log
	for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
	for each statement execute function audit_log_append_only();
