-- notices (issue 13): an office may let its SMS carry the ticket's link (/t/<code>). Off by
-- default: an SMS then stays one segment and carries no link at all.
alter table offices add column sms_links boolean not null default false;
