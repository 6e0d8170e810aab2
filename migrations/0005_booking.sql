-- Online pre-booking (issue 7): an office's working plan, its booking rules, the booked capacity of
-- each slot and the bookings themselves. Times of day are minutes after local midnight in the
-- office's time zone (480 = 08:00), so no `time` value is ever read in the process's zone.
-- State names mirror src/lib/domain/booking-states.ts; keep both in step.

-- Booking rules of an office. One row per office; an office without a row takes no bookings.
create table booking_settings (
	office_id integer primary key references offices on delete cascade,
	-- Share of desk time kept for bookings; the rest stays for walk-ins.
	booking_share numeric(4, 3) not null default 0.5 check (booking_share between 0 and 1),
	-- Slots start every `slot_step_min` minutes from the opening time.
	slot_step_min integer not null default 15 check (slot_step_min between 5 and 240),
	min_lead_min integer not null default 60 check (min_lead_min between 0 and 10080),
	horizon_days integer not null default 14 check (horizon_days between 1 and 365),
	checkin_before_min integer not null default 30 check (checkin_before_min between 0 and 240),
	checkin_after_min integer not null default 15 check (checkin_after_min between 0 and 240),
	-- Checked in after the window: 'ordinary' gives an ordinary ticket, 'refuse' refuses.
	late_policy text not null default 'ordinary' check (late_policy in ('ordinary', 'refuse')),
	-- Days after the visit when name, phone and e-mail are erased.
	retention_days integer not null default 30 check (retention_days between 1 and 3650),
	-- Close on the public holidays of Russia (date-holidays RU) unless an exception opens the day.
	public_holidays boolean not null default true
);

-- The weekly plan: weekday 1 = Monday .. 7 = Sunday; a weekday without a row is a day off.
create table office_hours (
	office_id integer not null references offices on delete cascade,
	weekday smallint not null check (weekday between 1 and 7),
	open_min integer not null check (open_min between 0 and 1440),
	close_min integer not null check (close_min between 0 and 1440),
	break_start_min integer check (break_start_min between 0 and 1440),
	break_end_min integer check (break_end_min between 0 and 1440),
	primary key (office_id, weekday),
	check (open_min < close_min),
	check ((break_start_min is null) = (break_end_min is null)),
	check (break_start_min is null or (open_min <= break_start_min and break_start_min < break_end_min and break_end_min <= close_min))
);

-- Exceptions by date: a holiday ('closed'), a shortened day or an extra working day ('open' with hours).
create table office_day_exceptions (
	office_id integer not null references offices on delete cascade,
	day date not null,
	kind text not null check (kind in ('closed', 'open')),
	open_min integer check (open_min between 0 and 1440),
	close_min integer check (close_min between 0 and 1440),
	break_start_min integer check (break_start_min between 0 and 1440),
	break_end_min integer check (break_end_min between 0 and 1440),
	note text not null default '',
	primary key (office_id, day),
	check (kind = 'closed' or (open_min is not null and close_min is not null and open_min < close_min)),
	check ((break_start_min is null) = (break_end_min is null))
);

-- Booked capacity of one slot of one service. Taking a place is one guarded statement
-- (`update ... set taken = taken + 1 where taken < capacity`): PostgreSQL re-checks the guard on
-- the latest row version after a concurrent writer commits, so the last place goes to exactly one.
create table booking_slots (
	office_id integer not null references offices on delete cascade,
	service_id integer not null references services on delete cascade,
	starts_at timestamptz not null,
	capacity integer not null check (capacity >= 0),
	taken integer not null default 0 check (taken >= 0),
	primary key (office_id, service_id, starts_at)
);

create table bookings (
	id integer generated always as identity primary key,
	office_id integer not null references offices on delete cascade,
	service_id integer not null references services on delete cascade,
	starts_at timestamptz not null,
	duration_min integer not null check (duration_min between 1 and 480),
	-- The office's calendar day of starts_at (one booking per phone, service and day).
	local_day date not null,
	-- Short, typable, from an alphabet without look-alikes (domain/booking-code.ts).
	code text not null unique,
	-- SHA-256 of the manage-link token; the token itself is only in the citizen's link.
	token_hash text unique,
	-- Personal data: erased (set null) after the office's retention period.
	citizen_name text,
	phone text,
	email text,
	state text not null default 'booked' check (state in ('booked', 'checked_in', 'cancelled', 'missed')),
	source text not null default 'online' check (source in ('online', 'desk', 'api')),
	created_by_staff_id integer references staff_users on delete set null,
	ticket_id integer references tickets on delete set null,
	checkin_key text,
	created_at timestamptz not null default now(),
	checked_in_at timestamptz,
	cancelled_at timestamptz,
	missed_at timestamptz,
	erased_at timestamptz,
	check (erased_at is not null or (citizen_name is not null and phone is not null))
);
-- One active booking per phone per service per day.
create unique index bookings_one_per_phone on bookings (office_id, service_id, local_day, phone)
	where state in ('booked', 'checked_in');
create index bookings_office_day on bookings (office_id, local_day);
create index bookings_open on bookings (starts_at) where state = 'booked';
create index bookings_retained on bookings (starts_at) where erased_at is null;
