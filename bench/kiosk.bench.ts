// Tap-to-paper latency of the kiosk: from the screen's `kiosk:issue` to the ticket's last byte
// (the cut) arriving at a fake network printer on 127.0.0.1, through the real pieces: the
// Socket.IO server with the engine (print job in the ticket's transaction), the kiosk agent as
// its own process (`npm run kiosk`), ESC/POS over TCP with the DLE EOT status check.
//
//   npx tsx --tsconfig bench/tsconfig.json bench/kiosk.bench.ts            (embedded PGlite)
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx --tsconfig bench/tsconfig.json bench/kiosk.bench.ts
//
// BENCH_TICKETS (default 200) taps, one visitor at a time, as at one kiosk.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../tests/helpers/db';
import { makeOffice } from '../tests/helpers/fixture';
import { startRealtime, until } from '../tests/helpers/realtime';
import { FakePrinter } from '../tests/helpers/fake-printer';
import { addDevice } from '../src/lib/server/auth/devices';

const total = Number(process.env.BENCH_TICKETS ?? 200);
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const db = await createTestDatabase();
const f = await makeOffice(db.sql, { slug: 'bench-kiosk' });
const rt = await startRealtime(db.sql);
const { token } = await addDevice(db.sql, { officeId: f.officeId, kind: 'kiosk', name: 'Bench kiosk' });
const printer = await new FakePrinter().start();

let cuts = 0;
const cutAt: number[] = [];
let tail: number[] = [];
printer.onBytes(() => {
	// Count cuts (GS V) in the newly arrived bytes, keeping one byte of overlap between chunks.
	const fresh = [...tail, ...printer.received.slice(printer.received.length - printer.arrivals.at(-1)!.length)];
	for (let i = 0; i + 1 < fresh.length; i++)
		if (fresh[i] === 0x1d && fresh[i + 1] === 0x56) {
			cuts++;
			cutAt.push(performance.now());
		}
	tail = fresh.slice(-1);
});

const state = mkdtempSync(join(tmpdir(), 'talon-bench-agent-'));
const agent = spawn(
	process.execPath,
	['--import', 'tsx', 'kiosk/agent.ts', '--server', rt.url, '--token', token, '--printer', printer.url, '--state', state],
	{
		env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
		stdio: ['ignore', 'ignore', 'inherit']
	}
);
const screen = rt.client({ deviceToken: token });
await until(() => screen.connected, 10_000, 'screen connected');
for (let i = 0; i < 200; i++) {
	const ack = await screen.timeout(5000).emitWithAck('kiosk:printer', {});
	if (ack.data?.state === 'online') break;
	await new Promise((r) => setTimeout(r, 100));
}

const tapToAck: number[] = [];
const tapToPaper: number[] = [];
for (let n = 0; n < total; n++) {
	const t0 = performance.now();
	const ack = await screen.timeout(10_000).emitWithAck('kiosk:issue', {
		officeId: f.officeId,
		serviceId: n % 2 ? f.services.a : f.services.b,
		idempotencyKey: `bench-${process.pid}-${n}`
	});
	if (ack.error) throw new Error(ack.error.message);
	tapToAck.push(performance.now() - t0);
	await until(() => cuts > n, 10_000, `ticket ${n + 1} on paper`);
	tapToPaper.push(cutAt[n]! - t0);
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
console.log(`database: ${db.schema ? 'PostgreSQL server' : 'embedded PGlite'}; ${total} tickets, one at a time`);
console.log(`tap -> ticket on screen (ack): ${fmt(tapToAck)}`);
console.log(`tap -> cut at the printer:     ${fmt(tapToPaper)}`);
// The last acknowledgement may still be on its way when the last cut arrives.
let printed: { n: number } | undefined;
for (let i = 0; i < 50; i++) {
	[printed] = await db.sql<{ n: number }[]>`select count(*)::int as n from print_jobs where printed_at is not null`;
	if (printed!.n >= total) break;
	await new Promise((r) => setTimeout(r, 100));
}
console.log(`printed ${cuts} tickets, ${printed!.n} acknowledged`);

agent.kill('SIGTERM');
screen.close();
await printer.stop();
await rt.close();
await db.close();
process.exit(0);
