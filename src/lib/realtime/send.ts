import type { Socket } from 'socket.io-client';
import type { Ack } from './contract';
import type { CommandData, CommandInput, CommandName } from './commands';
import type { TalonSocket } from './feed';

/** How long a command waits for its acknowledgement by default (ms). */
export const SEND_TIMEOUT_MS = 8000;

/**
 * Sends one command of the contract (./commands.ts) and resolves with its typed
 * acknowledgement. A command with no answer within `timeoutMs` (the connection dropped mid-way)
 * resolves as `{ error: { code: 'unavailable' } }` with an empty message for the page to word:
 * the server either ran it or not, and the live state tells which (an idempotency key makes a
 * retry safe where it matters).
 */
export async function send<K extends CommandName>(
	socket: TalonSocket,
	name: K,
	input: CommandInput<K>,
	timeoutMs = SEND_TIMEOUT_MS
): Promise<Ack<CommandData<K>>> {
	// socket.io's typed `emitWithAck` cannot take a generic event name; the types of `name`,
	// `input` and the answer are held by this function's signature instead.
	const wire: Socket = socket;
	try {
		return (await wire.timeout(timeoutMs).emitWithAck(name, input)) as Ack<CommandData<K>>;
	} catch {
		return { error: { code: 'unavailable', message: '' } };
	}
}
