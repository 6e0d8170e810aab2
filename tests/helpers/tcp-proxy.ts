import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between Talon and its database that a test can cut: `cut()` destroys every
 * connection and refuses new ones (as when the database host goes away), `hang()` accepts
 * connections but forwards nothing (a black hole: only timeouts notice), `restore()` forwards
 * again on the same port.
 */
export interface TcpProxy {
	readonly port: number;
	/** `url` with its host and port replaced by the proxy's. */
	url(url: string): string;
	cut(): Promise<void>;
	hang(): void;
	/** The local ports of the proxy's connections to the database (its `pg_stat_activity.client_port`s). */
	upstreamPorts(): number[];
	restore(): Promise<void>;
	close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
	const sockets = new Set<Socket>();
	const upstreams = new Set<Socket>();
	let mode: 'forward' | 'hang' = 'forward';
	let server: Server | null = null;
	let port = 0;

	function listen(): Promise<void> {
		const s = createServer((client) => {
			sockets.add(client);
			client.on('close', () => sockets.delete(client));
			client.on('error', () => {});
			if (mode === 'hang') return;
			const upstream = connect(target.port, target.host);
			sockets.add(upstream);
			upstreams.add(upstream);
			upstream.on('close', () => {
				sockets.delete(upstream);
				upstreams.delete(upstream);
				client.destroy();
			});
			upstream.on('error', () => client.destroy());
			client.on('close', () => upstream.destroy());
			client.pipe(upstream);
			upstream.pipe(client);
		});
		server = s;
		return new Promise((resolve, reject) => {
			s.once('error', reject);
			s.listen(port, '127.0.0.1', () => {
				port = (s.address() as { port: number }).port;
				resolve();
			});
		});
	}
	function destroyAll() {
		for (const s of sockets) s.destroy();
		sockets.clear();
	}
	async function stop() {
		const s = server;
		server = null;
		destroyAll();
		if (s) await new Promise<void>((r) => s.close(() => r()));
	}

	await listen();
	return {
		get port() {
			return port;
		},
		url(url: string) {
			const u = new URL(url);
			u.hostname = '127.0.0.1';
			u.port = String(port);
			return u.toString();
		},
		cut: stop,
		upstreamPorts: () => [...upstreams].map((u) => u.localPort).filter((port): port is number => port !== undefined),
		hang() {
			mode = 'hang';
			destroyAll();
		},
		async restore() {
			mode = 'forward';
			if (!server) await listen();
		},
		close: stop
	};
}
