import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { enqueue } from '../../src/lib/server/notices/outbox';
import { createSender } from '../../src/lib/server/notices/sender';
import { smppSms, parseReceipt } from '../../src/lib/server/notices/channels/smpp';
import { recordDeliveryReport } from '../../src/lib/server/notices/delivery';
import { channelsFromConfig } from '../../src/lib/server/notices/channels';
import { readConfig } from '../../src/lib/server/config';

/**
 * The SMPP channel against the `smpp` package's own server (a local SMSC): bind with the URL's
 * credentials, submit_sm in UCS-2, a delivery receipt (deliver_sm) recorded on the notice.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the package has no types
const smpp = createRequire(import.meta.url)('smpp') as any;

interface Submitted {
	to: string;
	text: string;
	dataCoding: number;
	registeredDelivery: number;
}
let db: TestDatabase;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let smsc: any;
let port = 0;
const submitted: Submitted[] = [];
let binds: { systemId: string; password: string }[] = [];
let refuseNext = 0;
let nextId = 1000;

beforeAll(async () => {
	db = await createTestDatabase();
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	smsc = smpp.createServer((session: any) => {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		session.on('bind_transceiver', (pdu: any) => {
			binds.push({ systemId: pdu.system_id, password: pdu.password });
			if (pdu.password !== 'secret') {
				session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
				session.close();
				return;
			}
			session.send(pdu.response());
		});
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		session.on('submit_sm', (pdu: any) => {
			if (refuseNext > 0) {
				refuseNext--;
				session.send(pdu.response({ command_status: smpp.ESME_RSYSERR }));
				return;
			}
			const id = String(nextId++);
			submitted.push({
				to: pdu.destination_addr,
				text: pdu.short_message.message,
				dataCoding: pdu.data_coding,
				registeredDelivery: pdu.registered_delivery
			});
			session.send(pdu.response({ message_id: id }));
			// The handset got it: the SMSC reports back on the same session.
			setTimeout(
				() =>
					session.deliver_sm({
						source_addr: pdu.destination_addr,
						destination_addr: pdu.source_addr,
						esm_class: 4,
						short_message: `id:${id} sub:001 dlvrd:001 submit date:2611230900 done date:2611230901 stat:DELIVRD err:000 text:`
					}),
				20
			);
		});
		session.on('enquire_link', (pdu: { response(): unknown }) => session.send(pdu.response()));
	});
	await new Promise<void>((r) => smsc.listen(0, '127.0.0.1', () => r()));
	port = (smsc.address() as AddressInfo).port;
});
const opened: { close?(): Promise<void> }[] = [];
afterAll(async () => {
	for (const c of opened) await c.close?.();
	for (const session of smsc?.sessions ?? []) session.close();
	await new Promise<void>((r) => smsc.close(() => r()));
	await db?.close();
});
beforeEach(async () => {
	await db.sql`delete from notifications`;
	submitted.length = 0;
	binds = [];
});

const notice = (text: string) => ({
	officeId: null,
	kind: 'ticket_called' as const,
	channel: 'sms' as const,
	recipient: '+79161234567',
	locale: 'ru' as const,
	body: { text }
});
const recordReceipts = (r: { providerId: string; state: string }) => recordDeliveryReport(db.sql, r, new Date()).then(() => {});

async function until(check: () => Promise<boolean>, ms = 5000) {
	const end = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 20));
	}
}

describe('SMPP', () => {
	it('binds with the URL credentials, submits in UCS-2 and records the delivery receipt', async () => {
		await enqueue(db.sql, [notice('Талон П005: Вас вызывают к окну 5')], new Date());
		const channel = smppSms({ url: `smpp://talon:secret@127.0.0.1:${port}`, onReceipt: recordReceipts });
		opened.push(channel);
		const sender = createSender({ sql: db.sql, channels: { sms: channel } });
		expect(await sender.tick()).toBe(1);
		expect(binds).toEqual([{ systemId: 'talon', password: 'secret' }]);
		expect(submitted).toEqual([{ to: '79161234567', text: 'Талон П005: Вас вызывают к окну 5', dataCoding: 8, registeredDelivery: 1 }]);
		const [sent] = await db.sql`select state, provider_id from notifications`;
		expect(sent).toMatchObject({ state: 'sent', providerId: '1000' });
		await until(async () => (await db.sql`select delivery from notifications`)[0]!.delivery === 'DELIVRD');
		// One session for many messages.
		await enqueue(db.sql, [notice('Talon: one'), notice('Talon: two')], new Date());
		expect(await sender.tick()).toBe(2);
		expect(binds).toHaveLength(1);
		expect(submitted.slice(1).map((s) => [s.text, s.dataCoding])).toEqual([
			['Talon: one', 1],
			['Talon: two', 1]
		]);
		await channel.close?.();
	});

	it('an SMSC error is retried; a refused bind is a failure with the reason', async () => {
		let clock = new Date('2026-11-23T09:00:00Z');
		await enqueue(db.sql, [notice('x')], clock);
		refuseNext = 1;
		const ok = smppSms({ url: `smpp://talon:secret@127.0.0.1:${port}`, onReceipt: recordReceipts });
		opened.push(ok);
		const sender = createSender({ sql: db.sql, channels: { sms: ok }, now: () => clock });
		await sender.tick();
		expect((await db.sql`select state, last_error from notifications`)[0]).toMatchObject({
			state: 'pending',
			lastError: 'SMPP submit_sm refused (status 0x8)'
		});
		clock = new Date(clock.getTime() + 60_000);
		await sender.tick();
		expect((await db.sql`select state from notifications`)[0]!.state).toBe('sent');
		await ok.close?.();

		await db.sql`delete from notifications`;
		await enqueue(db.sql, [notice('y')], new Date());
		const wrong = smppSms({ url: `smpp://talon:wrong@127.0.0.1:${port}`, onReceipt: recordReceipts });
		opened.push(wrong);
		await createSender({ sql: db.sql, channels: { sms: wrong } }).tick();
		expect((await db.sql`select state, last_error from notifications`)[0]).toMatchObject({
			state: 'pending',
			lastError: expect.stringContaining('bind refused')
		});
		await wrong.close?.();
	});

	it('reads receipts from the text or the TLVs', () => {
		expect(parseReceipt({ short_message: { message: 'id:77 sub:001 dlvrd:000 stat:UNDELIV err:001' } })).toEqual({
			providerId: '77',
			state: 'UNDELIV'
		});
		expect(parseReceipt({ receipted_message_id: 'ab', message_state: 2, short_message: '' })).toEqual({
			providerId: 'ab',
			state: 'DELIVRD'
		});
		expect(parseReceipt({ short_message: 'hello' })).toBeNull();
	});
});

describe('channels from the settings', () => {
	it('log by default; webhook and smpp need their companions', () => {
		expect(channelsFromConfig(db.sql, readConfig({})).sms?.provider).toBe('log');
		expect(channelsFromConfig(db.sql, readConfig({})).email?.provider).toBe('log');
		expect(() => channelsFromConfig(db.sql, readConfig({ SMS_PROVIDER: 'webhook' }))).toThrow(/SMS_URL and SMS_SECRET/);
		expect(() => channelsFromConfig(db.sql, readConfig({ SMS_PROVIDER: 'smpp' }))).toThrow(/SMPP_URL/);
		const c = channelsFromConfig(
			db.sql,
			readConfig({ SMS_PROVIDER: 'smpp', SMPP_URL: 'smpp://a:b@127.0.0.1:2775', SMTP_URL: 'smtp://127.0.0.1:25' })
		);
		expect([c.sms?.provider, c.email?.provider]).toEqual(['smpp', 'smtp']);
	});
});
