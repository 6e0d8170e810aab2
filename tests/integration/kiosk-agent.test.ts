import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { startRealtime, until, type RealtimeHarness } from '../helpers/realtime';
import { FakePrinter } from '../helpers/fake-printer';
import { encodeCp866, inspect, textLines, tickets, type EscPosCommand } from '../helpers/escpos-inspector';
import { addDevice, revokeDevice } from '../../src/lib/server/auth/devices';
import { startAgent, type Agent } from '../../kiosk/run-agent';
import { parsePrinter } from '../../kiosk/printer';
import { issueTicket } from '../../src/lib/server/queue';
import type { TalonSocket } from '../../src/lib/realtime/feed';
import type { PrinterStatus } from '../../src/lib/kiosk/types';

let db: TestDatabase;
let f: Fixture;
let rt: RealtimeHarness;
let kioskToken: string;
let kioskId: number;
let displayToken: string;
let printer: FakePrinter;
let journalDir: string;
let agent: Agent | null = null;
const children: ChildProcess[] = [];

beforeAll(async () => {
	db = await createTestDatabase();
	f = await makeOffice(db.sql);
	await db.sql`update offices set name_ru = 'МФЦ «Центральный»' where id = ${f.officeId}`;
	rt = await startRealtime(db.sql);
	const kiosk = await addDevice(db.sql, { officeId: f.officeId, kind: 'kiosk', name: 'Киоск' });
	kioskToken = kiosk.token;
	kioskId = kiosk.id;
	displayToken = (await addDevice(db.sql, { officeId: f.officeId, kind: 'display', name: 'Табло' })).token;
});
afterAll(async () => {
	await rt?.close();
	await db?.close();
});
beforeEach(async () => {
	printer = await new FakePrinter().start();
	journalDir = mkdtempSync(join(tmpdir(), 'talon-agent-'));
});
afterEach(async () => {
	await agent?.stop();
	agent = null;
	for (const c of children.splice(0)) c.kill('SIGKILL');
	await printer.stop();
	// Leave no job pending for the next test.
	await db.sql`update print_jobs set printed_at = now() where printed_at is null`;
});

function runAgent(p = printer): Agent {
	agent = startAgent({
		server: rt.url,
		token: kioskToken,
		printer: parsePrinter(p.url, { timeoutMs: 1000 }),
		journalFile: join(journalDir, 'printed.log'),
		statusEveryMs: 200,
		log: () => {}
	});
	return agent;
}

/** The kiosk screen's socket. */
async function screen(): Promise<TalonSocket> {
	const s = rt.client({ deviceToken: kioskToken });
	await until(() => s.connected, 5000, 'screen connected');
	return s;
}

let keySeq = 0;
async function issue(s: TalonSocket, lang: 'ru' | 'en' = 'ru') {
	const ack = await s.timeout(10_000).emitWithAck('kiosk:issue', {
		officeId: f.officeId,
		serviceId: f.services.a,
		idempotencyKey: `test-key-${Date.now()}-${++keySeq}`,
		lang
	});
	if (ack.error) throw new Error(ack.error.code);
	return ack.data;
}

const printed = () => tickets(inspect(printer.received));
const containsBytes = (hay: number[], needle: number[]) => {
	outer: for (let i = 0; i + needle.length <= hay.length; i++) {
		for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
		return true;
	}
	return false;
};
const pendingCount = async () => (await db.sql<{ n: number }[]>`select count(*)::int as n from print_jobs where printed_at is null`)[0]!.n;

