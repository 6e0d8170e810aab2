import { isIP } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
import type { Server } from 'socket.io';
import { config, type Config } from './config';
import { log } from './log';

/**
 * The client's address, by one rule for HTTP requests and Socket.IO handshakes. Booking limits
 * and sign-in throttling count per address, so behind a reverse proxy the address must come
 * from the proxy's header, or every citizen would share the proxy's one bucket; and without a
 * proxy no header may be believed, or a bot would pick a fresh address per request.
 *
 * - `ADDRESS_HEADER` unset: the connecting (TCP) address; forwarding headers are ignored.
 * - `ADDRESS_HEADER=x-forwarded-for`: the entry `XFF_DEPTH` places from the right (each proxy
 *   appends the address it saw, so entries further left were written by the client).
 * - any other header (`x-real-ip`): its value.
 *
 * The same variables and meaning as adapter-node's own `getClientAddress`, but a request that
 * lacks the header (sent to the port directly, past the proxy) counts under its connecting
 * address instead of failing with a 500, and an IPv4 address seen as IPv6 (`::ffff:10.0.0.1`)
 * is written as IPv4, so both forms share one bucket.
 */
export type AddressSettings = Pick<Config, 'ADDRESS_HEADER' | 'XFF_DEPTH'>;

export interface ResolvedAddress {
	address: string;
	/** Set when the configured header was missing or unusable and the connecting address was used. */
	problem?: string;
}

export function resolveClientAddress(headers: IncomingHttpHeaders, peer: string | undefined, settings: AddressSettings): ResolvedAddress {
	const connecting = normalise(peer ?? '') || 'unknown';
	const name = settings.ADDRESS_HEADER;
	if (!name) return { address: connecting };
	const raw = headers[name];
	const value = Array.isArray(raw) ? raw.join(',') : raw;
	if (!value)
		return { address: connecting, problem: `a request came without the ${name} header (ADDRESS_HEADER): was it sent past the proxy?` };
	let candidate = value;
	if (name === 'x-forwarded-for') {
		const entries = value.split(',');
		// Fewer entries than proxies: the request passed fewer proxies than configured; the
		// leftmost entry was still written by one of them.
		candidate = entries[Math.max(0, entries.length - settings.XFF_DEPTH)] ?? '';
	}
	const address = normalise(candidate);
	if (!isIP(address)) return { address: connecting, problem: `the ${name} header (ADDRESS_HEADER) does not hold an IP address` };
	return { address };
}

function normalise(address: string): string {
	const a = address.trim();
	return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a;
}

/**
 * `resolveClientAddress` with the settings bound and each kind of problem reported once per
 * process (a misconfigured proxy should be noticed, not flood the log).
 */
export function clientAddressResolver(settings: AddressSettings, warn: (message: string) => void) {
	const reported = new Set<string>();
	return (headers: IncomingHttpHeaders, peer: string | undefined): string => {
		const { address, problem } = resolveClientAddress(headers, peer, settings);
		if (problem && !reported.has(problem)) {
			reported.add(problem);
			warn(`${problem} Counting it under the connecting address ${address}.`);
		}
		return address;
	};
}

type Resolver = ReturnType<typeof clientAddressResolver>;
let shared: Resolver | null = null;

/** The client's address under the process's settings (problems go to the log). */
export const clientAddress: Resolver = (headers, peer) => (shared ??= clientAddressResolver(config(), (m) => log.warn(m)))(headers, peer);

/**
 * Socket.IO middleware: `socket.handshake.address` becomes the client's address by the rule
 * above, for every handler after it. Register it before the other middleware.
 */
export function trustProxyOnSockets(io: Server, resolve: Resolver = clientAddress): void {
	io.use((socket, next) => {
		socket.handshake.address = resolve(socket.handshake.headers, socket.handshake.address);
		next();
	});
}
