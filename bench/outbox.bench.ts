/**
 * The notices outbox under load, on a real PostgreSQL:
 *   10,000 SMS notices through the sender to a local webhook gateway that refuses 30 % of
 *   requests (503). Checked: every notice accepted by the gateway exactly once, all `sent`;
 *   measured: notices per second end to end, and the engine's own latency (issue a ticket, call
 *   next) alone and while the sender runs.
 *
 *   npx tsx --tsconfig bench/tsconfig.json bench/outbox.bench.ts
 *   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; BENCH_NOTICES=10000)
 *
 * Retries wait 0 ms here (the production waits are 1, 5, 30 minutes) and a notice may be tried
 * 12 times, so at 30 % failures none runs out of attempts (0.3^12 ≈ 5e-7): what is measured is
 * the pipeline's throughput and its exactly-once, not the backoff.
 */
import { fork } from 'node:child_process';
import { checkServer, createBenchSchema, DEFAULT_URL } from './server';
import { createSender } from '../src/lib/server/notices/sender';
import { webhookSms } from '../src/lib/server/notices/channels/sms-webhook';
import { callNext, finish, issueTicket, startService, type EngineContext } from '../src/lib/server/queue';
import { engineHooks } from '../src/lib/server/engine-hooks';

process.env.TALON_LOG ??= 'warn';
const N = Number(process.env.BENCH_NOTICES ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 800);
const url = process.env.BENCH_DATABASE_URL || DEFAULT_URL;

