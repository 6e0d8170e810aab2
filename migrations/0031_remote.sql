-- Remote joining (issue 13, item 4): a visitor takes a ticket from their phone at /q/<office>.
--
-- A one-time SMS code per phone and office: only its hash is kept, for 5 minutes and 3 tries.
-- A new request replaces the previous code of the same phone (one row per office+phone).
create table remote_codes (
	office_id integer not null references offices on delete cascade,
	phone text not null,
	code_hash text not null,
	expires_at timestamptz not null,
	tries_left smallint not null check (tries_left >= 0),
	created_at timestamptz not null,
	primary key (office_id, phone)
);
create index remote_codes_expires on remote_codes (expires_at);

-- A remote ticket keeps its place but is not called until the visitor checks in at the kiosk
-- with `checkin_code` (6 characters of the booking-code alphabet), unless the office allows
-- calling remote tickets before arrival. `checked_in_at` is null until then.
alter table tickets add column checkin_code text;
alter table tickets add column checked_in_at timestamptz;
create unique index tickets_remote_checkin on tickets (office_id, checkin_code)
	where checkin_code is not null and state in ('waiting', 'called', 'serving');
alter table offices add column remote_call_unarrived boolean not null default false;
