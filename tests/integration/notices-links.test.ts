import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createECDH, randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { adminWorld, auditRows, type AdminWorld } from '../helpers/admin';
import { callNext, finish, issueTicket, recall, startService } from '../../src/lib/server/queue';
import { checkStopLink, createAlert, stopAlert, ticketAlerts } from '../../src/lib/server/notices/alerts';
import { newAlertBody, type NewAlert } from '../../src/lib/schemas/notices';
import { createSender } from '../../src/lib/server/notices/sender';
import { vapidKeys, webPush } from '../../src/lib/server/notices/channels/web-push';
import { stopKey, stopSignature } from '../../src/lib/server/notices/stop';
import { getAdminOffice, updateOffice } from '../../src/lib/server/admin/offices';
import { officePatch } from '../../src/lib/schemas/admin-offices';

/**
 * The parts of issue 13 left by the outbox: a push alert through the whole flow (desk calls → one
 * encrypted push at a local push endpoint), the per-office "links in SMS" switch, and the signed
 * stop link of every ticket e-mail.
 */
let db: TestDatabase;
let offices = 0;
const clock = new Date('2026-11-23T07:00:00Z');
const now = () => clock;

const pushes: { path: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
const pushService = createServer(async (req, res) => {
	const chunks: Buffer[] = [];
	for await (const c of req) chunks.push(c as Buffer);
	pushes.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
	res.writeHead(201).end();
});
let endpoint = '';

beforeAll(async () => {
	db = await createTestDatabase();
	await new Promise<void>((r) => pushService.listen(0, '127.0.0.1', () => r()));
	endpoint = `http://127.0.0.1:${(pushService.address() as AddressInfo).port}/push/phone`;
});
afterAll(async () => {
	pushService.closeAllConnections();
	await new Promise<void>((r) => pushService.close(() => r()));
	await db?.close();
});

const office = (): Promise<Fixture> => makeOffice(db.sql, { slug: `links-office-${++offices}`, now });
async function issue(f: Fixture) {
	const issued = await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
	return { ...issued.ticket, publicCode: issued.publicCode };
}
const alert = (body: unknown): NewAlert => newAlertBody.parse(body);
const bodies = async (ticketId: number, channel: string) =>
	(
		await db.sql<{ kind: string; text: string; url: string | null }[]>`
			select kind, body->>'text' as text, body->>'url' as url from notifications where ticket_id = ${ticketId} and channel = ${channel} order by id`
	).map((r) => ({ kind: r.kind, text: r.text, url: r.url }));

describe('push alert', () => {
	it('desks call: the "ahead" and the call notices go to the push endpoint once each, encrypted and VAPID-signed', async () => {
		const f = await office();
		await issue(f);
		await issue(f);
		const mine = await issue(f);
		const ecdh = createECDH('prime256v1');
		ecdh.generateKeys();
		const subscription = {
			endpoint,
			keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') }
		};
		const view = await createAlert(db.sql, mine.publicCode, alert({ channel: 'push', subscription, ahead: 1 }), 'ru', clock);
		expect(view).toMatchObject({ channel: 'push', ahead: 1, aheadSent: false });
		expect(view.to).toContain('127.0.0.1');

		const keys = await vapidKeys(db.sql);
		const sender = createSender({ sql: db.sql, channels: { push: webPush({ keys, subject: 'mailto:noreply@talon.invalid' }) }, now });
		await callNext(f.ctx, f.actor, { deskId: f.desks[0]! }); // 1 ahead: the "ahead" notice
		await sender.tick();
		expect(pushes).toHaveLength(1);
		const me = (await callNext(f.ctx, f.actor, { deskId: f.desks[1]! })).ticket!;
		expect(me.number).toBe('П002');
		await callNext(f.ctx, f.actor, { deskId: f.desks[1]! }).catch(() => null); // busy: nothing
		// The second desk frees and calls mine.
		await startService(f.ctx, f.actor, { deskId: f.desks[1]!, ticketId: me.id });
		await finish(f.ctx, f.actor, { deskId: f.desks[1]!, ticketId: me.id });
		await callNext(f.ctx, f.actor, { deskId: f.desks[1]! });
		await sender.tick();
		await sender.tick(); // nothing is sent twice
		expect(pushes).toHaveLength(2);
		for (const p of pushes) {
			expect(p.path).toBe('/push/phone');
			expect(p.headers['content-encoding']).toBe('aes128gcm');
			expect(String(p.headers.authorization)).toMatch(new RegExp(`^vapid t=\\S+, k=${keys.publicKey}$`));
			expect(p.body.includes(Buffer.from('Талон'))).toBe(false);
		}
		const sent = await bodies(mine.id, 'push');
		expect(sent.map((s) => [s.kind, s.text])).toEqual([
			['ticket_ahead', 'Талон П003: перед вами 1'],
			['ticket_called', 'Талон П003: Вас вызывают к окну 2']
		]);
		// A tap on the notification opens the ticket's page.
		expect(sent.every((s) => s.url?.endsWith(`/t/${mine.publicCode}`))).toBe(true);
		const states = await db.sql`select distinct state from notifications where ticket_id = ${mine.id}`;
		expect(states.map((r) => r.state)).toEqual(['sent']);
	});
});

describe('links in SMS (per office)', () => {
	let w: AdminWorld;
	beforeAll(async () => {
		w = await adminWorld(db.sql);
	});

	it('off by default: the SMS has no link; an admin turns it on (audited) and the next SMS ends with the /t link', async () => {
		const f = await office();
		const slug = `links-office-${offices}`;
		expect((await getAdminOffice(db.sql, w.scope.admin, slug)).smsLinks).toBe(false);
		const mine = await issue(f);
		await createAlert(db.sql, mine.publicCode, alert({ channel: 'sms', to: '+79161234567', ahead: 1 }), 'ru', clock);
		await callNext(f.ctx, f.actor, { deskId: f.desks[0]! });
		expect((await bodies(mine.id, 'sms')).map((s) => s.text)).toEqual(['Талон П001: перед вами 0', 'Талон П001: Вас вызывают к окну 1']);

		const before = (await auditRows(db.sql)).length;
		// The form sends the checkbox as "on"; an absent checkbox is false.
		const patch = officePatch.parse({ smsLinks: true });
		expect((await updateOffice(db.sql, w.scope.admin, slug, patch)).smsLinks).toBe(true);
		const rows = await auditRows(db.sql);
		expect(rows.slice(before)).toEqual([
			expect.objectContaining({ action: 'update', before: { smsLinks: false }, after: { smsLinks: true } })
		]);

		await recall(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: mine.id });
		const texts = (await bodies(mine.id, 'sms')).map((s) => s.text);
		expect(texts[2]).toMatch(new RegExp(`^Талон П001: Вас вызывают к окну 1 \\S*/t/${mine.publicCode}$`));
	});
});

