import type { Server, Socket } from 'socket.io';
import type { ZodType } from 'zod';
import type { Sql } from '$lib/server/db/connect';
import * as engine from '$lib/server/queue';
import type { EngineContext } from '$lib/server/queue';
import { TalonError } from '$lib/errors';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '$lib/realtime/events';
import { rooms } from '$lib/realtime/rooms';
import { pickLocale, type Locale } from '$lib/i18n/locale';
import { toErrorBody } from '$lib/server/edge/errors';
import { handshakeOrigin, issuedTicketReply } from '$lib/server/edge/issued-ticket';
import * as schema from '$lib/schemas/common';
import { actorOf, cookieValue, mayWatchOffice, resolvePrincipal, type Principal } from '$lib/server/edge/principal';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/sessions';
import { DESK_COMMANDS, deskRefusal } from '$lib/server/auth/desk-guard';
import { attachKiosk } from './kiosk';

interface SocketData {
	principal: Principal;
	locale: Locale;
}
type TalonServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type TalonSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * The Socket.IO side of the engine. Each handler follows one order: validate, authorise, act
 * (an engine command), acknowledge `{ data } | { error }`. Broadcasting is not done here: the
 * engine's publisher sends committed events to the rooms.
 */
export function attachRealtime(io: Server, deps: { sql: Sql; ctx: EngineContext }): void {
	const server = io as TalonServer;
	const { sql, ctx } = deps;

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
			next();
		} catch (e) {
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

	server.on('connection', (socket: TalonSocket) => {
		// A staff socket re-checks its session before each command: a password change, a disabled
		// user or an expired shift takes effect on an open connection too (it becomes public and
		// every staff command is refused with `unauthorized`).
		if (socket.data.principal.kind === 'staff') {
			const token = cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE) ?? '';
			socket.use(async (packet, next) => {
				if (socket.data.principal.kind === 'staff') {
					const staff = await validateSession(sql, token).catch(() => null);
					socket.data.principal = staff ? { kind: 'staff', staff } : { kind: 'public' };
					// An operator may not act at a desk another signed-in operator holds.
					const [event, payload, ack] = packet as [string, { deskId?: unknown } | undefined, unknown];
					if (staff && DESK_COMMANDS.has(event) && typeof ack === 'function') {
						const refusal = await deskRefusal(sql, staff, payload?.deskId).catch(() => null);
						if (refusal) return ack({ error: toErrorBody(refusal, socket.data.locale).body });
					}
				}
				next();
			});
		}
		/** Wraps a handler: parse with zod, run, acknowledge; every failure becomes `{ error }`. */
		function on<K extends keyof ClientToServerEvents, I, O>(
			name: K,
			parser: ZodType<I>,
			run: (input: I) => Promise<O>
		): void {
			const handler = async (raw: unknown, cb: unknown) => {
				const reply = typeof cb === 'function' ? (cb as (a: Ack<O>) => void) : () => {};
				try {
					const input = parser.parse(raw);
					reply({ data: await run(input) });
				} catch (e) {
					reply({ error: toErrorBody(e, socket.data.locale).body });
				}
			};
			socket.on(name, handler as never);
		}

		const principal = () => socket.data.principal;
		const staffActor = () => {
			const p = principal();
			if (p.kind !== 'staff') throw new TalonError(p.kind === 'public' ? 'unauthorized' : 'forbidden');
			return actorOf(p)!;
		};

		on('office:join', schema.officeRequest, async ({ officeId }) => {
			if (!mayWatchOffice(principal(), officeId)) throw new TalonError(principal().kind === 'public' ? 'unauthorized' : 'wrong_office');
			await socket.join(rooms.office(officeId));
			const [row] = await sql<{ lastSeq: number }[]>`select last_seq from offices where id = ${officeId}`;
			if (!row) throw new TalonError('office_not_found');
			return { officeId, seq: row.lastSeq };
		});

		on('office:snapshot', schema.officeRequest, async ({ officeId }) => {
			if (!mayWatchOffice(principal(), officeId)) throw new TalonError(principal().kind === 'public' ? 'unauthorized' : 'wrong_office');
			return sharedSnapshot(officeId);
		});

		on('desk:join', schema.deskRequest, async ({ deskId }) => {
			const [desk] = await sql<{ officeId: number }[]>`select office_id from desks where id = ${deskId}`;
			if (!desk) throw new TalonError('desk_not_found');
			if (!mayWatchOffice(principal(), desk.officeId)) throw new TalonError(principal().kind === 'public' ? 'unauthorized' : 'wrong_office');
			await socket.join(rooms.desk(deskId));
			return { deskId };
		});

		on('ticket:join', schema.ticketJoinRequest, async ({ publicCode }) => {
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

		on('ticket:issue', schema.issueRequest, async (req) => {
			const p = principal();
			if (p.kind === 'public') throw new TalonError('unauthorized');
			if (p.kind === 'device' && p.device.kind !== 'kiosk') throw new TalonError('forbidden');
			const issued = await engine.issueTicket(ctx, actorOf(p)!, {
				officeId: req.officeId,
				serviceId: req.serviceId,
				priorityReason: req.priorityReason ?? null,
				idempotencyKey: req.idempotencyKey ?? null,
				source: p.kind === 'device' ? 'kiosk' : (req.source ?? 'desk')
			});
			return issuedTicketReply(issued, handshakeOrigin(socket.handshake));
		});

		on('desk:call-next', schema.deskRequest, (r) => engine.callNext(ctx, staffActor(), r));
		on('ticket:recall', schema.deskTicketRequest, (r) => engine.recall(ctx, staffActor(), r));
		on('ticket:start', schema.deskTicketRequest, (r) => engine.startService(ctx, staffActor(), r));
		on('ticket:finish', schema.deskTicketRequest, (r) => engine.finish(ctx, staffActor(), r));
		on('ticket:no-show', schema.deskTicketRequest, (r) => engine.markNoShow(ctx, staffActor(), r));
		on('ticket:return', schema.returnRequest, (r) => engine.returnToQueue(ctx, staffActor(), r));
		on('ticket:transfer', schema.transferRequest, (r) => engine.transfer(ctx, staffActor(), r));
		on('desk:open', schema.deskRequest, (r) => engine.openDesk(ctx, staffActor(), r));
		on('desk:pause', schema.deskRequest, (r) => engine.pauseDesk(ctx, staffActor(), r));
		on('desk:resume', schema.deskRequest, (r) => engine.resumeDesk(ctx, staffActor(), r));
		on('desk:close', schema.deskRequest, (r) => engine.closeDesk(ctx, staffActor(), r));

		attachKiosk(server, socket, { sql, ctx });
	});
}
