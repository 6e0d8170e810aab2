import { createRequire } from 'node:module';
import { log } from '$lib/server/log';
import { PermanentFailure, type Channel } from './channel';

// The `smpp` package ships no types; the little of it used here is typed below.
const smpp = createRequire(import.meta.url)('smpp') as {
	connect(options: { url: string; auto_enquire_link_period?: number }): SmppSession;
};

interface Pdu {
	command_status: number;
	message_id?: string;
	short_message?: { message?: string | Buffer } | string | Buffer;
	receipted_message_id?: string;
	message_state?: number;
	esm_class?: number;
	response(fields?: object): Pdu;
}
interface SmppSession {
	on(event: 'connect' | 'close', listener: () => void): void;
	on(event: 'error', listener: (e: Error) => void): void;
	on(event: 'deliver_sm', listener: (pdu: Pdu) => void): void;
	bind_transceiver(fields: object, cb: (pdu: Pdu) => void): void;
	submit_sm(fields: object, cb: (pdu: Pdu) => void): void;
	send(pdu: Pdu): void;
	close(): void;
	destroy?(): void;
}

/** A delivery report: the provider's message id and the final state (DELIVRD, UNDELIV, EXPIRED…). */
export type DeliveryReport = { providerId: string; state: string };

/** The state of an SMPP delivery receipt: the `receipted_message_id`/`message_state` TLVs or the text. */
export function parseReceipt(pdu: Pick<Pdu, 'short_message' | 'receipted_message_id' | 'message_state'>): DeliveryReport | null {
	const sm = pdu.short_message;
	const raw = typeof sm === 'object' && sm && !Buffer.isBuffer(sm) ? sm.message : sm;
	const text = raw === undefined ? '' : String(raw);
	const id = pdu.receipted_message_id ?? text.match(/id:(\S+)/)?.[1];
	const state =
		text.match(/stat:(\w+)/)?.[1] ?? (pdu.message_state === 2 ? 'DELIVRD' : pdu.message_state ? `state-${pdu.message_state}` : undefined);
	return id && state ? { providerId: id, state } : null;
}

/**
 * `SMS_PROVIDER=smpp`: one transceiver session to `SMPP_URL` (`smpp://system_id:password@host:2775`),
 * bound on first use and again after it dropped. Each SMS asks for a delivery receipt; receipts
 * arrive as `deliver_sm` on the same session and are handed to `onReceipt` (recorded on the notice).
 */
export function smppSms(opts: {
	url: string;
	from?: string;
	onReceipt: (r: DeliveryReport) => Promise<void>;
	timeoutMs?: number;
}): Channel {
	const u = new URL(opts.url);
	const credentials = { system_id: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
	const address = `smpp://${u.hostname}:${u.port || 2775}`;
	let bound: Promise<SmppSession> | null = null;

	function bind(): Promise<SmppSession> {
		return (bound ??= new Promise<SmppSession>((resolve, reject) => {
			const session = smpp.connect({ url: address, auto_enquire_link_period: 30_000 });
			const drop = (why: string) => {
				bound = null;
				reject(new Error(`SMPP ${why}`));
			};
			session.on('error', (e) => drop(`error: ${e.message}`));
			session.on('close', () => drop('session closed'));
			session.on('deliver_sm', (pdu) => {
				session.send(pdu.response());
				const report = parseReceipt(pdu);
				if (report) opts.onReceipt(report).catch((e) => log.warn({ err: e }, 'SMPP delivery report not recorded'));
			});
			session.on('connect', () =>
				session.bind_transceiver(credentials, (pdu) => {
					if (pdu.command_status === 0) resolve(session);
					else {
						session.close();
						drop(`bind refused (status ${pdu.command_status})`);
					}
				})
			);
		}));
	}

	return {
		name: 'sms',
		provider: 'smpp',
		async send(n) {
			const session = await bind();
			const pdu = await new Promise<Pdu>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error('SMPP submit_sm: no answer')), opts.timeoutMs ?? 15_000);
				session.submit_sm(
					{
						source_addr: opts.from ?? 'Talon',
						destination_addr: n.recipient.replace(/^\+/, ''),
						short_message: n.body.text,
						registered_delivery: 1
					},
					(p) => {
						clearTimeout(timer);
						resolve(p);
					}
				);
			});
			if (pdu.command_status === 0) return { providerId: pdu.message_id ?? null };
			// 0x0B invalid destination, 0x0A invalid source: a retry would not help.
			const reason = `SMPP submit_sm refused (status 0x${pdu.command_status.toString(16)})`;
			if ([0x0a, 0x0b].includes(pdu.command_status)) throw new PermanentFailure(reason);
			throw new Error(reason);
		},
		async close() {
			const b = bound;
			bound = null;
			if (b) (await b.catch(() => null))?.close();
		}
	};
}
