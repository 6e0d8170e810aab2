import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP load balancer in front of several nodes, as nginx is in production (docs/deploy.md):
 * each new client connection goes to the next live node in turn; a node that refuses the
 * connection (killed) is skipped and marked down for `downMs`, like nginx's
 * `max_fails=1 fail_timeout`. Records which node each client connection went to.
 */
export interface Balancer {
	url: string;
	/** Connections currently open, by backend port. */
	open: Map<number, Set<Socket>>;
	close(): Promise<void>;
}

export async function startBalancer(ports: number[], opts: { downMs?: number } = {}): Promise<Balancer> {
	const down = new Map<number, number>();
	const open = new Map<number, Set<Socket>>(ports.map((p) => [p, new Set()]));
	let turn = 0;
	const all = new Set<Socket>();

	function pick(tried: Set<number>): number | null {
		for (let i = 0; i < ports.length; i++) {
			const port = ports[(turn + i) % ports.length]!;
			if (tried.has(port) || (down.get(port) ?? 0) > Date.now()) continue;
			turn = (turn + i + 1) % ports.length;
			return port;
		}
		return null;
	}

	const server: Server = createServer((client) => {
		all.add(client);
		client.on('close', () => all.delete(client));
		client.on('error', () => client.destroy());
		client.pause();
		const tried = new Set<number>();
		const attempt = () => {
			const port = pick(tried);
			if (port === null) return client.destroy();
			tried.add(port);
			const upstream = connect(port, '127.0.0.1');
			let connected = false;
			upstream.once('connect', () => {
				connected = true;
				open.get(port)!.add(client);
				client.on('close', () => open.get(port)!.delete(client));
				client.pipe(upstream).pipe(client);
				client.resume();
				upstream.on('close', () => client.destroy());
				client.on('close', () => upstream.destroy());
			});
			upstream.on('error', () => {
				if (connected) return client.destroy();
				// Refused: the node is down. Skip it for a while and try the next.
				down.set(port, Date.now() + (opts.downMs ?? 5000));
				attempt();
			});
		};
		attempt();
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		open,
		async close() {
			for (const c of all) c.destroy();
			await new Promise<void>((r) => server.close(() => r()));
		}
	};
}
