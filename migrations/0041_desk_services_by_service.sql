-- Which desks serve a service: the kiosk's estimate after every ticket (open and configured
-- desks of the service, src/lib/server/queue/position.ts) and the cascade when a service is
-- removed. The primary key (desk_id, service_id) only serves lookups by desk, so these scanned
-- the whole table (issue 14, bench/README.md "What the profile showed").
create index if not exists desk_services_service on desk_services (service_id);
