import type { Server } from 'socket.io';
import type { Sql } from '$lib/server/db/connect';
import * as engine from '$lib/server/queue';
import type { EngineContext } from '$lib/server/queue';
import { TalonError } from '$lib/errors';
import { rooms } from '$lib/realtime/rooms';
import { pickLocale } from '$lib/i18n/locale';
import { toErrorBody } from '$lib/server/edge/errors';
import { handshakeOrigin, issuedTicketReply } from '$lib/server/edge/issued-ticket';
import { cookieValue, mayWatchOffice, resolvePrincipal } from '$lib/server/edge/principal';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/sessions';
import { isDeskCommand, deskRefusal } from '$lib/server/auth/desk-guard';
import { isDatabaseUnavailable } from '$lib/server/db/errors';
import { attachKiosk } from './kiosk';
import { attachLive } from './live'; // live dashboard and rating pad (issue 12, live)
import { on, type TalonServer, type TalonServerSocket } from './on';
import type { RoomEmit } from './cluster';
import { startPresenceStore, type PresenceStore } from '$lib/server/live/presence-store';

/**
 * The Socket.IO side of the engine: one handler per command of the contract
 * (src/lib/realtime/commands.ts), each registered with `on` (./on.ts), which validates,
 * authorises by the command's scope, runs it and acknowledges `{ data } | { error }`.
 * Broadcasting is not done here: the engine's publisher sends committed events to the rooms.
 */