const server = await checkServer(url);
const db = await createBenchSchema(server, 12);
// The gateway runs in a process of its own, as a real one does.
const gateway = fork(new URL('./sms-sink-process.ts', import.meta.url).pathname, [], {
	// BENCH_GATEWAY_NICE=1: the gateway at the lowest CPU priority (`nice -n 19`), to see how much
	// of the engine's slowdown is the gateway sharing this machine's two cores.
	...(process.env.BENCH_GATEWAY_NICE
		? { execPath: 'nice', execArgv: ['-n', '19', process.execPath, '--import', 'tsx'] }
		: { execArgv: ['--import', 'tsx'] }),
	env: { ...process.env, FAIL: '0.3' }
});
const nextMessage = <T>() => new Promise<T>((r) => gateway.once('message', (m) => r(m as T)));
const sink = await nextMessage<{ url: string; secret: string }>();
try {
	const { sql } = db;
	const [office] = await sql<{ id: number }[]>`
		insert into offices (slug, name_ru, name_en, time_zone) values ('bench', 'Бенч', 'Bench', 'Europe/Moscow') returning id`;
	const [service] = await sql<{ id: number }[]>`
		insert into services (office_id, name_ru, name_en, prefix, duration_min) values (${office!.id}, 'Паспорт', 'Passport', 'П', 10) returning id`;
	const [desk] = await sql<
		{ id: number }[]
	>`insert into desks (office_id, number, name, state) values (${office!.id}, 1, 'Окно 1', 'open') returning id`;
	await sql`insert into desk_services (desk_id, service_id, priority) values (${desk!.id}, ${service!.id}, 10)`;
	const ctx: EngineContext = { sql, publish: () => {}, hooks: engineHooks };
	const actor = { kind: 'system' as const };

	type Samples = { issue: number[]; call: number[] };
	/** Visitors through issue + call-next + start + finish until `until()` says stop; ms per command. */
	async function engineRounds(until: () => boolean, into: Samples = { issue: [], call: [] }) {
		while (!until()) {
			let t = performance.now();
			const { ticket } = await issueTicket(ctx, actor, { officeId: office!.id, serviceId: service!.id, source: 'kiosk' });
			into.issue.push(performance.now() - t);
			t = performance.now();
			await callNext(ctx, actor, { deskId: desk!.id });
			into.call.push(performance.now() - t);
			await startService(ctx, actor, { deskId: desk!.id, ticketId: ticket.id });
			await finish(ctx, actor, { deskId: desk!.id, ticketId: ticket.id });
		}
		return into;
	}
	const forMs = (ms: number) => {
		const end = performance.now() + ms;
		return () => performance.now() >= end;
	};
	const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
	const summary = (s: Samples) => ({
		rounds: s.issue.length,
		issueP50: Number(q(s.issue, 0.5).toFixed(2)),
		issueP95: Number(q(s.issue, 0.95).toFixed(2)),
		callP50: Number(q(s.call, 0.5).toFixed(2)),
		callP95: Number(q(s.call, 0.95).toFixed(2))
	});

	await engineRounds(forMs(1000)); // warm-up
	// The yardstick: the engine alone, before and after the sending (the same table sizes around it).
	const alone = await engineRounds(forMs(4000));

	await sql`
		insert into notifications (office_id, kind, channel, recipient, locale, body, due_at, created_at)
		select ${office!.id}, 'ticket_called', 'sms', '+7916' || lpad(g::text, 7, '0'), 'ru',
			jsonb_build_object('text', 'Талон П' || lpad((g % 1000)::text, 3, '0') || ': Вас вызывают к окну 5'), now(), now()
		from generate_series(1, ${N}) g`;

	const batch = Number(process.env.BENCH_BATCH ?? 16);
	const sender = createSender({
		sql,
		channels: { sms: webhookSms({ url: sink.url, secret: sink.secret }) },
		backoffMs: Array(11).fill(0),
		batch,
		pollMs: 50,
		ratePerSecond: RATE
	});
	let sending = true;
	const started = performance.now();
	// BENCH_SENDER_PROCESS=1: the sender in a process of its own (bench/outbox-sender-process.ts).
	const inProcess = !process.env.BENCH_SENDER_PROCESS;
	const draining = (
		inProcess
			? (async () => {
					// Retries wait 0 ms, so a round may find nothing due while others are in flight: drain until all are settled.
					while ((await sql`select 1 from notifications where state <> 'sent' limit 1`).length) await sender.drain();
				})()
			: new Promise<void>((resolve, reject) => {
					const child = fork(new URL('./outbox-sender-process.ts', import.meta.url).pathname, [], {
						execArgv: ['--import', 'tsx'],
						env: {
							...process.env,
							TSX_TSCONFIG_PATH: new URL('./tsconfig.json', import.meta.url).pathname,
							SENDER_JOB: JSON.stringify({ url, schema: db.schema, gateway: sink.url, secret: sink.secret, rate: RATE, batch })
						}
					});
					child.once('message', () => resolve());
					child.once('exit', (code) => (code ? reject(new Error(`the sender process exited with ${code}`)) : resolve()));
				})
	).finally(() => (sending = false));
	const during = await engineRounds(() => !sending);
	await draining;
	const seconds = (performance.now() - started) / 1000;
	await engineRounds(forMs(4000), alone);

	gateway.send('report');
	const report = await nextMessage<{ received: string[]; accepted: string[] }>();
	const accepted = new Map<string, number>();
	for (const id of report.accepted) accepted.set(id, (accepted.get(id) ?? 0) + 1);
	const twice = [...accepted.values()].filter((n) => n > 1).length;
	const [states] = await sql<{ sent: number; other: number; attempts: number }[]>`
		select count(*) filter (where state = 'sent')::int as sent, count(*) filter (where state <> 'sent')::int as other,
			sum(attempts)::int as attempts from notifications`;
	const result = {
		notices: N,
		accepted: accepted.size,
		acceptedTwice: twice,
		sent: states!.sent,
		notSent: states!.other,
		gatewayRequests: report.received.length,
		attempts: states!.attempts,
		seconds: Number(seconds.toFixed(2)),
		perSecond: Math.round(N / seconds),
		senderRateLimit: RATE,
		sender: inProcess ? "in the engine's process" : 'a process of its own',
		engineAloneMs: summary(alone),
		engineWhileSendingMs: summary(during)
	};
	console.log(JSON.stringify(result, null, 2));
	const a = result.engineAloneMs;
	const d = result.engineWhileSendingMs;
	const ratio = (x: number, y: number) => (x / y).toFixed(2);
	console.log(
		`engine while sending / alone: issue p50 ×${ratio(d.issueP50, a.issueP50)}, p95 ×${ratio(d.issueP95, a.issueP95)}; ` +
			`call-next p50 ×${ratio(d.callP50, a.callP50)}, p95 ×${ratio(d.callP95, a.callP95)}`
	);
	const ok = accepted.size === N && twice === 0 && states!.other === 0 && report.received.length === states!.attempts;
	console.log(ok ? `exactly once: yes; ${result.perSecond} notices/s` : 'EXACTLY-ONCE VIOLATED');
	await sender.stop();
	process.exitCode = ok ? 0 : 1;
} finally {
	gateway.send('close');
	await db.close();
}
