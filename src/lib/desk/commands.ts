import type { ErrorBody } from '$lib/errors';
import type { TalonSocket } from '$lib/realtime/feed';

/**
 * Sends one staff command over the socket and waits for its acknowledgement. A command that gets
 * no answer within `timeoutMs` (the connection dropped mid-way) is reported as `unavailable`: the
 * engine either ran it or not, and the live state the console shows tells which.
 */
export function send(socket: TalonSocket, event: string, payload: unknown, timeoutMs = 8000): Promise<{ data?: unknown; error?: ErrorBody }> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve({ error: { code: 'unavailable', message: '' } }), timeoutMs);
		(socket.emit as (e: string, p: unknown, cb: (a: { data?: unknown; error?: ErrorBody }) => void) => void)(event, payload, (ack) => {
			clearTimeout(timer);
			resolve(ack);
		});
	});
}

/** The socket event of each console action (`open`/`close` are the desk's shift). */
export const commandOf = {
	callNext: 'desk:call-next',
	recall: 'ticket:recall',
	start: 'ticket:start',
	finish: 'ticket:finish',
	noShow: 'ticket:no-show',
	returnToQueue: 'ticket:return',
	transfer: 'ticket:transfer',
	pause: 'desk:pause',
	resume: 'desk:resume',
	open: 'desk:open',
	close: 'desk:close'
} as const;
