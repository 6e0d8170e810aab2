/**
 * bench/outbox.bench.ts with BENCH_SENDER_PROCESS=1: the sender in a process of its own (as
 * `talon notices send` would run it), draining the bench's schema until every notice is sent.
 */
import { connect } from '../src/lib/server/db/connect';
import { createSender } from '../src/lib/server/notices/sender';
import { webhookSms } from '../src/lib/server/notices/channels/sms-webhook';

process.env.TALON_LOG ??= 'warn';
const { url, schema, gateway, secret, rate, batch } = JSON.parse(process.env.SENDER_JOB!) as {
	url: string;
	schema: string;
	gateway: string;
	secret: string;
	rate: number;
	batch: number;
};
const db = await connect({ url, schema, max: 4 });
const sender = createSender({
	sql: db.sql,
	channels: { sms: webhookSms({ url: gateway, secret }) },
	backoffMs: Array(11).fill(0),
	batch,
	pollMs: 50,
	ratePerSecond: rate
});
while ((await db.sql`select 1 from notifications where state <> 'sent' limit 1`).length) await sender.drain();
await sender.stop();
await db.close();
process.send!('done');
process.exit(0);
