-- Sign-in throttling (issue 4). Failed attempts are counted per login and per client address
-- in the database rather than in the process's memory, so several server processes behind a
-- load balancer share one count and a restart does not reset a lock-out.
create table login_throttle (
	-- 'login:<login>' or 'ip:<address>'
	key text primary key check (length(key) between 3 and 200),
	failures integer not null default 0,
	window_start timestamptz not null,
	blocked_until timestamptz
);
