import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Sql } from '$lib/server/db/connect';
import type { PrinterState, PrinterStatus } from '$lib/kiosk/types';
import { log } from '$lib/server/log';
import { printers as localPrinters, type PrinterRegistry } from '$lib/server/kiosk/printer-status';
import { presence as localPresence, type Presence } from './presence';

/**
 * Device presence across server processes (migration 0042). Each process keeps its own sockets
 * in memory (./presence.ts, kiosk/printer-status.ts) and writes them here — its screens and its
 * agents' printer states, replacing its rows — after every change and every `heartbeatMs`; a
 * process that stops writing (killed, cut off) is ignored `STALE_AFTER_SEC` after its last write.
 * The live dashboard of any process reads every process's rows, so a supervisor sees a kiosk as
 * online whichever node its socket landed on. One process (the embedded database) works the same.
 */
export const STALE_AFTER_SEC = 15;

export interface PresenceStore {
	readonly node: string;
	/** Writes this process's rows now (coalesced); resolves once they are written. */
	changed(): Promise<void>;
	/** Removes this process's rows: its devices are offline at once for the others. */
	stop(): Promise<void>;
}

export function startPresenceStore(
	sql: Sql,
	opts: { node?: string; presence?: Presence; printers?: PrinterRegistry; heartbeatMs?: number } = {}
): PresenceStore {
	const node = opts.node ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
	const presence = opts.presence ?? localPresence;
	const printers = opts.printers ?? localPrinters;
	let stopped = false;
	let running: Promise<void> | null = null;
	let again = false;
	let failing = false;

	async function write(): Promise<void> {
		const rows = new Map<number, { screen: boolean; printerState: PrinterState | null; printerAt: string | null }>();
		for (const id of presence.devicesHere()) rows.set(id, { screen: true, printerState: null, printerAt: null });
		for (const { deviceId, status } of printers.agentsHere()) {
			const row = rows.get(deviceId) ?? { screen: false, printerState: null, printerAt: null };
			rows.set(deviceId, { ...row, printerState: status.state, printerAt: status.at });
		}
		const list = [...rows].map(([id, r]) => ({ id, screen: r.screen, printer_state: r.printerState, printer_at: r.printerAt }));
		await sql.begin(async (tx) => {
			await tx`insert into server_nodes (node, seen_at) values (${node}, now()) on conflict (node) do update set seen_at = now()`;
			await tx`delete from device_presence where node = ${node}`;
			if (list.length) {
				// A device revoked or removed meanwhile has no row in devices: skipped, not an error.
				await tx`
					insert into device_presence (device_id, node, screen, printer_state, printer_at)
					select v.id, ${node}, v.screen, v.printer_state, v.printer_at
					from jsonb_to_recordset(${tx.json(list as never)}::jsonb)
						as v(id int, screen boolean, printer_state text, printer_at timestamptz)
					where exists (select 1 from devices d where d.id = v.id)`;
			}
		});
	}

	/** One write at a time; a change during a write is written right after it. */
	function changed(): Promise<void> {
		if (stopped) return Promise.resolve();
		if (running) {
			again = true;
			return running;
		}
		running = (async () => {
			do {
				again = false;
				try {
					await write();
					failing = false;
				} catch (e) {
					// The database out of reach: the next heartbeat writes it again (said once, not every 5 s).
					if (!failing) log.warn({ err: e }, 'device presence not written');
					failing = true;
				}
			} while (again && !stopped);
		})().finally(() => (running = null));
		return running;
	}

	const timer = setInterval(() => void changed(), opts.heartbeatMs ?? 5000);
	timer.unref();
	void changed();

	return {
		node,
		changed,
		async stop() {
			stopped = true;
			clearInterval(timer);
			await running;
			await sql`delete from device_presence where node = ${node}`.catch(() => {});
			await sql`delete from server_nodes where node = ${node}`.catch(() => {});
		}
	};
}

export interface DevicePresence {
	/** A screen socket on any live process. */
	screen: boolean;
	/** The printer as the agent's process last wrote it; null without an agent anywhere. */
	printer: PrinterStatus | null;
}

/** Every live process's view of an office's devices, by device id. */
export async function readPresence(sql: Sql, officeId: number): Promise<Map<number, DevicePresence>> {
	const rows = await sql<{ deviceId: number; screen: boolean; printerState: PrinterState | null; printerAt: Date | null }[]>`
		select p.device_id, bool_or(p.screen) as screen,
			(array_agg(p.printer_state order by p.printer_at desc nulls last))[1] as printer_state,
			max(p.printer_at) as printer_at
		from device_presence p
		join server_nodes n on n.node = p.node and n.seen_at > now() - make_interval(secs => ${STALE_AFTER_SEC})
		join devices d on d.id = p.device_id and d.office_id = ${officeId}
		group by p.device_id`;
	return new Map(
		rows.map((r) => [
			r.deviceId,
			{ screen: r.screen, printer: r.printerState ? { state: r.printerState, at: (r.printerAt ?? new Date()).toISOString() } : null }
		])
	);
}
