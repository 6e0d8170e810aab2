-- Schema that several areas share, laid down once so that administration (issue 11), reports and
-- ratings (12), notices and remote joining (13) build on the same columns.
--
-- `expired`: a ticket still waiting when its office's day ended, closed by the nightly job so that
-- yesterday never leaks into today. `remote`: a ticket taken from a phone at /q/<office>.
alter table tickets drop constraint tickets_state_check;
alter table tickets add constraint tickets_state_check
	check (state in ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'expired'));
alter table tickets drop constraint tickets_source_check;
alter table tickets add constraint tickets_source_check
	check (source in ('kiosk', 'booking', 'desk', 'phone', 'api', 'remote'));

-- A service the office lets visitors join from their phones.
alter table services add column remote_allowed boolean not null default false;

-- A visitor's rating of one finished ticket: once, never edited. The service, desk and operator
-- are copied from the ticket at the time of rating so that a later transfer or a deleted desk
-- does not move the rating.
create table ratings (
	id integer generated always as identity primary key,
	ticket_id integer not null unique references tickets on delete cascade,
	office_id integer not null references offices on delete cascade,
	service_id integer references services on delete set null,
	desk_id integer references desks on delete set null,
	staff_id integer references staff_users on delete set null,
	score smallint not null check (score between 1 and 5),
	comment text check (length(comment) <= 1000),
	via text not null check (via in ('page', 'pad')),
	created_at timestamptz not null default now()
);
create index ratings_office_at on ratings (office_id, created_at);
