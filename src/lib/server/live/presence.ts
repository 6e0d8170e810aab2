/**
 * Which kiosks and boards are connected now, and since when a device has been away — a live fact
 * of this server process's sockets, like the printer states (src/lib/server/kiosk/printer-status.ts),
 * so it is kept in memory. A kiosk's print agent is not the kiosk: its presence is the printer's
 * state (`no_agent`). With several server processes each knows the devices connected to it, and
 * writes them to the database for the others (./presence-store.ts).
 */
import type { PrinterState } from '$lib/kiosk/types';

export function createPresence(clock: () => Date = () => new Date()) {
	const sockets = new Map<number, Set<string>>();
	const leftAt = new Map<number, string>();
	/** Since when each kiosk's printer has been in its state: the registry's own `at` is absent for `no_agent`. */
	const printerSeen = new Map<number, { state: PrinterState; since: string }>();
	return {
		connected(deviceId: number, socketId: string) {
			const set = sockets.get(deviceId) ?? new Set<string>();
			set.add(socketId);
			sockets.set(deviceId, set);
			leftAt.delete(deviceId);
		},
		/** Returns true when that was the device's last socket. */
		disconnected(deviceId: number, socketId: string): boolean {
			const set = sockets.get(deviceId);
			set?.delete(socketId);
			if (set?.size) return false;
			leftAt.set(deviceId, clock().toISOString());
			return true;
		},
		online: (deviceId: number) => Boolean(sockets.get(deviceId)?.size),
		/** The devices with a screen socket on this process (presence-store.ts writes them for every node to read). */
		devicesHere: () => [...sockets].filter(([, set]) => set.size > 0).map(([id]) => id),
		/** When the device left (this process's knowledge), null when unknown. */
		leftAt: (deviceId: number) => leftAt.get(deviceId) ?? null,
		printerSince(deviceId: number, state: PrinterState, reportedAt: string | null): string {
			const seen = printerSeen.get(deviceId);
			if (seen?.state === state) return seen.since;
			const since = reportedAt ?? clock().toISOString();
			printerSeen.set(deviceId, { state, since });
			return since;
		}
	};
}
export type Presence = ReturnType<typeof createPresence>;

/** One registry per server process (shared by every socket). */
const g = globalThis as { __talonPresence?: Presence };
export const presence: Presence = (g.__talonPresence ??= createPresence());
