import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createECDH, randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { enqueue } from '../../src/lib/server/notices/outbox';
import { createSender } from '../../src/lib/server/notices/sender';
import { vapidKeys, vapidSubject, webPush } from '../../src/lib/server/notices/channels/web-push';

/**
 * Web Push against a local push service endpoint: the VAPID key pair is made once and kept in the
 * database; the request carries `Authorization: vapid t=<JWT for the endpoint's origin>, k=<our
 * public key>`, an aes128gcm-encrypted body and a TTL; 410 (subscription gone) fails at once.
 */
let db: TestDatabase;
const requests: { path: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
let status = 201;
const server = createServer(async (req, res) => {
	const chunks: Buffer[] = [];
	for await (const c of req) chunks.push(c as Buffer);
	requests.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
	res.writeHead(status, { location: `/msg/${requests.length}` }).end();
});
let endpoint = '';

beforeAll(async () => {
	db = await createTestDatabase();
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/push/device-1`;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((r) => server.close(() => r()));
	await db?.close();
});

function subscription() {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	return { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } };
}

describe('Web Push', () => {
	it('keeps one VAPID key pair in the database', async () => {
		const a = await vapidKeys(db.sql);
		expect(await vapidKeys(db.sql)).toEqual(a);
		expect(a.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
		expect(vapidSubject('http://localhost:3000')).toBe('mailto:noreply@talon.invalid');
		expect(vapidSubject('https://talon.example')).toBe('https://talon.example');
	});

	it('sends an encrypted, VAPID-signed request to the subscription endpoint; 410 fails at once', async () => {
		const keys = await vapidKeys(db.sql);
		const push = webPush({ keys, subject: 'https://talon.example' });
		const now = new Date();
		const notice = {
			officeId: null,
			kind: 'ticket_called' as const,
			channel: 'push' as const,
			locale: 'ru' as const,
			body: { text: 'Талон П005: Вас вызывают к окну 2' }
		};
		await enqueue(db.sql, [{ ...notice, recipient: JSON.stringify(subscription()) }], now);
		await createSender({ sql: db.sql, channels: { push } }).tick();
		expect(requests).toHaveLength(1);
		const r = requests[0]!;
		expect(r.path).toBe('/push/device-1');
		expect(r.headers['content-encoding']).toBe('aes128gcm');
		expect(Number(r.headers.ttl)).toBe(600);
		const auth = String(r.headers.authorization);
		expect(auth).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
		expect(auth.split('k=')[1]).toBe(keys.publicKey);
		const jwt = JSON.parse(Buffer.from(auth.slice('vapid t='.length).split('.')[1]!, 'base64url').toString());
		expect(jwt).toMatchObject({ aud: new URL(endpoint).origin, sub: 'https://talon.example' });
		// Encrypted: the text is not in the body.
		expect(r.body.includes(Buffer.from('Вас вызывают'))).toBe(false);
		expect(r.body.length).toBeGreaterThan(80);
		expect((await db.sql`select state, provider_id from notifications`)[0]).toMatchObject({ state: 'sent', providerId: '/msg/1' });

		status = 410;
		await db.sql`delete from notifications`;
		await enqueue(db.sql, [{ ...notice, recipient: JSON.stringify(subscription()) }], now);
		await createSender({ sql: db.sql, channels: { push } }).tick();
		expect((await db.sql`select state, last_error from notifications`)[0]).toMatchObject({
			state: 'failed',
			lastError: 'push service answered 410'
		});
	});
});
