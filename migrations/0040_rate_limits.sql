-- Rate limits shared by every server process (issue 14): a fixed window per key, counted in one
-- row. Unlogged: a count lost with a database crash only forgives a few requests, and writes to
-- it skip the WAL. Expired rows are deleted by the `rate-limits-expired` job.
create unlogged table rate_limits (
	key text primary key,
	points integer not null,
	expires_at timestamptz not null
);
create index rate_limits_expires on rate_limits (expires_at);
