import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import { rooms } from '$lib/realtime/rooms';
import { rateAtDesk } from '$lib/server/ratings/ratings';
import { acknowledgeAlert, assertMayWatchLive, liveExtras, officeDevices } from '$lib/server/live/dashboard';
import { presence } from '$lib/server/live/presence';
import type { PresenceStore } from '$lib/server/live/presence-store';
import { isKioskAgent, on, type TalonServer, type TalonServerSocket } from './on';
import { localEmit, type RoomEmit } from './cluster';

/**
 * The rating pad's and the live dashboard's socket commands (src/lib/realtime/live-events.ts),
 * and the devices' presence: a kiosk or board connecting or leaving, or a kiosk's printer
 * changing state, is pushed to the office's live room (`live:devices`) on every server process:
 * this process first writes its presence rows (the list is read from every process's rows).
 */
export function attachLive(
	io: TalonServer,
	socket: TalonServerSocket,
	deps: { sql: Sql; presenceStore: PresenceStore; emit?: RoomEmit }
): void {
	const { sql, presenceStore } = deps;
	const emit = deps.emit ?? localEmit(io);
	const staffOf = (p: TalonServerSocket['data']['principal']) => {
		if (p.kind === 'device') throw new TalonError('forbidden');
		return p.kind === 'staff' ? p.staff : null;
	};

	on(socket, 'rating:pad', async (req, p) => {
		if (p.kind === 'public') throw new TalonError('unauthorized');
		return rateAtDesk(sql, p.kind === 'device' ? p.device : null, req);
	});

	on(socket, 'live:join', async ({ officeId }, p) => {
		assertMayWatchLive(staffOf(p), officeId);
		const extras = await liveExtras(sql, officeId);
		await socket.join(rooms.live(officeId));
		return extras;
	});

	on(socket, 'live:ack', async ({ officeId, key }, p) => {
		const staff = assertMayWatchLive(staffOf(p), officeId);
		const ack = await acknowledgeAlert(sql, staff, officeId, key);
		io.to(rooms.live(officeId)).emit('live:acked', { officeId, key });
		return ack;
	});

	const p = socket.data.principal;
	if (p.kind !== 'device') return;
	const device = p.device;
	// Runs after the kiosk's own handlers of the same socket events (registered before this), so
	// the printer registry already holds the new state.
	const pushDevices = () =>
		setImmediate(() => {
			void presenceStore
				.changed()
				.then(() => officeDevices(sql, device.officeId))
				.then((devices) => emit(rooms.live(device.officeId), 'live:devices', { officeId: device.officeId, devices }))
				.catch(() => {}); // a dashboard reads the devices again on its next join
		});
	if (isKioskAgent(socket)) {
		socket.on('printer:status', pushDevices);
		socket.on('disconnect', pushDevices);
		return;
	}
	presence.connected(device.deviceId, socket.id);
	pushDevices();
	socket.on('disconnect', () => {
		if (presence.disconnected(device.deviceId, socket.id)) pushDevices();
	});
}
