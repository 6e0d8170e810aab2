/**
 * Faults under load (issue 14, item 4, first fault): kill -9 of one Talon node of three while
 * kiosks issue tickets at CHAOS_RATE per second (default 200) and desks call them, with
 * CHAOS_BOARDS boards (default 60) following the office through a load balancer. Prints how
 * fast the killed node's boards were live again on the others, whether any acknowledged ticket
 * was lost or issued twice, whether every board ended with the server's exact state, and whether
 * any board announced a call twice.
 *
 *   npx tsx --tsconfig bench/tsconfig.json bench/chaos.ts
 *   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; CHAOS_SECONDS, default 10;
 *    CHAOS_KILL_AFTER_MS, default 4000; CHAOS_DESKS, default 6)
 *
 * The scenario is tests/helpers/chaos.ts; tests/integration/node-kill.test.ts runs it smaller in CI.
 * A schema of its own is created and dropped. Exit code 1 when a figure breaks the rule.
 */
import { loadavg, cpus } from 'node:os';
import { checkServer, createBenchSchema, DEFAULT_URL, BenchRefused } from './server';
import { runNodeKill } from '../tests/helpers/chaos';

const rate = Number(process.env.CHAOS_RATE ?? 200);
const boards = Number(process.env.CHAOS_BOARDS ?? 60);
const seconds = Number(process.env.CHAOS_SECONDS ?? 10);
const killAfterMs = Number(process.env.CHAOS_KILL_AFTER_MS ?? 4000);
const desks = Number(process.env.CHAOS_DESKS ?? 6);

async function main() {
	const server = await checkServer(process.env.BENCH_DATABASE_URL || DEFAULT_URL);
	const load = loadavg()[0]!;
	const db = await createBenchSchema(server, 10);
	try {
		const r = await runNodeKill({
			url: server.url,
			schema: db.schema,
			sql: db.sql,
			boards,
			issuePerSec: rate,
			desks,
			seconds,
			killAfterMs,
			log: (line) => console.error(`[chaos] ${line}`)
		});
		const ok = r.lost === 0 && r.duplicated === 0 && r.boardsWrong === 0 && r.announcedTwice === 0 && r.reconnectMaxMs < 5000;
		console.log(
			`kill -9 of one node of three: ${rate} issues/s, ${desks} desks calling, ${boards} boards, ${seconds} s, kill at ${killAfterMs} ms`
		);
		console.log(`PostgreSQL ${server.version}; ${cpus().length} cores; load average before the run ${load.toFixed(2)}`);
		console.log(
			`| acknowledged | in the database | lost | duplicated | retried (codes) | calls (after the kill) | boards moved | back live p50 / max ms | boards wrong | announced twice |`
		);
		console.log('| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
		console.log(
			`| ${r.acknowledged} | ${r.ticketsInDb} | ${r.lost} | ${r.duplicated} | ${r.retried} (${Object.entries(r.errors)
				.map(([k, v]) => `${k} ${v}`)
				.join(
					', '
				)}) | ${r.called} (${r.calledAfterKill}) | ${r.boardsMoved} | ${r.reconnectP50Ms.toFixed(0)} / ${r.reconnectMaxMs.toFixed(0)} | ${r.boardsWrong} | ${r.announcedTwice} |`
		);
		console.log(JSON.stringify({ bench: 'talon-chaos', rate, boards, seconds, loadAvg1: load, ...r, ok }));
		if (!ok) process.exitCode = 1;
	} finally {
		await db.close();
	}
}

main().catch((e) => {
	console.error(e instanceof BenchRefused ? e.message : e);
	process.exit(e instanceof BenchRefused ? 2 : 1);
});
