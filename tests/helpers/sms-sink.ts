import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A local SMS gateway for `SMS_PROVIDER=webhook`: checks `X-Talon-Signature` (HMAC-SHA256 of the
 * raw body with the shared secret) and records each accepted message. `answer` decides each
 * request: a status code, or `hang` (no answer until `release()`), as a flaky gateway would.
 */
export interface SinkMessage {
	id: string;
	to: string;
	text: string;
}

export interface SmsSink {
	url: string;
	secret: string;
	/** Every request that carried a valid signature, answered or not, in arrival order. */
	received: SinkMessage[];
	/** The messages answered 2xx (accepted), in order. */
	accepted: SinkMessage[];
	/** Requests refused for a bad signature. */
	badSignatures: number;
	answer: (msg: SinkMessage, nth: number) => number | 'hang';
	release(): void;
	close(): Promise<void>;
}

export async function startSmsSink(secret = 'test-secret-0123456789'): Promise<SmsSink> {
	const hung: ServerResponse[] = [];
	const sink: SmsSink = {
		url: '',
		secret,
		received: [],
		accepted: [],
		badSignatures: 0,
		answer: () => 200,
		release() {
			for (const res of hung.splice(0)) res.writeHead(503).end('released');
		},
		close: async () => {
			sink.release();
			const closed = new Promise<void>((r) => server.close(() => r()));
			server.closeAllConnections();
			await closed;
		}
	};
	const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const raw = Buffer.concat(chunks);
		const expected = createHmac('sha256', secret).update(raw).digest();
		const given = Buffer.from(String(req.headers['x-talon-signature'] ?? ''), 'hex');
		if (given.length !== expected.length || !timingSafeEqual(given, expected) || req.headers['content-type'] !== 'application/json') {
			sink.badSignatures++;
			res.writeHead(401).end('bad signature');
			return;
		}
		const msg = JSON.parse(raw.toString('utf8')) as SinkMessage;
		sink.received.push(msg);
		const a = sink.answer(msg, sink.received.filter((m) => m.id === msg.id).length);
		if (a === 'hang') {
			hung.push(res);
			return;
		}
		if (a < 300) sink.accepted.push(msg);
		res.writeHead(a, { 'content-type': 'application/json' }).end(a < 300 ? JSON.stringify({ id: `gw-${msg.id}` }) : 'gateway trouble');
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
	return sink;
}
