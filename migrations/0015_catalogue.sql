-- The service catalogue and desks, administered from the browser (issue 11, items 2, 3, 8, 11).
--
-- Prefixes may be one or two capital letters (a 230-service office runs out of 33 + 26 letters);
-- numbering stays per prefix (ticket_counters). Uniqueness of a prefix among an office's
-- non-archived services is checked by src/lib/server/catalogue under the office's row lock, not by
-- an index, because archived services keep their old prefix for history.
alter table services drop constraint services_prefix_check;
alter table services add constraint services_prefix_check check (prefix ~ '^[А-ЯЁA-Z]{1,2}$');

-- Shown on the kiosk (a service may be desk-only); priority visitors allowed (the kiosk offers the
-- priority question only then); archived: kept for history, gone from every screen.
alter table services
	add column kiosk_visible boolean not null default true,
	add column priority_allowed boolean not null default true,
	add column archived_at timestamptz;

alter table service_categories
	add column kiosk_visible boolean not null default true,
	add column archived_at timestamptz;
create index service_categories_office on service_categories (office_id);

-- A desk taken out of use: it stays in history, leaves the desk picker.
alter table desks add column active boolean not null default true;
