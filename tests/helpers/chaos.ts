import { spawn, type ChildProcess } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connectClient } from 'socket.io-client';
import type { Sql } from '../../src/lib/server/db/connect';
import { addDevice } from '../../src/lib/server/auth/devices';
import { addStaffUser } from '../../src/lib/server/auth/staff';
import { createSession } from '../../src/lib/server/auth/sessions';
import { officeSnapshot } from '../../src/lib/server/queue';
import { createOfficeFeed, socketOptions, type FeedStatus, type OfficeFeed, type TalonSocket } from '../../src/lib/realtime/feed';
import { send, SEND_TIMEOUT_MS } from '../../src/lib/realtime/send';
import type { OfficeSnapshot } from '../../src/lib/realtime/types';
import { makeOffice } from './fixture';
import { startBalancer, type Balancer } from './balancer';

/**
 * Issue 14, item 4, first fault: three Talon nodes (child processes, tests/helpers/node-process.ts)
 * on one PostgreSQL behind a load balancer (tests/helpers/balancer.ts, nginx's part); boards
 * follow the office through it while kiosks issue tickets at `issuePerSec` and desks call them;
 * after `killAfterMs` the node holding the most connections gets SIGKILL. A request that got no
 * acknowledgement is retried with the same idempotency key (as the kiosk does), so a ticket whose
 * commit raced the kill is returned, not issued again. Used by tests/integration/node-kill.test.ts
 * (a small load) and bench/chaos.ts (the full one).
 */
export interface ChaosOptions {
	url: string;
	/** The schema the nodes and `sql` work in ('' = the URL's default). */
	schema: string;
	sql: Sql;
	boards: number;
	issuePerSec: number;
	desks: number;
	seconds: number;
	killAfterMs: number;
	log?: (line: string) => void;
}

export interface ChaosResult {
	/** Issue requests acknowledged (after retries) and tickets in the database. */
	acknowledged: number;
	ticketsInDb: number;
	/** Acknowledged tickets missing from the database; keys answered with two different tickets. */
	lost: number;
	duplicated: number;
	/** Issue requests retried after no or a failed acknowledgement. */
	retried: number;
	/** Error codes of the retried requests and of failed calls (`call:` prefix). */
	errors: Record<string, number>;
	called: number;
	calledAfterKill: number;
	/** Boards that were on the killed node (went offline), and the slowest one's time back to live (ms). */
	boardsMoved: number;
	reconnectMaxMs: number;
	reconnectP50Ms: number;
	/** Boards whose final state differs from the server's snapshot. */
	boardsWrong: number;
	/** Calls a board announced more than once (a ticket.called event applied twice for one call). */
	announcedTwice: number;
	killedPid: number;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/**
 * How long a request waits for its acknowledgement before it is retried: the kiosk's and the
 * console's own `SEND_TIMEOUT_MS` (8 s). A shorter one (2 s was tried) retries requests that are
 * only queued, and on a loaded machine the retries themselves became most of the load.
 */
const SEND_MS = SEND_TIMEOUT_MS;

export async function spawnNode(url: string, schema: string): Promise<{ child: ChildProcess; port: number }> {
	// `node --import tsx`, not tsx's CLI: the CLI runs the script in a child of its own, and a
	// SIGKILL to the CLI would leave that child serving.
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/node-process.ts'], {
		cwd: root,
		env: {
			...process.env,
			TSX_TSCONFIG_PATH: 'bench/tsconfig.json',
			NODE_DATABASE_URL: url,
			NODE_SCHEMA: schema,
			LOG_FORMAT: 'json',
			LOG_LEVEL: 'warn'
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const lines = createInterface({ input: child.stdout! });
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('a node did not start in 60 s')), 60_000);
		child.once('exit', (code) => reject(new Error(`a node exited with ${code} before listening`)));
		lines.on('line', (line) => {
			try {
				const { port } = JSON.parse(line) as { port?: number };
				if (port) {
					clearTimeout(timer);
					resolve(port);
				}
			} catch {
				/* a log line */
			}
		});
	});
	return { child, port };
}

/** What a board shows, without the clock fields (as tests/integration/realtime.test.ts compares). */
export const comparable = (s: OfficeSnapshot) => ({
	seq: s.seq,
	tickets: s.tickets,
	desks: s.desks,
	recentCalls: s.recentCalls,
	services: s.services.map((x) => ({ id: x.id, avg: x.averageServiceSec }))
});