describe('kiosk agent and the ESC/POS ticket', () => {
	it('prints a ticket with init, CP866 code page, Cyrillic as CP866 bytes, the QR with the ticket URL, and a cut', async () => {
		runAgent();
		const s = await screen();
		const issued = await issue(s);
		await until(() => printed().length === 1, 10_000, 'ticket printed');
		const [ticket] = printed() as [EscPosCommand[]];
		expect(ticket[0]).toEqual({ op: 'init' });
		expect(ticket).toContainEqual({ op: 'codepage', n: 17 });
		// Cyrillic travels as CP866 bytes (П = 0x8F, а = 0xA0 ...), not UTF-8.
		expect(containsBytes(printer.received, encodeCp866('Паспорт'))).toBe(true);
		expect(containsBytes(printer.received, [...Buffer.from('Паспорт', 'utf8')])).toBe(false);
		const lines = textLines(ticket);
		expect(lines).toContain('МФЦ "Центральный"');
		expect(lines).toContain('Паспорт');
		expect(lines).toContain('Перед вами никого');
		expect(lines).toContain('Вас вызовут скоро');
		const number = ticket.find((c) => c.op === 'text' && c.text === issued.ticket.number);
		expect(number).toMatchObject({ bold: true, width: 4, height: 4 });
		expect(ticket).toContainEqual({ op: 'qr', data: `${rt.url}/t/${issued.publicCode}`, moduleSize: 6, errorLevel: 'M' });
		expect(ticket.at(-1)).toEqual({ op: 'cut', partial: true });
		await eventually(async () => (await pendingCount()) === 0, 'acknowledged');
	});

	it('prints in English when the visitor chose English', async () => {
		runAgent();
		const s = await screen();
		await issue(s, 'en');
		await until(() => printed().length === 1, 10_000, 'ticket printed');
		const lines = textLines(printed()[0]!);
		expect(lines).toContain('Passport');
		expect(lines).toContain('TICKET');
	});

	it('printer offline: the kiosk is told, the ticket is still issued, and it prints exactly once when the printer is back', async () => {
		const port = printer.port;
		await printer.stop();
		runAgent();
		const s = await screen();
		const statuses: PrinterStatus[] = [];
		s.on('printer:status', (st) => statuses.push(st));
		await eventually(async () => (await statusOf(s)) === 'offline', 'offline reported');
		const issued = await issue(s);
		expect(issued.printer.state).toBe('offline');
		// The agent has the job and cannot print it: it holds it, unacknowledged.
		await eventually(
			async () =>
				(await db.sql<{ d: number }[]>`select coalesce(max(deliveries), 0)::int as d from print_jobs where printed_at is null`)[0]!.d > 0,
			'job delivered'
		);
		expect(await pendingCount()).toBe(1);
		printer = await new FakePrinter().start(port);
		await until(() => printed().length === 1, 10_000, 'printed after coming back');
		await until(() => statuses.at(-1)?.state === 'online', 5000, 'online reported');
		const papers = await papersBeforeMarker(s);
		expect(papers).toHaveLength(1);
		expect(textLines(papers[0]!)).toContain(issued.ticket.number);
		await eventually(async () => (await pendingCount()) === 0, 'all acknowledged'); // the marker's acknowledgement follows its paper
	});

	it('reads paper out and cover open with DLE EOT, holds the job, and prints it once the paper is in', async () => {
		printer.state = 'paper_out';
		runAgent();
		const s = await screen();
		const statuses: string[] = [];
		s.on('printer:status', (st) => statuses.push(st.state));
		await eventually(async () => (await statusOf(s)) === 'paper_out', 'paper out reported');
		const ack = await s.timeout(5000).emitWithAck('kiosk:printer', {});
		expect(ack.data?.state).toBe('paper_out');
		const issued = await issue(s);
		printer.state = 'cover_open';
		await until(() => statuses.includes('cover_open'), 10_000, 'cover open reported');
		expect(printed()).toHaveLength(0);
		printer.state = 'online';
		await until(() => printed().length === 1, 10_000, 'printed after paper');
		const papers = await papersBeforeMarker(s);
		expect(papers).toHaveLength(1);
		expect(textLines(papers[0]!)).toContain(issued.ticket.number);
	});

	it('a ticket issued for this kiosk by another path (the API, a booking check-in) prints too, from the office event', async () => {
		runAgent();
		const s = await screen();
		// The agent has connected and reported its printer, so it is in the office's room.
		await eventually(async () => (await statusOf(s)) === 'online', 'agent reported its printer');
		// No `kiosk:issue` and so no `print:available`: only the engine's `ticket.issued` event tells the agent.
		const issued = await issueTicket(
			rt.ctx,
			{ kind: 'device', deviceId: kioskId, officeId: f.officeId },
			{ officeId: f.officeId, serviceId: f.services.b, source: 'kiosk' }
		);
		await until(() => printed().length === 1, 10_000, 'printed');
		expect(textLines(printed()[0]!)).toContain(issued.ticket.number);
		// A ticket issued by staff has no print job.
		await issueTicket(rt.ctx, { kind: 'system' }, { officeId: f.officeId, serviceId: f.services.b, source: 'desk' });
		expect(await papersBeforeMarker(s)).toHaveLength(1);
	});

	it('a double tap (same key) yields one ticket and one paper', async () => {
		runAgent();
		const s = await screen();
		const req = { officeId: f.officeId, serviceId: f.services.a, idempotencyKey: 'double-tap-key-1' };
		const [a, b] = await Promise.all([
			s.timeout(10_000).emitWithAck('kiosk:issue', req),
			s.timeout(10_000).emitWithAck('kiosk:issue', req)
		]);
		expect(a.data!.ticket.id).toBe(b.data!.ticket.id);
		await until(() => printed().length === 1, 10_000, 'printed');
		const papers = await papersBeforeMarker(s);
		expect(papers).toHaveLength(1);
		expect(textLines(papers[0]!)).toContain(a.data!.ticket.number);
	});

	it('a reprint from the done screen prints the same number again, marked as a reprint', async () => {
		runAgent();
		const s = await screen();
		const issued = await issue(s);
		await until(() => printed().length === 1, 10_000, 'printed');
		const again = await s.timeout(5000).emitWithAck('kiosk:reprint', { publicCode: issued.publicCode });
		expect(again.error).toBeUndefined();
		await until(() => printed().length === 2, 10_000, 'reprinted');
		const lines = textLines(printed()[1]!);
		expect(lines).toContain(issued.ticket.number);
		expect(lines).toContain('ПОВТОРНАЯ ПЕЧАТЬ');
	});

	it('agent killed mid-job (before the printer took the bytes): printed once after restart', async () => {
		printer.answerDelayMs = 60_000; // the printer hangs on the status query: the job is in flight
		const child = spawnAgent();
		const s = await screen();
		await eventually(async () => (await statusOf(s)) !== 'no_agent', 'child agent connected', 20_000);
		const issued = await issue(s);
		await eventually(
			async () =>
				(await db.sql<{ d: number }[]>`select coalesce(max(deliveries), 0)::int as d from print_jobs where printed_at is null`)[0]!.d > 0,
			'job delivered'
		);
		await new Promise((r) => setTimeout(r, 300));
		const gone = new Promise((r) => child.once('exit', r));
		child.kill('SIGKILL');
		await gone;
		expect(printed()).toHaveLength(0);
		printer.answerDelayMs = 0;
		runAgent();
		await until(() => printed().length === 1, 15_000, 'printed after restart');
		const papers = await papersBeforeMarker(s);
		expect(papers).toHaveLength(1);
		expect(textLines(papers[0]!)).toContain(issued.ticket.number);
		await eventually(async () => (await pendingCount()) === 0, 'all acknowledged'); // the marker's acknowledgement follows its paper
	});

	it('agent killed after printing but before acknowledging: not printed twice after restart', async () => {
		const child = spawnAgent('tests/helpers/kiosk-agent-crash-after-print.ts');
		const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
		const s = await screen();
		await eventually(async () => (await statusOf(s)) !== 'no_agent', 'child agent connected', 20_000);
		await issue(s);
		expect(await exited).toBe(9);
		expect(printed()).toHaveLength(1);
		expect(await pendingCount()).toBe(1); // the server still holds it: no acknowledgement came
		runAgent();
		await eventually(async () => (await pendingCount()) === 0, 'acknowledged after restart', 15_000);
		expect(printed()).toHaveLength(1);
	});

	it('a kiosk token cannot do staff things, a board cannot issue, the screen cannot take print jobs, a revoked token is refused', async () => {
		const s = await screen();
		const call = await s.timeout(5000).emitWithAck('desk:call-next', { deskId: f.desks[0]! });
		expect(call.error?.code).toBe('forbidden');
		const jobs = await s.timeout(5000).emitWithAck('print:pending', {});
		expect(jobs.error?.code).toBe('forbidden');
		const board = rt.client({ deviceToken: displayToken });
		await until(() => board.connected, 5000, 'board connected');
		const byBoard = await board
			.timeout(5000)
			.emitWithAck('kiosk:issue', { officeId: f.officeId, serviceId: f.services.a, idempotencyKey: 'board-key-123' });
		expect(byBoard.error?.code).toBe('forbidden');
		const bad = await s.timeout(5000).emitWithAck('kiosk:issue', { officeId: f.officeId, serviceId: -1, idempotencyKey: 'x' } as never);
		expect(bad.error?.code).toBe('invalid_input');

		const extra = await addDevice(db.sql, { officeId: f.officeId, kind: 'kiosk', name: 'Revoked' });
		await revokeDevice(db.sql, extra.id);
		const revoked = rt.client({ deviceToken: extra.token });
		const err = await new Promise<Error & { data?: { code?: string } }>((r) => revoked.once('connect_error', r));
		expect(err.message).toBe('device_unauthorized');
		expect(err.data?.code).toBe('unauthorized');
	});
});

