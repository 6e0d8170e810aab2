import { engineHooks } from '../../src/lib/server/engine-hooks';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connectClient } from 'socket.io-client';
import type { Sql } from '../../src/lib/server/db/connect';
import type { EngineContext } from '../../src/lib/server/queue';
import { attachRealtime } from '../../src/lib/server/realtime/server';
import { createPublisher, socketSender } from '../../src/lib/server/realtime/publisher';
import { socketOptions, type TalonSocket } from '../../src/lib/realtime/feed';

/** A real Socket.IO server on a random port with the engine's publisher, as the app wires it. */
export interface RealtimeHarness {
	url: string;
	io: Server;
	http: HttpServer;
	ctx: EngineContext;
	/** While true, committed events are not sent (as if lost on the way): clients must detect the gap. */
	dropEvents: boolean;
	client(auth: Record<string, string>, opts?: { cookie?: string }): TalonSocket;
	close(): Promise<void>;
}

export async function startRealtime(sql: Sql): Promise<RealtimeHarness> {
	const http = createServer();
	const io = new Server(http);
	const send = socketSender(io);
	const harness = { dropEvents: false } as RealtimeHarness;
	const publisher = createPublisher((e) => {
		if (!harness.dropEvents) send(e);
	});
	const ctx: EngineContext = { sql, publish: (events) => publisher.publish(events), hooks: engineHooks };
	attachRealtime(io, { sql, ctx });
	await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
	const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
	const clients: TalonSocket[] = [];
	return Object.assign(harness, {
		url,
		io,
		http,
		ctx,
		client(auth: Record<string, string>, opts: { cookie?: string } = {}) {
			const socket: TalonSocket = connectClient(url, {
				...socketOptions,
				reconnectionDelay: 50,
				reconnectionDelayMax: 200,
				transports: ['websocket'],
				auth,
				extraHeaders: opts.cookie ? { cookie: opts.cookie } : undefined,
				forceNew: true
			});
			clients.push(socket);
			return socket;
		},
		async close() {
			for (const c of clients) c.close();
			await new Promise<void>((r) => io.close(() => r()));
		}
	});
}

export function until(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const tick = () => {
			if (check()) return resolve();
			if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
			setTimeout(tick, 10);
		};
		tick();
	});
}
