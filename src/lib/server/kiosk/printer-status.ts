/**
 * What a kiosk's printer can do right now, as its agent reports it. Kept in the server's memory:
 * it is a live fact about a connected agent, not history, and an agent reports it again on every
 * (re)connect. With several server processes each holds the status of the agents connected to it
 * and writes it to the database for the others (src/lib/server/live/presence-store.ts).
 */
import type { PrinterState, PrinterStatus } from '$lib/kiosk/types';

export type { PrinterState, PrinterStatus };

export const canPrint = (s: PrinterStatus | null | undefined): boolean => s?.state === 'online';

export function createPrinterRegistry() {
	const statuses = new Map<number, PrinterStatus>();
	const agents = new Map<number, Set<string>>();
	return {
		get(deviceId: number): PrinterStatus {
			if (!agents.get(deviceId)?.size) return { state: 'no_agent', at: statuses.get(deviceId)?.at ?? new Date().toISOString() };
			return statuses.get(deviceId) ?? { state: 'offline', at: new Date().toISOString() };
		},
		agentConnected(deviceId: number, socketId: string) {
			const set = agents.get(deviceId) ?? new Set<string>();
			set.add(socketId);
			agents.set(deviceId, set);
		},
		/** Returns true when that was the device's last agent. */
		agentDisconnected(deviceId: number, socketId: string): boolean {
			const set = agents.get(deviceId);
			set?.delete(socketId);
			return !set?.size;
		},
		/** The kiosks whose print agent is connected to this process, with their printers' states. */
		agentsHere(): { deviceId: number; status: PrinterStatus }[] {
			return [...agents].filter(([, set]) => set.size > 0).map(([deviceId]) => ({ deviceId, status: this.get(deviceId) }));
		},
		report(deviceId: number, state: Exclude<PrinterState, 'no_agent'>, at = new Date()): PrinterStatus {
			const s = { state, at: at.toISOString() };
			statuses.set(deviceId, s);
			return s;
		}
	};
}
export type PrinterRegistry = ReturnType<typeof createPrinterRegistry>;

/** One registry per server process (shared by every socket). */
const g = globalThis as { __talonPrinters?: PrinterRegistry };
export const printers: PrinterRegistry = (g.__talonPrinters ??= createPrinterRegistry());
