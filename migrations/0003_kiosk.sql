-- Kiosk printing: one row per paper ticket to print. A job is created in the same transaction
-- as its ticket (see src/lib/server/queue/print-hook.ts), so no kiosk ticket exists without its
-- job, and it stays pending until the kiosk agent acknowledges it: an agent restart or a dropped
-- connection re-delivers it, and the agent's own journal keeps a re-delivered job from printing
-- twice.
create table print_jobs (
	id integer generated always as identity primary key,
	device_id integer not null references devices on delete cascade,
	ticket_id integer not null references tickets on delete cascade,
	kind text not null default 'ticket' check (kind in ('ticket', 'reprint')),
	locale text not null default 'ru' check (locale in ('ru', 'en')),
	created_at timestamptz not null default now(),
	-- Last time the job was handed to an agent; how many times (a re-delivery is not a reprint).
	delivered_at timestamptz,
	deliveries integer not null default 0,
	printed_at timestamptz
);
create index print_jobs_pending on print_jobs (device_id, id) where printed_at is null;
create index print_jobs_ticket on print_jobs (ticket_id);
