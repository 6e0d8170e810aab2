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
import { checkServer, createBenchSchema, DEFAULT_URL } from './server';
import { startSmsSink } from '../tests/helpers/sms-sink';
import { createSender } from '../src/lib/server/notices/sender';
import { webhookSms } from '../src/lib/server/notices/channels/sms-webhook';
import { callNext, finish, issueTicket, startService, type EngineContext } from '../src/lib/server/queue';
import { engineHooks } from '../src/lib/server/engine-hooks';

process.env.TALON_LOG ??= 'warn';
const N = Number(process.env.BENCH_NOTICES ?? 10_000);
const url = process.env.BENCH_DATABASE_URL || DEFAULT_URL;

const server = await checkServer(url);
const db = await createBenchSchema(server, 12);
const sink = await startSmsSink();
sink.answer = () => (Math.random() < 0.3 ? 503 : 200);
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

	/** Median and p95 of issue + call-next + start + finish, ms, over `rounds` visitors. */
	async function engineLatency(rounds: number) {
		const issue: number[] = [];
		const call: number[] = [];
		for (let i = 0; i < rounds; i++) {
			let t = performance.now();
			const { ticket } = await issueTicket(ctx, actor, { officeId: office!.id, serviceId: service!.id, source: 'kiosk' });
			issue.push(performance.now() - t);
			t = performance.now();
			await callNext(ctx, actor, { deskId: desk!.id });
			call.push(performance.now() - t);
			await startService(ctx, actor, { deskId: desk!.id, ticketId: ticket.id });
			await finish(ctx, actor, { deskId: desk!.id, ticketId: ticket.id });
		}
		const q = (xs: number[], p: number) => xs.sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
		return { issueP50: q(issue, 0.5), issueP95: q(issue, 0.95), callP50: q(call, 0.5), callP95: q(call, 0.95) };
	}

	const alone = await engineLatency(200);

	await sql`
		insert into notifications (office_id, kind, channel, recipient, locale, body, due_at, created_at)
		select ${office!.id}, 'ticket_called', 'sms', '+7916' || lpad(g::text, 7, '0'), 'ru',
			jsonb_build_object('text', 'Талон П' || lpad((g % 1000)::text, 3, '0') || ': Вас вызывают к окну 5'), now(), now()
		from generate_series(1, ${N}) g`;

	const sender = createSender({
		sql,
		channels: { sms: webhookSms({ url: sink.url, secret: sink.secret }) },
		backoffMs: Array(11).fill(0),
		batch: Number(process.env.BENCH_BATCH ?? 64),
		pollMs: 50
	});
	const started = performance.now();
	const draining = sender.drain();
	const during = await engineLatency(200);
	await draining;
	// The engine's rounds above ran while the sender was busy; rounds after it had nothing left count too.
	while ((await sql`select 1 from notifications where state <> 'sent' limit 1`).length) await sender.drain();
	const seconds = (performance.now() - started) / 1000;

	const accepted = new Map<string, number>();
	for (const m of sink.accepted) accepted.set(m.id, (accepted.get(m.id) ?? 0) + 1);
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
		gatewayRequests: sink.received.length,
		attempts: states!.attempts,
		seconds: Number(seconds.toFixed(2)),
		perSecond: Math.round(N / seconds),
		engineAloneMs: alone,
		engineWhileSendingMs: during
	};
	console.log(JSON.stringify(result, null, 2));
	const ok = accepted.size === N && twice === 0 && states!.other === 0 && sink.received.length === states!.attempts;
	console.log(ok ? `exactly once: yes; ${result.perSecond} notices/s` : 'EXACTLY-ONCE VIOLATED');
	await sender.stop();
	process.exitCode = ok ? 0 : 1;
} finally {
	await sink.close();
	await db.close();
}
