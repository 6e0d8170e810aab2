-- Talon core schema: offices, services, desks, staff, devices, tickets and the event log.
-- Runs on PostgreSQL 15 (the server) and PGlite 0.5 (PostgreSQL 18): nothing newer than 15.
-- State names mirror src/lib/domain/states.ts; keep both in step.

create table offices (
	id integer generated always as identity primary key,
	slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
	name_ru text not null check (length(name_ru) between 1 and 200),
	name_en text not null check (length(name_en) between 1 and 200),
	address_ru text not null default '',
	address_en text not null default '',
	time_zone text not null,
	-- Last event sequence number of this office. Commands bump it as their last step, which
	-- also serialises the commits of one office so events are numbered in commit order.
	last_seq integer not null default 0,
	created_at timestamptz not null default now()
);

create table service_categories (
	id integer generated always as identity primary key,
	office_id integer not null references offices on delete cascade,
	parent_id integer references service_categories on delete cascade,
	name_ru text not null,
	name_en text not null,
	sort integer not null default 0
);

create table services (
	id integer generated always as identity primary key,
	office_id integer not null references offices on delete cascade,
	category_id integer references service_categories on delete set null,
	name_ru text not null check (length(name_ru) between 1 and 200),
	name_en text not null check (length(name_en) between 1 and 200),
	prefix text not null check (prefix ~ '^[А-ЯЁA-Z]$'),
	duration_min integer not null check (duration_min between 1 and 480),
	target_wait_min integer not null default 15 check (target_wait_min between 1 and 480),
	documents_ru text[] not null default '{}',
	documents_en text[] not null default '{}',
	bookable boolean not null default true,
	active boolean not null default true,
	sort integer not null default 0
);
create index services_office on services (office_id);

create table desks (
	id integer generated always as identity primary key,
	office_id integer not null references offices on delete cascade,
	number integer not null check (number between 1 and 999),
	name text not null default '',
	state text not null default 'closed' check (state in ('closed', 'open', 'paused')),
	staff_id integer,
	unique (office_id, number)
);

-- Which services a desk serves and how much it prefers each (1..10, see domain/call-policy.ts).
create table desk_services (
	desk_id integer not null references desks on delete cascade,
	service_id integer not null references services on delete cascade,
	priority smallint not null default 5 check (priority between 1 and 10),
	primary key (desk_id, service_id)
);

create table staff_users (
	id integer generated always as identity primary key,
	login text not null unique check (login ~ '^[a-z0-9._-]{2,40}$'),
	display_name text not null default '',
	password_hash text not null,
	roles text[] not null check (roles <@ array['admin', 'supervisor', 'operator'] and cardinality(roles) > 0),
	disabled boolean not null default false,
	created_at timestamptz not null default now()
);

create table staff_offices (
	staff_id integer not null references staff_users on delete cascade,
	office_id integer not null references offices on delete cascade,
	primary key (staff_id, office_id)
);

alter table desks add foreign key (staff_id) references staff_users on delete set null;

-- Lucia-style sessions: the id is the SHA-256 of the token the browser holds.
create table staff_sessions (
	id text primary key,
	staff_id integer not null references staff_users on delete cascade,
	expires_at timestamptz not null,
	created_at timestamptz not null default now()
);
create index staff_sessions_staff on staff_sessions (staff_id);

create table devices (
	id integer generated always as identity primary key,
	office_id integer not null references offices on delete cascade,
	kind text not null check (kind in ('kiosk', 'display')),
	name text not null check (length(name) between 1 and 100),
	-- SHA-256 of the device token; the token itself is shown once and never stored.
	token_hash text not null unique,
	created_at timestamptz not null default now(),
	last_seen_at timestamptz,
	revoked_at timestamptz
);

create table ticket_counters (
	office_id integer not null references offices on delete cascade,
	service_day date not null,
	prefix text not null,
	last_seq integer not null,
	primary key (office_id, service_day, prefix)
);

create table tickets (
	id integer generated always as identity primary key,
	office_id integer not null references offices on delete cascade,
	service_id integer not null references services,
	service_day date not null,
	prefix text not null,
	seq integer not null check (seq > 0),
	number text not null,
	-- Unguessable code for the public status page and the ticket's Socket.IO room.
	public_code text not null unique,
	source text not null check (source in ('kiosk', 'booking', 'desk', 'phone', 'api')),
	category text not null default 'ordinary' check (category in ('ordinary', 'appointment', 'priority')),
	priority_reason text check (priority_reason in ('disabled', 'veteran', 'pregnant', 'infant')),
	state text not null default 'waiting' check (state in ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled')),
	-- First arrival in the queue; a transfer or a return keeps it, so nobody goes to the back.
	arrived_at timestamptz not null,
	queued_at timestamptz not null,
	appointment_at timestamptz,
	booking_id integer,
	desk_id integer references desks on delete set null,
	staff_id integer references staff_users on delete set null,
	target_desk_id integer references desks on delete set null,
	issued_by_device_id integer references devices on delete set null,
	called_at timestamptz,
	started_at timestamptz,
	finished_at timestamptz,
	call_count integer not null default 0,
	comment text,
	unique (office_id, service_day, prefix, seq)
);
create index tickets_waiting on tickets (office_id, service_id, arrived_at) where state = 'waiting';
create index tickets_active on tickets (office_id, state) where state in ('waiting', 'called', 'serving');
create index tickets_desk on tickets (desk_id) where state in ('called', 'serving');
create index tickets_done on tickets (service_id, finished_at) where state = 'done';

-- Idempotency of ticket issuance: a retried request with the same key gets the same ticket.
create table issue_keys (
	office_id integer not null references offices on delete cascade,
	key text not null,
	ticket_id integer references tickets on delete cascade,
	created_at timestamptz not null default now(),
	primary key (office_id, key)
);

-- The append-only event log. Every command appends here in its own transaction, numbered per
-- office without gaps; clients apply events in this order after a snapshot.
create table events (
	office_id integer not null references offices on delete cascade,
	seq integer not null,
	type text not null,
	ticket_id integer references tickets on delete set null,
	desk_id integer references desks on delete set null,
	staff_id integer references staff_users on delete set null,
	device_id integer references devices on delete set null,
	payload jsonb not null default '{}',
	at timestamptz not null default now(),
	primary key (office_id, seq)
);
