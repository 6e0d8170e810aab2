-- A ticket number that is live (waiting, called, serving) is held by one visitor only: after
-- 999 the labels start over but skip live numbers (src/lib/domain/numbering.ts). The engine
-- guarantees it under the counter row's lock; this index makes the database refuse a duplicate
-- whatever the code does.
--
-- A database that already holds two live tickets with one number today (numbered before this
-- fix) cannot take the index at once: those visitors hold their paper, so nobody is renumbered,
-- and the index then starts with tomorrow's tickets.
do $$
begin
	create unique index tickets_live_number on tickets (office_id, service_day, number)
		where state in ('waiting', 'called', 'serving');
exception when unique_violation then
	raise notice 'live duplicate ticket numbers exist today; tickets_live_number starts with tomorrow';
	create unique index tickets_live_number on tickets (office_id, service_day, number)
		where state in ('waiting', 'called', 'serving') and service_day > current_date;
end
$$;
