-- The identity of this database: one row, a random id made here and never changed afterwards.
-- Print job ids (and every other identity column) start again at 1 in a new database, so anything
-- that remembers ids outside the database must also remember whose ids they were: the kiosk
-- agent's journal of printed jobs keys by (installation, job id), and each print job carries this
-- id (src/lib/server/kiosk/print-jobs.ts). A wiped ./data folder or the move from the embedded
-- database to PostgreSQL makes a new installation; an agent's old entries then match nothing.
--
-- A backup restored into another server must bring this row with it (it belongs to the data, as
-- the job ids do), replacing the row the new server's migrations made.
create table installation (
	id uuid primary key default gen_random_uuid(),
	-- At most one row: the unique `one` column can only ever hold true.
	one boolean not null default true unique check (one),
	created_at timestamptz not null default now()
);
insert into installation default values;