describe('stop link of ticket e-mails', () => {
	it('every ticket e-mail carries a signed stop link; the link deletes only its own alert; a forged one is refused', async () => {
		const f = await office();
		const mine = await issue(f);
		const other = await issue(f);
		await createAlert(db.sql, mine.publicCode, alert({ channel: 'email', to: 'anna@example.ru', ahead: 1 }), 'ru', clock);
		await createAlert(db.sql, mine.publicCode, alert({ channel: 'sms', to: '+79161234567', ahead: 1 }), 'ru', clock);
		await createAlert(db.sql, other.publicCode, alert({ channel: 'email', to: 'boris@example.ru', ahead: 1 }), 'en', clock);
		await callNext(f.ctx, f.actor, { deskId: f.desks[0]! });
		const mails = await bodies(mine.id, 'email');
		expect(mails.map((m) => m.kind)).toEqual(['ticket_ahead', 'ticket_called']);
		const key = await stopKey(db.sql);
		const sig = stopSignature(key, mine.publicCode, 'email');
		for (const m of mails) expect(m.text).toContain(`Отписаться: `);
		for (const m of mails) expect(m.text).toContain(`/t/${mine.publicCode}/stop?channel=email&sig=${sig}`);
		expect((await bodies(other.id, 'email'))[0]!.text).toContain(`Stop these e-mails: `);

		// A link made for another ticket or channel, or a changed signature, is refused.
		expect(await checkStopLink(db.sql, mine.publicCode, 'email', sig)).toEqual({ number: 'П001' });
		expect(await checkStopLink(db.sql, other.publicCode, 'email', sig)).toBeNull();
		expect(await checkStopLink(db.sql, mine.publicCode, 'sms', sig)).toBeNull();
		expect(await checkStopLink(db.sql, mine.publicCode, 'email', sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A'))).toBeNull();
		await expect(stopAlert(db.sql, other.publicCode, 'email', sig)).rejects.toMatchObject({ code: 'not_found' });
		expect(await ticketAlerts(db.sql, other.publicCode)).toHaveLength(1);

		expect(await stopAlert(db.sql, mine.publicCode, 'email', sig)).toBe(true);
		expect((await ticketAlerts(db.sql, mine.publicCode)).map((a) => a.channel)).toEqual(['sms']);
		// Twice is fine (the link may be opened again); no more e-mails on a recall.
		expect(await stopAlert(db.sql, mine.publicCode, 'email', sig)).toBe(true);
		await recall(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: mine.id });
		expect(await bodies(mine.id, 'email')).toHaveLength(2);
		expect(await bodies(mine.id, 'sms')).toHaveLength(3);
	});
});
