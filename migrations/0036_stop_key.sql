-- notices (issue 13): the key that signs the stop (unsubscribe) links in ticket e-mails. Made once
-- here from two gen_random_uuid() values (a strong random source: 244 random bits) and kept, so
-- every server process signs and checks with the same key.
insert into notice_keys (name, value)
values ('stop', jsonb_build_object('key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')))
on conflict do nothing;
