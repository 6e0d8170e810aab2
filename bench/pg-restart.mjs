/**
 * A real PostgreSQL restart under kiosk traffic (issue 14, item 4). RESTARTS THE MACHINE'S
 * POSTGRESQL (`pg_ctlcluster 15 main restart`): run it only where nothing else uses the server.
 *
 *   psql -h 127.0.0.1 -U postgres -c 'create database talon_restart'
 *   export DATABASE_URL=postgres://postgres@127.0.0.1:5432/talon_restart
 *   node bin/talon.js seed                       # prints the kiosk's token
 *   PORT=4392 node server.js &
 *   node bench/pg-restart.mjs KIOSK_TOKEN        # TALON_URL (http://127.0.0.1:4392), PG_CLUSTER ("15 main")
 *
 * Issues a ticket every 100 ms for 15 s through the API; after 3 s restarts PostgreSQL. Prints
 * how many requests were refused and with what, the slowest refusal, and how long after the
 * restart command returned the first ticket was issued again.
 */
import { execFile } from 'node:child_process';

const token = process.argv[2];
if (!token) throw new Error('usage: node bench/pg-restart.mjs KIOSK_TOKEN');
const base = `${process.env.TALON_URL ?? 'http://127.0.0.1:4392'}/api/v1`;
const cluster = (process.env.PG_CLUSTER ?? '15 main').split(' ');
const services = await (await fetch(`${base}/offices/central/services`)).json();
const serviceId = (services.services ?? services)[0].id;
const log = [];
const t0 = Date.now();
let restartStart = 0;
let restartEnd = Infinity;
setTimeout(() => {
	restartStart = Date.now() - t0;
	execFile('pg_ctlcluster', [...cluster, 'restart'], (e) => {
		restartEnd = Date.now() - t0;
		if (e) console.error(e);
	});
}, 3000);
while (Date.now() - t0 < 15000) {
	const s = Date.now();
	let status;
	let code = '';
	try {
		const r = await fetch(`${base}/offices/central/tickets`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ serviceId }),
			signal: AbortSignal.timeout(5000)
		});
		status = r.status;
		if (status !== 201) code = (await r.json()).error?.code;
	} catch (e) {
		status = -1;
		code = String(e.name);
	}
	log.push({ at: s - t0, ms: Date.now() - s, status, code });
	await new Promise((r) => setTimeout(r, 100));
}
const bad = log.filter((l) => l.status !== 201);
const after = log.find((l) => l.at > restartEnd && l.status === 201);
console.log(
	JSON.stringify({
		requests: log.length,
		restartStart,
		restartEnd,
		refused: bad.length,
		codes: [...new Set(bad.map((b) => `${b.status} ${b.code}`))],
		slowestRefusalMs: Math.max(0, ...bad.map((b) => b.ms)),
		recoveredMsAfterRestartEnd: after ? after.at - restartEnd : null,
		errors500: log.filter((l) => l.status === 500).length
	})
);
