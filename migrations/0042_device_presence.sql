-- Which devices have a socket open on which server process (issue 14, several nodes): the live
-- dashboard of any node shows every node's kiosks, boards and printers. Each node writes its own
-- rows (src/lib/server/live/presence-store.ts) on every change and every few seconds; a node that
-- stops writing (killed) is ignored after 15 s. Unlogged: it is a live fact, rebuilt by the nodes
-- within seconds after a database crash, not history.
create unlogged table server_nodes (
	node text primary key,
	seen_at timestamptz not null
);

create unlogged table device_presence (
	device_id integer not null references devices on delete cascade,
	node text not null,
	-- a kiosk's or board's screen has a socket on this node
	screen boolean not null,
	-- a kiosk's print agent is connected to this node: its printer's last report
	printer_state text check (printer_state in ('online', 'paper_out', 'cover_open', 'offline')),
	printer_at timestamptz,
	primary key (device_id, node)
);
