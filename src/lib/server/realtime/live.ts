import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import { rateAtDesk } from '$lib/server/ratings/ratings';
import { on, type TalonServer, type TalonServerSocket } from './on';

/**
 * The rating pad's and the live dashboard's socket commands (src/lib/realtime/live-events.ts).
 */
export function attachLive(_io: TalonServer, socket: TalonServerSocket, deps: { sql: Sql }): void {
	const { sql } = deps;

	on(socket, 'rating:pad', async (req, p) => {
		if (p.kind === 'public') throw new TalonError('unauthorized');
		return rateAtDesk(sql, p.kind === 'device' ? p.device : null, req);
	});
}
