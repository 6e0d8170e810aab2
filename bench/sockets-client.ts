/**
 * One process of simulated clients for `bench/sockets.bench.ts` (run by it over IPC, not by hand):
 * boards and kiosks (device tokens, `office:join`, hear every `queue:event`) and phones following
 * their ticket on /t (`ticket:join`, hear `ticket:changed`). Reports, per called ticket, when the
 * last of its office sockets heard the call and when the ticket's phone (if here) heard it.
 */
import { io, type Socket } from 'socket.io-client';

interface Start {
	cmd: 'connect';
	url: string;
	bare: boolean;
	officeId: number;
	boards: number;
	kiosks: number;
	phones: string[];
	boardToken: string;
	kioskToken: string;
}
const now = () => performance.timeOrigin + performance.now();
const sockets: Socket[] = [];
/** number → [how many office sockets heard its call, when the last did] */
const heard = new Map<string, { n: number; last: number }>();
/** public code → when its phone heard the call */
const phoneHeard = new Map<string, number>();
/** The call being waited for: resolved once every office socket and its phone (if here) heard it. */
let waiting: { number: string; code: string; done: () => void } | null = null;
const myCodes = new Set<string>();
let officeSockets = 0;
const complete = (number: string, code: string) =>
	(heard.get(number)?.n ?? 0) >= officeSockets && (!myCodes.has(code) || phoneHeard.has(code));
const check = () => {
	if (waiting && complete(waiting.number, waiting.code)) waiting.done();
};

function open(url: string, auth: Record<string, string>): Promise<Socket> {
	return new Promise((resolve, reject) => {
		const s = io(url, { transports: ['websocket'], forceNew: true, auth, reconnection: false, timeout: 60_000 });
		s.once('connect', () => resolve(s));
		s.once('connect_error', reject);
		sockets.push(s);
	});
}

function ack(s: Socket, event: string, payload: unknown): Promise<unknown> {
	return new Promise((resolve, reject) =>
		s
			.timeout(60_000)
			.emit(event, payload, (err: Error | null, r: { error?: { code: string } }) =>
				err ? reject(err) : r?.error ? reject(new Error(`${event}: ${r.error.code}`)) : resolve(r)
			)
	);
}

function onCall(number: string) {
	const h = heard.get(number) ?? { n: 0, last: 0 };
	h.n++;
	h.last = now();
	heard.set(number, h);
	check();
}

async function connectAll(m: Start) {
	const office = async (token: string) => {
		const s = await open(m.url, m.bare ? {} : { deviceToken: token });
		s.on('queue:event', (e: { type: string; ticket?: { number: string } }) => {
			if (e.type === 'ticket.called' && e.ticket) onCall(e.ticket.number);
		});
		if (!m.bare) await ack(s, 'office:join', { officeId: m.officeId });
		else s.emit('join', 'office');
	};
	const phone = async (code: string) => {
		const s = await open(m.url, m.bare ? {} : { lang: 'ru' });
		s.on('ticket:changed', (c: { publicCode: string; type: string }) => {
			if (c.type === 'ticket.called' && !phoneHeard.has(c.publicCode)) phoneHeard.set(c.publicCode, now());
			check();
		});
		if (!m.bare) await ack(s, 'ticket:join', { publicCode: code });
		else s.emit('join', `t:${code}`);
	};
	const jobs: (() => Promise<void>)[] = [
		...Array.from({ length: m.boards }, () => () => office(m.boardToken)),
		...Array.from({ length: m.kiosks }, () => () => office(m.kioskToken)),
		...m.phones.map((c) => () => phone(c))
	];
	officeSockets = m.boards + m.kiosks;
	for (const c of m.phones) myCodes.add(c);
	let failed = 0;
	let firstError = '';
	// 50 handshakes at a time: a herd of 10,000 at once is another benchmark.
	for (let i = 0; i < jobs.length; i += 50)
		await Promise.all(
			jobs.slice(i, i + 50).map((j) =>
				j().catch((e) => {
					failed++;
					firstError ||= String(e);
				})
			)
		);
	process.send!({ ready: true, connected: sockets.filter((s) => s.connected).length, failed, firstError });
}

process.on('message', (m: Start | { cmd: 'wait'; number: string; code: string; ms: number } | { cmd: 'close' }) => {
	if (m.cmd === 'connect') void connectAll(m);
	else if (m.cmd === 'wait') {
		const done = () => {
			clearTimeout(timer);
			waiting = null;
			const h = heard.get(m.number);
			process.send!({ number: m.number, n: h?.n ?? 0, of: officeSockets, last: h?.last ?? -1, phone: phoneHeard.get(m.code) ?? -1 });
		};
		const timer = setTimeout(done, m.ms);
		waiting = { number: m.number, code: m.code, done };
		check();
	} else if (m.cmd === 'close') {
		for (const s of sockets) s.close();
		sockets.length = 0;
		heard.clear();
		phoneHeard.clear();
		myCodes.clear();
		process.send!({ closed: true });
	}
});
