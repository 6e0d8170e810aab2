-- Administration (issue 11, item 7): a running-line message may have a time window. A board
-- shows a line while `starts_at <= now < ends_at` (either end open when null) and `active`;
-- src/lib/server/display/messages.ts reads them, src/lib/server/admin/board-messages.ts writes them.
alter table board_messages
	add column starts_at timestamptz,
	add column ends_at timestamptz,
	add constraint board_messages_window check (starts_at is null or ends_at is null or ends_at > starts_at);
