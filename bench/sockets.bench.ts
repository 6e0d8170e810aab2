/**
 * One node holding 10,000 connected Socket.IO clients (issue 14, item 2): the app as in production
 * (`server.js`, the build) on a scratch PostgreSQL database, and SOCKETS_TOTAL clients spread over
 * SOCKETS_PROCS child processes (bench/sockets-client.ts): boards and kiosks in the office room
 * (device tokens, `office:join`) and phones following their own ticket on /t (`ticket:join`).
 * Then SOCKETS_CALLS calls from a staff socket, one at a time: call-next → the last office socket
 * hearing the `ticket.called` event, and → the called ticket's phone hearing `ticket:changed`.
 * The app's RSS (VmRSS, and the peak VmHWM) with every client connected.
 *
 * Yardstick, in the same run: a bare Socket.IO server (in the bench's own process: a child
 * process for it never reported its port here), the same clients in the same rooms, the same
 * payload broadcast.
 *
 *   npx tsx --tsconfig bench/tsconfig.json bench/sockets.bench.ts
 *   SOCKETS_TOTAL=10000 SOCKETS_PROCS=4 SOCKETS_CALLS=200 SOCKETS_PHONES=0.4 SOCKETS_KIOSKS=0.2 ...
 *
 * Targets: RSS < 600 MB, call → last socket p99 < 100 ms. Needs `ulimit -n` above the socket
 * count (the app and the clients are started under `ulimit -n <hard limit>`).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { io as connectClient, type Socket } from 'socket.io-client';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { issueTicket } from '$lib/server/queue';
import { BenchRefused, checkServer, createBenchDatabase, DEFAULT_URL, openDemoOffice } from './server';
import { latencyOf, type Latency } from './measure';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TOTAL = Number(process.env.SOCKETS_TOTAL ?? 10_000);
const PROCS = Number(process.env.SOCKETS_PROCS ?? 4);
const CALLS = Number(process.env.SOCKETS_CALLS ?? 200);
const PHONES = Math.round(TOTAL * Number(process.env.SOCKETS_PHONES ?? 0.4));
const KIOSKS = Math.round(TOTAL * Number(process.env.SOCKETS_KIOSKS ?? 0.2));
const BOARDS = TOTAL - PHONES - KIOSKS;
const PORT = Number(process.env.SOCKETS_PORT ?? 4397);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (l: Latency) => `${l.p50.toFixed(1)} / ${l.p95.toFixed(1)} / ${l.p99.toFixed(1)}`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function procStatus(pid: number): { rss: number; hwm: number } {
	const s = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (k: string) => Number(s.match(new RegExp(`^${k}:\\s+(\\d+)`, 'm'))?.[1] ?? 0) * 1024;
	return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}
const hardLimit = () => Number(execFileSync('sh', ['-c', 'ulimit -Hn']).toString().trim());

/** A child over IPC: `ask` sends a message and resolves with the next answer passing `pick`. */
function ipc(child: ChildProcess) {
	return <T>(msg: unknown, pick: (m: Record<string, unknown>) => boolean = () => true): Promise<T> =>
		new Promise((resolve, reject) => {
			const exit = (code: number | null) => reject(new Error(`child exited (${code})`));
			const on = (m: Record<string, unknown>) => {
				if (!pick(m)) return;
				child.off('message', on);
				child.off('exit', exit);
				resolve(m as T);
			};
			child.on('message', on);
			child.once('exit', exit);
			if (msg !== null) child.send(msg as never);
		});
}
const tsxChild = (file: string) =>
	spawn('sh', ['-c', `ulimit -n ${hardLimit()}; exec "${process.execPath}" --import tsx ${file}`], {
		cwd: root,
		env: { ...process.env, TSX_TSCONFIG_PATH: 'bench/tsconfig.json' },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});

interface Heard {
	n: number;
	of: number;
	last: number;
	phone: number;
}

