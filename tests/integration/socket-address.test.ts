import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { clientAddressResolver, trustProxyOnSockets, type AddressSettings } from '../../src/lib/server/client-address';

/**
 * A Socket.IO handshake gets the client's address by the same rule as an HTTP request: behind a
 * proxy (ADDRESS_HEADER) from its header, otherwise from the connection, with any forwarding
 * header a client sends ignored. Real server, real clients; the address is what the middleware
 * after ours (the app's own) sees.
 */
let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
	await stop?.();
	stop = null;
});

async function serve(settings: AddressSettings) {
	const http = createServer();
	const io = new Server(http);
	const warnings: string[] = [];
	trustProxyOnSockets(
		io,
		clientAddressResolver(settings, (m) => warnings.push(m))
	);
	const seen: string[] = [];
	io.use((socket, next) => {
		seen.push(socket.handshake.address);
		next();
	});
	io.on('connection', (socket) => socket.emit('address', socket.handshake.address));
	await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
	const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
	const clients: Socket[] = [];
	stop = async () => {
		for (const c of clients) c.close();
		await new Promise<void>((r) => io.close(() => r()));
	};
	/** The address the server saw for a client sending these headers (websocket or long polling). */
	const addressOf = (headers: Record<string, string>, transport: 'websocket' | 'polling' = 'websocket') =>
		new Promise<string>((resolve, reject) => {
			const c = connect(url, { transports: [transport], extraHeaders: headers, forceNew: true, reconnection: false });
			clients.push(c);
			c.once('address', resolve);
			c.once('connect_error', reject);
		});
	return { addressOf, seen, warnings };
}

describe('Socket.IO handshake address', () => {
	it('behind a proxy (x-forwarded-for, depth 1): two clients are two addresses, whatever they wrote to the left', async () => {
		const s = await serve({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: 1 });
		expect(await s.addressOf({ 'x-forwarded-for': '203.0.113.1' })).toBe('203.0.113.1');
		expect(await s.addressOf({ 'x-forwarded-for': '203.0.113.2' }, 'polling')).toBe('203.0.113.2');
		expect(await s.addressOf({ 'x-forwarded-for': '6.6.6.6, 203.0.113.1' })).toBe('203.0.113.1');
		expect(s.seen).toEqual(['203.0.113.1', '203.0.113.2', '203.0.113.1']);
	});

	it('without ADDRESS_HEADER a forged x-forwarded-for is ignored: the connecting address counts', async () => {
		const s = await serve({ ADDRESS_HEADER: undefined, XFF_DEPTH: 1 });
		expect(await s.addressOf({ 'x-forwarded-for': '203.0.113.1' })).toBe('127.0.0.1');
		expect(await s.addressOf({ 'x-forwarded-for': '203.0.113.2', 'x-real-ip': '203.0.113.3' }, 'polling')).toBe('127.0.0.1');
	});

	it('a connection past the proxy (no header) counts under its own address, and the log says so once', async () => {
		const s = await serve({ ADDRESS_HEADER: 'x-real-ip', XFF_DEPTH: 1 });
		expect(await s.addressOf({})).toBe('127.0.0.1');
		expect(await s.addressOf({})).toBe('127.0.0.1');
		expect(await s.addressOf({ 'x-real-ip': '198.51.100.7' })).toBe('198.51.100.7');
		expect(s.warnings).toHaveLength(1);
	});
});
