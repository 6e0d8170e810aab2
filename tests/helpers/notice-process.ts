// A server-like process for the crash tests in tests/integration/notices-crash.test.ts, on the
// test's PostgreSQL schema. `cause`: cancels a booking (its notice commits with it) and then idles
// without sending, to be killed with SIGKILL. `send`: runs the outbox sender against the webhook
// sink until killed. Prints one line when it reached its point.
import { connect } from '../../src/lib/server/db/connect';
import { cancelBooking } from '../../src/lib/server/booking/bookings';
import { createSender } from '../../src/lib/server/notices/sender';
import { webhookSms } from '../../src/lib/server/notices/channels/sms-webhook';

const env = (name: string) => {
	const v = process.env[name];
	if (!v) throw new Error(`${name} is required`);
	return v;
};

const db = await connect({ url: env('NOTICE_DB_URL'), schema: env('NOTICE_DB_SCHEMA'), max: 2 });
if (env('NOTICE_MODE') === 'cause') {
	await cancelBooking(db.sql, env('NOTICE_TOKEN'), new Date());
	console.log('committed');
	setInterval(() => {}, 60_000);
} else {
	const sender = createSender({
		sql: db.sql,
		channels: { sms: webhookSms({ url: env('NOTICE_SINK_URL'), secret: env('NOTICE_SINK_SECRET') }) },
		pollMs: 50,
		leaseMs: Number(process.env.NOTICE_LEASE_MS ?? 300_000),
		node: `child-${process.pid}`
	});
	sender.start();
	console.log('sending');
}