export async function runNodeKill(o: ChaosOptions): Promise<ChaosResult> {
	const log = o.log ?? (() => {});
	const { sql } = o;
	const f = await makeOffice(sql, { slug: `chaos-${Date.now().toString(36)}`, desks: o.desks });
	const boardToken = (await addDevice(sql, { officeId: f.officeId, kind: 'display', name: 'Chaos board' })).token;
	const kioskToken = (await addDevice(sql, { officeId: f.officeId, kind: 'kiosk', name: 'Chaos kiosk' })).token;
	const { id: staffId } = await addStaffUser(sql, {
		login: `chaos-${Date.now().toString(36)}`,
		password: 'a long chaos password',
		roles: ['supervisor'],
		officeIds: [f.officeId],
		displayName: 'Chaos'
	});
	const { token: session } = await createSession(sql, staffId);

	const nodes: { child: ChildProcess; port: number }[] = [];
	const sockets: TalonSocket[] = [];
	const feeds: OfficeFeed[] = [];
	let lb: Balancer | null = null;
	try {
		nodes.push(...(await Promise.all([0, 1, 2].map(() => spawnNode(o.url, o.schema)))));
		lb = await startBalancer(nodes.map((n) => n.port));
		log(`nodes on ports ${nodes.map((n) => n.port).join(', ')}, balancer ${lb.url}`);
		const client = (auth: Record<string, unknown>, cookie?: string) => {
			const s: TalonSocket = connectClient(lb!.url, {
				...socketOptions,
				transports: ['websocket'],
				auth,
				extraHeaders: cookie ? { cookie } : undefined,
				forceNew: true
			});
			sockets.push(s);
			return s;
		};

		// Boards: the office feed, as the hall board runs it; every status change and every call announced.
		const boards = Array.from({ length: o.boards }, () => {
			const b = {
				status: 'connecting' as FeedStatus,
				offlineAt: 0,
				backMs: [] as number[],
				calls: new Map<number, number>(),
				state: null as OfficeSnapshot | null
			};
			const socket = client({ deviceToken: boardToken });
			feeds.push(
				createOfficeFeed(socket, {
					officeId: f.officeId,
					onState: (state, cause) => {
						b.state = state;
						if (cause.kind === 'event' && cause.event.type === 'ticket.called') {
							const id = cause.event.ticket!.id;
							b.calls.set(id, (b.calls.get(id) ?? 0) + 1);
						}
					},
					onStatus: (s) => {
						if (s === 'offline' && b.status !== 'offline') b.offlineAt = performance.now();
						if (s === 'live' && b.status === 'offline') b.backMs.push(performance.now() - b.offlineAt);
						b.status = s;
					}
				})
			);
			return b;
		});
		const deadline = Date.now() + 30_000;
		while (boards.some((b) => b.status !== 'live')) {
			if (Date.now() > deadline) throw new Error('boards did not come live');
			await sleep(50);
		}
		log(`${o.boards} boards live`);

		// Kiosks issue at the rate; a failed or unanswered request is retried with its key.
		const kiosks = Array.from({ length: 3 }, () => client({ deviceToken: kioskToken }));
		const acked = new Map<string, number>();
		let duplicated = 0;
		let retried = 0;
		const errors: Record<string, number> = {};
		let issuing = true;
		const inflight = new Set<Promise<void>>();
		const issue = async (key: string, n: number) => {
			for (let attempt = 0; ; attempt++) {
				const k = kiosks[(n + attempt) % kiosks.length]!;
				const r = await send(
					k,
					'ticket:issue',
					{ officeId: f.officeId, serviceId: n % 2 ? f.services.a : f.services.b, idempotencyKey: key },
					SEND_MS
				);
				if (!r.error) {
					const prior = acked.get(key);
					if (prior !== undefined && prior !== r.data.ticket.id) duplicated++;
					acked.set(key, r.data.ticket.id);
					return;
				}
				// Only a lost or refused-for-now answer is worth retrying; anything else is a bug.
				if (r.error.code === 'invalid_input' || r.error.code === 'forbidden') throw new Error(`issue ${key}: ${r.error.code}`);
				retried++;
				errors[r.error.code] = (errors[r.error.code] ?? 0) + 1;
				if (attempt > 60) throw new Error(`issue ${key} failed 60 times: ${r.error.code}`);
				// Backing off as a kiosk does: a crowd of instant retries would only deepen an overload.
				await sleep(Math.min(2000, 100 * 2 ** attempt) * (0.5 + Math.random()));
			}
		};
		const issuer = (async () => {
			const started = performance.now();
			for (let n = 0; issuing; n++) {
				const p = issue(`chaos-key-${n}`, n);
				inflight.add(p);
				void p.finally(() => inflight.delete(p));
				const next = started + ((n + 1) * 1000) / o.issuePerSec;
				await sleep(Math.max(0, next - performance.now()));
			}
		})();

		// Desks: call, start, finish; after a lost answer, look at the desk in the database.
		let called = 0;
		let calledAfterKill = 0;
		let killedAt = 0;
		const staff = f.desks.map(() => client({ lang: 'en' }, `talon_session=${session}`));
		const desk = async (deskId: number, s: TalonSocket) => {
			while (issuing) {
				const [current] = await sql<{ id: number; state: string }[]>`
					select id, state from tickets where desk_id = ${deskId} and state in ('called', 'serving')`;
				let ticketId = current?.id ?? null;
				let state = current?.state ?? null;
				if (!ticketId) {
					const r = await send(s, 'desk:call-next', { deskId }, SEND_MS);
					if (r.error) errors[`call:${r.error.code}`] = (errors[`call:${r.error.code}`] ?? 0) + 1;
					if (r.error || !r.data.ticket) {
						await sleep(r.error ? 100 : 20);
						continue;
					}
					called++;
					if (killedAt) calledAfterKill++;
					ticketId = r.data.ticket.id;
					state = 'called';
				}
				if (state === 'called') {
					const started = await send(s, 'ticket:start', { deskId, ticketId }, SEND_MS);
					if (started.error) {
						errors[`start:${started.error.code}`] = (errors[`start:${started.error.code}`] ?? 0) + 1;
						continue;
					}
				}
				const finished = await send(s, 'ticket:finish', { deskId, ticketId }, SEND_MS);
				if (finished.error) errors[`finish:${finished.error.code}`] = (errors[`finish:${finished.error.code}`] ?? 0) + 1;
			}
		};
		const callers = f.desks.map((d, i) => desk(d, staff[i]!));

		await sleep(o.killAfterMs);
		const victim = nodes.reduce((a, b) => (lb!.open.get(b.port)!.size > lb!.open.get(a.port)!.size ? b : a));
		log(`kill -9 node :${victim.port} (pid ${victim.child.pid}, ${lb.open.get(victim.port)!.size} connections)`);
		victim.child.kill('SIGKILL');
		killedAt = performance.now();
		await sleep(o.seconds * 1000 - o.killAfterMs);
		issuing = false;
		await issuer;
		await Promise.all(callers);
		while (inflight.size) await Promise.allSettled([...inflight]);

		// The server's state, and every board's.
		const final = await officeSnapshot(sql, f.officeId);
		const settle = Date.now() + 10_000;
		while (boards.some((b) => b.state?.seq !== final.seq) && Date.now() < settle) await sleep(50);
		// Deep equality, not JSON text: events read back from the log come out of jsonb with their keys reordered.
		const want = comparable(final);
		const boardsWrong = boards.filter((b) => !b.state || !isDeepStrictEqual(comparable(b.state), want)).length;
		const [db] = await sql<{ tickets: number; keys: number }[]>`
			select (select count(*)::int from tickets where office_id = ${f.officeId}) as tickets,
				(select count(*)::int from issue_keys where office_id = ${f.officeId}) as keys`;
		const ids = [...acked.values()];
		const found = await sql<{ id: number }[]>`select id from tickets where id in ${sql(ids.length ? ids : [0])}`;
		const moved = boards.flatMap((b) => b.backMs).sort((a, b) => a - b);
		return {
			acknowledged: acked.size,
			ticketsInDb: db!.tickets,
			lost: ids.length - found.length,
			// A ticket in the database beyond the acknowledged ones was issued twice for one request.
			duplicated: duplicated + Math.max(0, db!.tickets - new Set(ids).size),
			retried,
			errors,
			called,
			calledAfterKill,
			boardsMoved: moved.length + boards.filter((b) => b.status !== 'live').length,
			reconnectMaxMs: boards.some((b) => b.status !== 'live') ? Infinity : (moved.at(-1) ?? 0),
			reconnectP50Ms: moved[Math.floor(moved.length / 2)] ?? 0,
			boardsWrong,
			announcedTwice: boards.reduce((n, b) => n + [...b.calls.values()].filter((c) => c > 1).length, 0),
			killedPid: victim.child.pid!
		};
	} finally {
		for (const feed of feeds) feed.stop();
		for (const s of sockets) s.close();
		await lb?.close();
		await Promise.all(
			nodes.map(
				(n) =>
					new Promise<void>((resolve) => {
						if (n.child.exitCode !== null || n.child.signalCode) return resolve();
						n.child.once('exit', () => resolve());
						n.child.kill('SIGTERM');
						setTimeout(() => n.child.kill('SIGKILL'), 10_000).unref();
					})
			)
		);
	}
}