export function attachRealtime(io: Server, deps: { sql: Sql; ctx: EngineContext; emit?: RoomEmit; presenceStore?: PresenceStore }): void {
	const server = io as TalonServer;
	const { sql, ctx } = deps;
	// Device presence for every process's live dashboards (src/lib/server/live/presence-store.ts).
	const presenceStore = deps.presenceStore ?? startPresenceStore(sql);

	server.use(async (socket, next) => {
		try {
			const auth = socket.handshake.auth as { deviceToken?: unknown; lang?: unknown };
			const principal = await resolvePrincipal(sql, {
				deviceToken: typeof auth.deviceToken === 'string' ? auth.deviceToken : null,
				cookieHeader: socket.handshake.headers.cookie
			});
			const locale = pickLocale(typeof auth.lang === 'string' ? auth.lang : null, socket.handshake.headers['accept-language']);
			if (!principal) {
				// A revoked or unknown device token: refuse, so the device shows its pairing screen.
				const err = new Error('device_unauthorized') as Error & { data?: unknown };
				err.data = { code: 'unauthorized' };
				return next(err);
			}
			socket.data = { principal, locale };
			if (principal.kind === 'device') socket.join(rooms.device(principal.device.deviceId));
			// admin: disabling a user ends their open sockets (src/lib/server/realtime/control.ts).
			if (principal.kind === 'staff') socket.join(rooms.staff(principal.staff.staffId));
			next();
		} catch (e) {
			// ops: the database out of reach: the client is told so and tries again (see feed.ts).
			if (isDatabaseUnavailable(e)) {
				const err = new Error('database_unavailable') as Error & { data?: unknown };
				err.data = { code: 'database_unavailable' };
				return next(err);
			}
			next(e instanceof Error ? e : new Error('handshake failed'));
		}
	});

	// After a hiccup hundreds of boards ask for the same office's snapshot at once: they share
	// the one being read (any snapshot is a valid base; events after its seq follow).
	const inFlight = new Map<number, ReturnType<typeof engine.officeSnapshot>>();
	const sharedSnapshot = (officeId: number) => {
		let pending = inFlight.get(officeId);
		if (!pending) {
			pending = engine.officeSnapshot(sql, officeId).finally(() => inFlight.delete(officeId));
			inFlight.set(officeId, pending);
		}
		return pending;
	};

	server.on('connection', (socket: TalonServerSocket) => {
		// A staff socket re-checks its session before each command: a password change, a disabled
		// user or an expired shift takes effect on an open connection too (it becomes public and
		// every staff command is refused with `unauthorized`).
		if (socket.data.principal.kind === 'staff') {
			const token = cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE) ?? '';
			socket.use(async (packet, next) => {
				if (socket.data.principal.kind === 'staff') {
					// ops: the database out of reach refuses the command with `database_unavailable`
					// and keeps the socket's staff principal (it is not signed out by an outage).
					let staff: Awaited<ReturnType<typeof validateSession>>;
					try {
						staff = await validateSession(sql, token);
					} catch (e) {
						if (!isDatabaseUnavailable(e)) staff = null;
						else {
							const ack = packet.at(-1);
							if (typeof ack === 'function') ack({ error: toErrorBody(e, socket.data.locale).body });
							return;
						}
					}
					socket.data.principal = staff ? { kind: 'staff', staff } : { kind: 'public' };
					// An operator may not act at a desk another signed-in operator holds.
					const [event, payload, ack] = packet as [string, { deskId?: unknown } | undefined, unknown];
					if (staff && isDeskCommand(event) && typeof ack === 'function') {
						const refusal = await deskRefusal(sql, staff, payload?.deskId).catch(() => null);
						if (refusal) return ack({ error: toErrorBody(refusal, socket.data.locale).body });
					}
				}
				next();
			});
		}
		const principal = () => socket.data.principal;
		const mayWatch = (officeId: number) => {
			if (!mayWatchOffice(principal(), officeId)) throw new TalonError(principal().kind === 'public' ? 'unauthorized' : 'wrong_office');
		};

		on(socket, 'office:join', async ({ officeId }) => {
			mayWatch(officeId);
			await socket.join(rooms.office(officeId));
			const [row] = await sql<{ lastSeq: number }[]>`select last_seq from offices where id = ${officeId}`;
			if (!row) throw new TalonError('office_not_found');
			return { officeId, seq: row.lastSeq };
		});

		on(socket, 'office:snapshot', async ({ officeId }) => {
			mayWatch(officeId);
			return sharedSnapshot(officeId);
		});

		on(socket, 'desk:join', async ({ deskId }) => {
			const [desk] = await sql<{ officeId: number }[]>`select office_id from desks where id = ${deskId}`;
			if (!desk) throw new TalonError('desk_not_found');
			mayWatch(desk.officeId);
			await socket.join(rooms.desk(deskId));
			return { deskId };
		});

		on(socket, 'ticket:join', async ({ publicCode }) => {
			const status = await engine.ticketStatus(sql, publicCode);
			await socket.join(rooms.ticket(publicCode));
			return {
				publicCode,
				number: status.number,
				state: status.state,
				serviceNameRu: status.service.nameRu,
				serviceNameEn: status.service.nameEn,
				ahead: status.ahead,
				estimatedWaitSec: status.estimatedWaitSec,
				deskNumber: status.deskNumber
			};
		});

		on(socket, 'ticket:issue', async (req, actor) => {
			const issued = await engine.issueTicket(ctx, actor, {
				officeId: req.officeId,
				serviceId: req.serviceId,
				priorityReason: req.priorityReason ?? null,
				idempotencyKey: req.idempotencyKey ?? null,
				source: actor.kind === 'device' ? 'kiosk' : (req.source ?? 'desk')
			});
			return issuedTicketReply(issued, handshakeOrigin(socket.handshake));
		});

		on(socket, 'desk:call-next', (r, staff) => engine.callNext(ctx, staff, r));
		on(socket, 'ticket:recall', (r, staff) => engine.recall(ctx, staff, r));
		on(socket, 'ticket:start', (r, staff) => engine.startService(ctx, staff, r));
		on(socket, 'ticket:finish', (r, staff) => engine.finish(ctx, staff, r));
		on(socket, 'ticket:no-show', (r, staff) => engine.markNoShow(ctx, staff, r));
		on(socket, 'ticket:return', (r, staff) => engine.returnToQueue(ctx, staff, r));
		on(socket, 'ticket:transfer', (r, staff) => engine.transfer(ctx, staff, r));
		on(socket, 'desk:open', (r, staff) => engine.openDesk(ctx, staff, r));
		on(socket, 'desk:pause', (r, staff) => engine.pauseDesk(ctx, staff, r));
		on(socket, 'desk:resume', (r, staff) => engine.resumeDesk(ctx, staff, r));
		on(socket, 'desk:close', (r, staff) => engine.closeDesk(ctx, staff, r));

		attachKiosk(server, socket, { sql, ctx, emit: deps.emit });
		attachLive(server, socket, { sql, presenceStore, emit: deps.emit }); // live dashboard and rating pad (issue 12, live)
	});
}
