import type { Server, Socket } from 'socket.io';
import { TalonError } from '$lib/errors';
import type { Locale } from '$lib/i18n/locale';
import {
	commands,
	type ClientToServerEvents,
	type CommandData,
	type CommandName,
	type CommandRequest,
	type Commands
} from '$lib/realtime/commands';
import type { Ack, Scope } from '$lib/realtime/contract';
import type { ServerToClientEvents } from '$lib/realtime/events';
import type { Actor } from '$lib/server/queue';
import type { DevicePrincipal } from '$lib/server/auth/devices';
import { toErrorBody } from '$lib/server/edge/errors';
import type { Principal } from '$lib/server/edge/principal';
import { timedCommand } from '$lib/server/ops/metrics';

export interface SocketData {
	principal: Principal;
	locale: Locale;
}
export type TalonServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type TalonServerSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

type StaffActor = Extract<Actor, { kind: 'staff' }>;
type DeviceActor = Extract<Actor, { kind: 'device' }>;

/** Who sent a command, as its scope (src/lib/realtime/contract.ts) lets the handler see them. */
export interface Sender {
	public: Principal;
	office: Principal;
	issue: StaffActor | DeviceActor;
	desk: StaffActor;
	kiosk: DevicePrincipal;
	agent: DevicePrincipal;
}
export type SenderOf<K extends CommandName> = Sender[Commands[K]['scope']];

/** Is this socket the kiosk's print agent (`auth.agent: true` with a kiosk token)? */
export const isKioskAgent = (socket: TalonServerSocket): boolean => (socket.handshake.auth as { agent?: unknown }).agent === true;

/**
 * The scope check, the same for every command: `unauthorized` for someone not signed in,
 * `forbidden` for someone signed in as the wrong kind. Finer rules (which office, which desk)
 * are the handler's and the engine's.
 */
export function authorise<S extends Scope>(scope: S, socket: TalonServerSocket): Sender[S] {
	const p = socket.data.principal;
	const refuse = () => new TalonError(p.kind === 'public' ? 'unauthorized' : 'forbidden');
	const kiosk = p.kind === 'device' && p.device.kind === 'kiosk' ? p.device : null;
	const staff = (): StaffActor => {
		if (p.kind === 'staff') return { kind: 'staff', staffId: p.staff.staffId, officeIds: p.staff.officeIds };
		throw refuse();
	};
	const check: { [K in Scope]: () => Sender[K] } = {
		public: () => p,
		office: () => p,
		issue: () => (kiosk ? { kind: 'device', deviceId: kiosk.deviceId, officeId: kiosk.officeId } : staff()),
		desk: staff,
		kiosk: () => {
			if (kiosk) return kiosk;
			throw refuse();
		},
		agent: () => {
			if (kiosk && isKioskAgent(socket)) return kiosk;
			throw refuse();
		}
	};
	return check[scope]();
}

/**
 * Registers the handler of one command of the contract (src/lib/realtime/commands.ts), in the
 * one order every handler follows: validate the input with the command's zod schema, authorise
 * the sender by the command's scope, act (`run`), acknowledge `{ data } | { error }`. Anything
 * thrown becomes `{ error }` (a typed error keeps its code; anything else is `internal`).
 */
export function on<K extends CommandName>(
	socket: TalonServerSocket,
	name: K,
	run: (req: CommandRequest<K>, sender: SenderOf<K>) => Promise<CommandData<K>>
): void {
	const spec = commands[name];
	// The wire carries whatever a client sent: the listener takes unknowns and the types hold
	// from the schema's parse on. (socket.io's typed `on` cannot take a generic event name.)
	const wire: Socket = socket;
	const event: string = name;
	wire.on(event, async (raw: unknown, cb: unknown) => {
		const reply = typeof cb === 'function' ? (cb as (ack: Ack<CommandData<K>>) => void) : () => {};
		try {
			// TypeScript resolves `commands[K]` for a generic K to the union of all commands, so
			// it cannot see that this schema's output is K's request, nor this scope K's sender:
			// both are true by construction (one map entry gives both).
			const data = await timedCommand(name, 'socket', async () => {
				const req = spec.input.parse(raw ?? {}) as CommandRequest<K>;
				const sender = authorise(spec.scope, socket) as SenderOf<K>;
				return run(req, sender);
			});
			reply({ data });
		} catch (e) {
			reply({ error: toErrorBody(e, socket.data.locale).body });
		}
	});
}
