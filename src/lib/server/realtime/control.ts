import type { Server } from 'socket.io';
import { rooms } from '$lib/realtime/rooms';

/**
 * What the administration does to open connections (issue 11): a revoked device or a disabled
 * user loses its sockets at once, not at its next reconnect. The server disconnects them; a
 * kiosk or board then connects again by itself, is refused at the handshake (its token is
 * revoked) and shows its pairing screen. With several processes `end` is the cluster's, which
 * relays the disconnect to every node (./cluster.ts); `online` sees this process's sockets only.
 */
export interface SocketControl {
	/** Ends every socket of these devices (kiosk screens, their agents, boards). */
	endDevices(deviceIds: readonly number[]): void;
	/** Ends every socket of this staff member (desk consoles, admin pages). */
	endStaff(staffId: number): void;
	/** Which of these devices have an open socket now. */
	online(deviceIds: readonly number[]): Promise<Set<number>>;
}

/** Without a Socket.IO server (a CLI run, a test of the API alone) there is nothing to end. */
export const noSockets: SocketControl = {
	endDevices: () => {},
	endStaff: () => {},
	online: async () => new Set()
};

export function socketControl(io: Server, end: (rooms: string[]) => void = (r) => io.in(r).disconnectSockets(true)): SocketControl {
	return {
		endDevices(deviceIds) {
			if (deviceIds.length) end(deviceIds.map(rooms.device));
		},
		endStaff(staffId) {
			end([rooms.staff(staffId)]);
		},
		async online(deviceIds) {
			if (!deviceIds.length) return new Set();
			const sockets = await io.in(deviceIds.map(rooms.device)).fetchSockets();
			const ids = new Set<number>();
			for (const s of sockets) {
				const p = (s.data as { principal?: { kind: string; device?: { deviceId: number } } }).principal;
				if (p?.kind === 'device' && p.device) ids.add(p.device.deviceId);
			}
			return ids;
		}
	};
}
