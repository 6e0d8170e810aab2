import type { z } from 'zod';
import type { ErrorBody } from '$lib/errors';

/**
 * The machinery of the Socket.IO contract: every client-to-server event is one entry of a map
 * (src/lib/realtime/commands.ts) naming its input schema, who may send it and the type of its
 * acknowledgement's data. The event types, the server's handler registration and the client's
 * `send` are all derived from that map, so a renamed or removed event fails the type check
 * wherever it is used.
 */

/** Every acknowledgement: `{ data }` or `{ error: { code, message, fields? } }`. */
export type Ack<T> = { data: T; error?: undefined } | { data?: undefined; error: ErrorBody };

/**
 * Who may send a command; the server checks it before the handler runs
 * (src/lib/server/realtime/on.ts):
 * - `public`: anyone (a visitor's phone following a ticket);
 * - `office`: staff of the office or a device paired to it (the handler checks the office);
 * - `issue`: staff, or a kiosk;
 * - `desk`: staff acting at one desk (`{ deskId }`): an operator only at a desk that is theirs
 *   (src/lib/server/auth/desk-guard.ts);
 * - `kiosk`: a kiosk's screen or its agent (kiosk token);
 * - `agent`: the kiosk's print agent only (kiosk token and `auth.agent: true`).
 */
export type Scope = 'public' | 'office' | 'issue' | 'desk' | 'kiosk' | 'agent';

/** The type of a command's acknowledgement data, carried in the map for the type checker only. */
export interface Returns<T> {
	readonly __returns?: T;
}
export const returns = <T>(): Returns<T> => ({});

export interface CommandSpec {
	input: z.ZodType;
	scope: Scope;
	returns: Returns<unknown>;
	/** The operator console's name for a desk command (its button and shortcut). */
	action?: string;
}

export type DataOf<S extends CommandSpec> = S['returns'] extends Returns<infer T> ? T : never;
