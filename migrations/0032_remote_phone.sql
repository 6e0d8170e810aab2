-- Remote joining (issue 13, item 4): one active remote ticket per phone per office, held by the
-- database itself. The confirmed phone is kept with the ticket (until now it lived only in the
-- ticket's SMS alert, so cancelling the alert let the phone take a second ticket). The retention
-- job erases it like the alerts' phones (src/lib/server/notices/jobs.ts#eraseNoticeData).
alter table tickets add column remote_phone text;

-- The remote tickets of before: the phone their SMS alert still holds. Where one phone already
-- had two live tickets (the alert cancelled in between), only the first keeps it, so the index
-- below can be built; the others run their course.
with phones as (
	select t.id, a.recipient,
		row_number() over (partition by t.office_id, a.recipient, (t.state in ('waiting', 'called', 'serving')) order by t.id) as rn,
		t.state in ('waiting', 'called', 'serving') as live
	from tickets t join ticket_alerts a on a.ticket_id = t.id and a.channel = 'sms'
	where t.source = 'remote' and a.recipient is not null
)
update tickets t set remote_phone = p.recipient from phones p where p.id = t.id and (not p.live or p.rn = 1);

-- State names as in src/lib/domain/states.ts: the live ones (a done, no-show, cancelled or
-- expired ticket frees the phone).
create unique index tickets_remote_phone_live on tickets (office_id, remote_phone)
	where source = 'remote' and remote_phone is not null and state in ('waiting', 'called', 'serving');
