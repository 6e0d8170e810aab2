/**
 * The webhook SMS gateway of bench/outbox.bench.ts in a process of its own, as a real gateway
 * is: in the bench's process its request handling competed with the sender and the engine for
 * the same event loop. It refuses `FAIL` (0..1) of requests with 503 and, when asked over IPC,
 * reports the ids it received and accepted.
 */
import { startSmsSink } from '../tests/helpers/sms-sink';

const fail = Number(process.env.FAIL ?? 0.3);
const sink = await startSmsSink();
sink.answer = () => (Math.random() < fail ? 503 : 200);
process.send!({ url: sink.url, secret: sink.secret });
process.on('message', async (m: string) => {
	if (m === 'report') {
		process.send!({ received: sink.received.map((x) => x.id), accepted: sink.accepted.map((x) => x.id) });
	} else if (m === 'close') {
		await sink.close();
		process.exit(0);
	}
});
