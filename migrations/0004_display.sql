-- Hall boards: the running line at the bottom of an office's boards ("Приём документов на
-- загранпаспорт — окна 3 и 4", "Технический перерыв 13:00–13:45"). Set per office; a board
-- shows the active lines in `sort` order, Russian or English by the board's language. Free text
-- for the public: never personal data.
create table board_messages (
	id integer generated always as identity primary key,
	office_id integer not null references offices on delete cascade,
	text_ru text not null check (length(text_ru) between 1 and 300),
	text_en text not null default '' check (length(text_en) <= 300),
	sort integer not null default 0,
	active boolean not null default true,
	created_at timestamptz not null default now()
);
create index board_messages_office on board_messages (office_id, sort, id) where active;