describe('the journal belongs to one database', () => {
	// The report (issue 15): the same --state folder, a fresh database, a new kiosk token, a
	// ticket → the printer received only status queries while the screen said "printing", because
	// job 1 of the new database was "already printed" as job 1 of the old one.
	it('an agent that printed job 1 of one database prints job 1 of a fresh database', async () => {
		const sites: { db: TestDatabase; rt: RealtimeHarness }[] = [];
		try {
			const printedBy: { jobId: number; installationId: string; number: string }[] = [];
			for (const name of ['first', 'second']) {
				// A fresh database each time: its jobs are numbered from 1 again.
				const db = await createTestDatabase();
				const rt = await startRealtime(db.sql);
				sites.push({ db, rt });
				const f = await makeOffice(db.sql, { slug: `office-${name}` });
				const kiosk = await addDevice(db.sql, { officeId: f.officeId, kind: 'kiosk', name: 'Киоск' });
				const [inst] = await db.sql<{ id: string }[]>`select id from installation`;
				const before = printed().length;
				const a = startAgent({
					server: rt.url,
					token: kiosk.token,
					printer: parsePrinter(printer.url, { timeoutMs: 1000 }),
					journalFile: join(journalDir, 'printed.log'), // the same --state folder
					statusEveryMs: 200,
					log: () => {}
				});
				try {
					await until(() => a.socket.connected, 10_000, `agent connected to the ${name} database`);
					const issued = await issueTicket(
						rt.ctx,
						{ kind: 'device', deviceId: kiosk.id, officeId: f.officeId },
						{ officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' }
					);
					const [job] = await db.sql<{ id: number }[]>`select id from print_jobs where ticket_id = ${issued.ticket.id}`;
					// The printer must receive the ticket's bytes, not only status queries.
					await until(() => printed().length === before + 1, 10_000, `the ${name} database's ticket on paper`);
					expect(textLines(printed().at(-1)!)).toContain(issued.ticket.number);
					await eventually(async () => (await db.sql`select 1 from print_jobs where printed_at is null`).length === 0, 'acknowledged');
					printedBy.push({ jobId: job!.id, installationId: inst!.id, number: issued.ticket.number });
				} finally {
					await a.stop();
				}
			}
			// The case of the report: both jobs were number 1, in two installations.
			expect(printedBy.map((p) => p.jobId)).toEqual([1, 1]);
			expect(printedBy[0]!.installationId).not.toBe(printedBy[1]!.installationId);
			expect(printed()).toHaveLength(2);
		} finally {
			for (const s of sites) {
				await s.rt.close();
				await s.db.close();
			}
		}
	}, 180_000); // two databases made from nothing: slow on the embedded one when the machine is busy

	it("acknowledging another installation's job ids acknowledges nothing here", async () => {
		const jobs = await issueAndWaitForJob();
		const agentSocket = rt.client({ deviceToken: kioskToken, agent: true } as unknown as Record<string, string>);
		await until(() => agentSocket.connected, 5000, 'agent socket connected');
		const foreign = await agentSocket
			.timeout(5000)
			.emitWithAck('print:ack', { installationId: '00000000-0000-4000-8000-000000000000', jobIds: jobs });
		expect(foreign.data?.acknowledged).toEqual([]);
		expect(await pendingCount()).toBe(jobs.length);
		agentSocket.close();
	});

	it('tells the kiosk screen when an agent took the job and when it is on paper', async () => {
		const s = await screen();
		const seen: string[] = [];
		s.on('print:taken', (j) => seen.push(`taken ${j.publicCode}`));
		s.on('print:done', (j) => seen.push(`done ${j.publicCode}`));
		const issued = await issue(s);
		runAgent();
		await until(() => seen.includes(`done ${issued.publicCode}`), 10_000, 'print:done');
		expect(seen.indexOf(`taken ${issued.publicCode}`)).toBeGreaterThanOrEqual(0);
		expect(seen.indexOf(`taken ${issued.publicCode}`)).toBeLessThan(seen.indexOf(`done ${issued.publicCode}`));
		expect(printed()).toHaveLength(1);
	});
});

/** Issues a kiosk ticket with no agent running; the ids of its pending job(s). */
async function issueAndWaitForJob(): Promise<number[]> {
	const s = await screen();
	await issue(s);
	s.close();
	return (await db.sql<{ id: number }[]>`select id from print_jobs where printed_at is null order by id`).map((r) => r.id);
}

/**
 * Issues one more ticket at the kiosk and waits for its paper; returns the papers printed before
 * it. The agent prints its jobs in order, so a second paper of anything issued earlier would
 * have come out before this one: no fixed wait is needed to see that nothing more arrives.
 */
async function papersBeforeMarker(s: TalonSocket): Promise<EscPosCommand[][]> {
	const marker = await issue(s);
	const isMarker = (t: EscPosCommand[]) => textLines(t).includes(marker.ticket.number);
	await until(() => printed().some(isMarker), 10_000, 'the marker ticket on paper');
	const all = printed();
	expect(all.findIndex(isMarker), 'the marker is the last paper').toBe(all.length - 1);
	return all.slice(0, -1);
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
	const started = Date.now();
	while (!(await check())) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

async function statusOf(s: TalonSocket): Promise<string> {
	const ack = await s.timeout(5000).emitWithAck('kiosk:printer', {});
	return ack.data?.state ?? 'error';
}

function spawnAgent(entry = 'kiosk/agent.ts'): ChildProcess {
	// The agent itself is this process (tsx as a loader, not its CLI wrapper), so a kill kills it.
	const child = spawn(
		process.execPath,
		['--import', 'tsx', entry, '--server', rt.url, '--token', kioskToken, '--printer', printer.url, '--state', journalDir],
		{ env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' }, stdio: ['ignore', 'pipe', 'pipe'] }
	);
	child.stdout?.resume();
	child.stderr?.on('data', (d) => process.stderr.write(d));
	children.push(child);
	return child;
}