async function main() {
	const limit = hardLimit();
	if (limit < TOTAL + 1000)
		throw new BenchRefused(`ulimit -Hn is ${limit}; ${TOTAL} sockets need more (raise it in /etc/security/limits.conf)`);
	const load = os.loadavg();
	const server = await checkServer(process.env.BENCH_DATABASE_URL ?? DEFAULT_URL);
	const { url, drop } = await createBenchDatabase(server, 'sockets');
	const cleanups: (() => Promise<unknown> | void)[] = [drop];
	const children: ChildProcess[] = [];
	cleanups.unshift(() => children.forEach((c) => c.kill('SIGTERM')));
	try {
		// The demo office; a waiting ticket for every phone (issued before the app starts, untimed).
		const { db, seeded, session, desks, services } = await openDemoOffice(url, 4);
		const ctx = { sql: db.sql, publish: () => {} };
		const actor = { kind: 'system' as const };
		const codes: string[] = [];
		for (let i = 0; i < PHONES; i += 4)
			codes.push(
				...(await Promise.all(
					Array.from({ length: Math.min(4, PHONES - i) }, (_, k) =>
						issueTicket(ctx, actor, {
							officeId: seeded.officeId,
							serviceId: services[(i + k) % services.length]!.id,
							source: 'kiosk'
						}).then((r) => r.publicCode)
					)
				))
			);
		await db.close();
		const look = postgres(url, { max: 1, transform: postgres.camel, onnotice: () => {} });
		cleanups.unshift(() => look.end());
		const token = (kind: string) => seeded.devices.find((d) => d.kind === kind)!.token;

		// The app, as in production.
		const app = spawn('sh', ['-c', `ulimit -n ${limit}; exec "${process.execPath}" ${process.env.SOCKETS_NODE_ARGS ?? ''} server.js`], {
			cwd: root,
			env: {
				...process.env,
				PORT: String(PORT),
				HOST: '127.0.0.1',
				ORIGIN: `http://127.0.0.1:${PORT}`,
				DATABASE_URL: url,
				TALON_DEMO: '0',
				LOG_FORMAT: 'json'
			},
			stdio: ['ignore', 'ignore', 'inherit']
		});
		const stopApp = () => {
			if (app.exitCode !== null || app.signalCode !== null) return Promise.resolve();
			app.kill('SIGTERM');
			return new Promise((r) => app.once('exit', r));
		};
		cleanups.unshift(stopApp);
		const base = `http://127.0.0.1:${PORT}`;
		for (let i = 0; ; i++) {
			try {
				if ((await fetch(`${base}/readyz`)).ok) break;
			} catch {
				/* starting */
			}
			if (i > 3000) throw new Error('the app did not start');
			await sleep(100);
		}
		const idle = procStatus(app.pid!);

		// The clients, spread over the child processes, and the bare server (idle until its turn).
		for (let p = 0; p < PROCS; p++) children.push(tsxChild('bench/sockets-client.ts'));
		// The bare server lives in this process (a child process of its own never answered here).
		const bareHttp = createServer();
		const bareIo = new Server(bareHttp);
		bareIo.on('connection', (sock) => sock.on('join', (room: string) => void sock.join(room)));
		await new Promise<void>((r) => bareHttp.listen(0, '127.0.0.1', r));
		cleanups.unshift(() => new Promise((r) => bareIo.close(() => r(null))));
		const port = (bareHttp.address() as AddressInfo).port;
		const share = (n: number, p: number) => Math.floor(n / PROCS) + (p < n % PROCS ? 1 : 0);
		const connectAll = async (target: string, bare: boolean) => {
			const t0 = now();
			const ready = await Promise.all(
				children.map((c, p) =>
					ipc(c)<{ connected: number; failed: number; firstError: string }>(
						{
							cmd: 'connect',
							url: target,
							bare,
							officeId: seeded.officeId,
							boards: share(BOARDS, p),
							kiosks: share(KIOSKS, p),
							phones: codes.filter((_, i) => i % PROCS === p),
							boardToken: token('display'),
							kioskToken: token('kiosk')
						},
						(m) => m.ready === true
					)
				)
			);
			const connected = ready.reduce((a, r) => a + r.connected, 0);
			const failed = ready.reduce((a, r) => a + r.failed, 0);
			console.error(
				`[sockets] ${bare ? 'bare' : 'talon'}: ${connected} connected, ${failed} failed in ${((now() - t0) / 1000).toFixed(1)} s ${ready.find((r) => r.firstError)?.firstError ?? ''}`
			);
			return { connected, failed };
		};
		const talonConnected = await connectAll(base, false);
		await sleep(3000);
		const full = procStatus(app.pid!);

		const staff: Socket = connectClient(base, {
			transports: ['websocket'],
			extraHeaders: { cookie: `talon_session=${session.token}` },
			forceNew: true
		});
		cleanups.unshift(() => void staff.close());
		await new Promise((r) => staff.once('connect', () => r(null)));
		const ack = <T>(event: string, payload: unknown) =>
			new Promise<T>((resolve, reject) =>
				staff
					.timeout(30_000)
					.emit(event, payload, (err: Error | null, r: { data?: T; error?: { message: string } }) =>
						err ? reject(err) : r.error ? reject(new Error(`${event}: ${r.error.message}`)) : resolve(r.data as T)
					)
			);
		for (const d of desks) await ack('desk:open', { deskId: d.id });

		const waitAll = (number: string, code: string) =>
			Promise.all(children.map((c) => ipc(c)<Heard>({ cmd: 'wait', number, code, ms: 5000 }, (m) => m.number === number)));
		const summarise = (heard: Heard[], t0: number) => {
			const missing = heard.reduce((a, h) => a + (h.of - h.n), 0);
			const phone = Math.max(...heard.map((h) => h.phone));
			return { last: Math.max(...heard.map((h) => h.last)) - t0, missing, phone: phone > 0 ? phone - t0 : -1 };
		};

		const talon = { last: [] as number[], phone: [] as number[], ack: [] as number[], missing: 0, phonesMissed: 0 };
		let sample: unknown = null;
		for (let i = 0; i < CALLS + 5; i++) {
			const desk = desks[i % desks.length]!;
			// Untimed: someone of the desk's main service to call, followed by no phone.
			await ack('ticket:issue', { officeId: seeded.officeId, serviceId: desk.mainServiceId });
			const t0 = now();
			const called = await ack<{ ticket: { id: number; number: string } | null }>('desk:call-next', { deskId: desk.id });
			const t1 = now();
			if (!called.ticket) throw new Error(`desk ${desk.number} had nobody to call`);
			// Untimed: the called ticket's public code, to find its phone (the clients keep their own clocks).
			const [row] = await look<{ publicCode: string }[]>`select public_code from tickets where id = ${called.ticket.id}`;
			const heard = await waitAll(called.ticket.number, row?.publicCode ?? '');
			const s = summarise(heard, t0);
			if (process.env.SOCKETS_DEBUG) console.error(new Date().toISOString().slice(11, 19), `[sockets] call ${i}: ${JSON.stringify(s)}`);
			if (i >= 5) {
				talon.ack.push(t1 - t0);
				talon.missing += s.missing;
				if (s.missing === 0) talon.last.push(s.last);
				if (s.phone >= 0) talon.phone.push(s.phone);
			}
			sample ??= { type: 'ticket.called', ticket: called.ticket };
			await ack('ticket:start', { deskId: desk.id, ticketId: called.ticket.id });
			await ack('ticket:finish', { deskId: desk.id, ticketId: called.ticket.id });
		}
		const loadMid = os.loadavg();
		staff.close();
		await Promise.all(children.map((c) => ipc(c)({ cmd: 'close' }, (m) => m.closed === true)));
		console.error(new Date().toISOString().slice(11, 19), '[sockets] talon clients closed; stopping the app');
		await stopApp();

		// The yardstick: a bare Socket.IO server, the same clients, the same payload.
		console.error(new Date().toISOString().slice(11, 19), '[sockets] the app stopped; the bare server');
		const bareConnected = await connectAll(`http://127.0.0.1:${port}`, true);
		await sleep(3000);
		const bare = { last: [] as number[], phone: [] as number[], missing: 0 };
		for (let i = 0; i < CALLS + 5; i++) {
			const number = `B${i}`;
			const code = codes[i % codes.length] ?? '';
			const wait = waitAll(number, code);
			const t0 = now();
			bareIo.to('office').emit('queue:event', { ...(sample as object), ticket: { ...(sample as { ticket: object }).ticket, number } });
			bareIo.to(`t:${code}`).emit('ticket:changed', { publicCode: code, type: 'ticket.called', state: 'called', deskNumber: 1 });
			const s = summarise(await wait, t0);
			if (i >= 5) {
				bare.missing += s.missing;
				if (s.missing === 0) bare.last.push(s.last);
				if (s.phone >= 0) bare.phone.push(s.phone);
			}
		}
		const loadAfter = os.loadavg();

		const cores = os.availableParallelism();
		console.log(`\nTalon sockets bench, ${new Date().toISOString()}`);
		console.log(
			`machine: ${cores} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, node ${process.version}, PostgreSQL ${server.version}`
		);
		console.log(
			`load average (1/5/15 min): before ${load.map((l) => l.toFixed(2)).join(' ')}; after Talon ${loadMid.map((l) => l.toFixed(2)).join(' ')}; after bare ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`
		);
		console.log(
			`clients: ${BOARDS} boards + ${KIOSKS} kiosks in the office room, ${PHONES} phones on /t, in ${PROCS} processes; ${CALLS} calls, one at a time (ms p50 / p95 / p99)`
		);
		console.log(
			'| server | connected (failed) | RSS idle → all connected (peak) | call → last office socket | call → its phone | call-next ack | office sockets that missed a call |'
		);
		console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
		console.log(
			`| Talon (server.js) | ${talonConnected.connected} (${talonConnected.failed}) | ${mb(idle.rss)} → ${mb(full.rss)} (${mb(full.hwm)}) | ${fmt(latencyOf(talon.last))} | ${talon.phone.length ? fmt(latencyOf(talon.phone)) : '-'} (${talon.phone.length}) | ${fmt(latencyOf(talon.ack))} | ${talon.missing} |`
		);
		console.log(
			`| bare Socket.IO | ${bareConnected.connected} (${bareConnected.failed}) | (in the bench process) | ${fmt(latencyOf(bare.last))} | ${bare.phone.length ? fmt(latencyOf(bare.phone)) : '-'} (${bare.phone.length}) | - | ${bare.missing} |`
		);
	} finally {
		// Each step at most 5 s: closing the bare server waits for its clients, and the process
		// could end with that promise pending, before the scratch database was dropped.
		for (const c of cleanups) {
			try {
				await Promise.race([c(), sleep(5000)]);
			} catch {
				/* best effort */
			}
		}
	}
}

main().catch((e) => {
	console.error(e instanceof BenchRefused ? `sockets bench refused: ${e.message}` : e);
	process.exitCode = e instanceof BenchRefused ? 2 : 1;
});
