-- Reports (issue 12): one row per service leg of a ticket, kept by a trigger on the event log.
--
-- Why a table: the tickets row holds only the latest leg (a transfer or a return clears
-- called_at/started_at, a recall overwrites called_at), so the first call, the transfers and the
-- desk of each leg live only in `events`. Reading a year of events at report time (~5 events per
-- ticket, 1.8 M rows for a 1,000-visitor office) is too slow for a < 1 s report; this table has
-- the answer of each leg precomputed (waits and service times in seconds, the office's local
-- day, weekday and hour), one narrow row per leg. Definitions: docs/reports.md.
--
-- Who writes it: the trigger below, from the same events the engine appends in each command's
-- transaction (so it commits or rolls back with the change), and `talon seed --history`, which
-- writes past tickets and their legs in bulk.
create table ticket_legs (
	ticket_id integer not null references tickets on delete cascade,
	-- 1 for the service the ticket was issued to; each transfer opens the next leg.
	leg smallint not null,
	office_id integer not null references offices on delete cascade,
	-- No cascade: a service with history is archived (`active`), not deleted, like tickets.service_id.
	service_id integer not null references services,
	source text not null,
	category text not null,
	-- The office's calendar day of the ticket's arrival (tickets.service_day): a ticket crossing
	-- midnight stays on the day it arrived.
	local_day date not null,
	-- When this leg's wait starts: arrival, or the appointment's slot when later (leg 1); the
	-- transfer (later legs).
	wait_from timestamptz not null,
	-- ISO weekday (1 = Monday) and hour in the office's time zone of the arrival (leg 1) or of the
	-- transfer (later legs): the buckets of the weekday × hour report.
	local_isodow smallint not null check (local_isodow between 1 and 7),
	local_hour smallint not null check (local_hour between 0 and 23),
	-- The service's target wait when the leg began (a later change of the target keeps history).
	target_wait_sec integer not null,
	-- The desk and operator that last handled the leg (call, start, finish, no-show, transfer).
	desk_id integer references desks on delete set null,
	staff_id integer references staff_users on delete set null,
	-- First call of this leg (a recall or a return does not move it).
	called_at timestamptz,
	-- Last start of service of this leg.
	started_at timestamptz,
	ended_at timestamptz,
	-- null while the leg is open.
	outcome text check (outcome in ('done', 'no_show', 'cancelled', 'transferred', 'expired')),
	wait_sec integer generated always as (
		case when called_at is null then null else greatest(0, round(extract(epoch from called_at - wait_from)))::integer end
	) stored,
	service_sec integer generated always as (
		case when started_at is not null and ended_at is not null and outcome in ('done', 'transferred')
			then greatest(0, round(extract(epoch from ended_at - started_at)))::integer end
	) stored,
	primary key (ticket_id, leg)
);
-- Every report filters one office and a range of local days first (docs/reports.md has the plans).
create index ticket_legs_office_day on ticket_legs (office_id, local_day);

-- Applies one event to the legs (the trigger and the backfill below share it).
create function ticket_legs_apply(e events) returns void language plpgsql as $$
declare
	t record;
	last_leg record;
	next_service integer;
	from_at timestamptz;
begin
	if e.ticket_id is null then
		return;
	end if;
	if e.type = 'ticket.issued' then
		select tk.*, o.time_zone, coalesce((e.payload -> 'ticket' ->> 'serviceId')::integer, tk.service_id) as first_service
		into t from tickets tk join offices o on o.id = tk.office_id where tk.id = e.ticket_id;
		if not found then
			return;
		end if;
		from_at := greatest(t.arrived_at, coalesce(t.appointment_at, t.arrived_at));
		insert into ticket_legs (ticket_id, leg, office_id, service_id, source, category, local_day, wait_from,
			local_isodow, local_hour, target_wait_sec)
		select t.id, 1, t.office_id, t.first_service, t.source, t.category, t.service_day, from_at,
			extract(isodow from t.arrived_at at time zone t.time_zone), extract(hour from t.arrived_at at time zone t.time_zone),
			s.target_wait_min * 60
		from services s where s.id = t.first_service
		on conflict do nothing;
	elsif e.type in ('ticket.called', 'ticket.recalled') then
		update ticket_legs set called_at = coalesce(called_at, e.at), desk_id = coalesce(e.desk_id, desk_id),
			staff_id = coalesce(e.staff_id, staff_id)
		where ticket_id = e.ticket_id and outcome is null;
	elsif e.type = 'ticket.started' then
		update ticket_legs set started_at = e.at, called_at = coalesce(called_at, e.at),
			desk_id = coalesce(e.desk_id, desk_id), staff_id = coalesce(e.staff_id, staff_id)
		where ticket_id = e.ticket_id and outcome is null;
	elsif e.type in ('ticket.finished', 'ticket.no_show', 'ticket.cancelled', 'ticket.expired') then
		update ticket_legs set ended_at = e.at, desk_id = coalesce(e.desk_id, desk_id), staff_id = coalesce(e.staff_id, staff_id),
			outcome = case e.type when 'ticket.finished' then 'done' when 'ticket.no_show' then 'no_show'
				when 'ticket.cancelled' then 'cancelled' else 'expired' end
		where ticket_id = e.ticket_id and outcome is null;
	elsif e.type = 'ticket.transferred' then
		update ticket_legs set ended_at = e.at, outcome = 'transferred', desk_id = coalesce(e.desk_id, desk_id),
			staff_id = coalesce(e.staff_id, staff_id)
		where ticket_id = e.ticket_id and outcome is null
		returning * into last_leg;
		if not found then
			return;
		end if;
		next_service := coalesce((e.payload -> 'data' ->> 'toServiceId')::integer, last_leg.service_id);
		insert into ticket_legs (ticket_id, leg, office_id, service_id, source, category, local_day, wait_from,
			local_isodow, local_hour, target_wait_sec)
		select last_leg.ticket_id, last_leg.leg + 1, last_leg.office_id, next_service, last_leg.source, last_leg.category,
			last_leg.local_day, e.at, extract(isodow from e.at at time zone o.time_zone), extract(hour from e.at at time zone o.time_zone),
			s.target_wait_min * 60
		from offices o, services s where o.id = last_leg.office_id and s.id = next_service
		on conflict do nothing;
	end if;
	-- 'ticket.returned': the visitor waits again in the same leg; its first call stays.
end
$$;

create function ticket_legs_on_event() returns trigger language plpgsql as $$
begin
	perform ticket_legs_apply(new);
	return null;
end
$$;
create trigger ticket_legs_on_event after insert on events for each row execute function ticket_legs_on_event();

-- The legs of the tickets the log already holds, in log order.
do $$
declare
	e events;
begin
	for e in select * from events where ticket_id is not null order by office_id, seq loop
		perform ticket_legs_apply(e);
	end loop;
end
$$;
