import type { RequestHandler } from './$types';
import { app } from '$lib/server/app';
import { config } from '$lib/server/config';
import { mayReadMetrics, renderMetrics } from '$lib/server/ops/metrics';

/** Prometheus metrics: open on this machine (loopback), elsewhere only with `METRICS_TOKEN`. */
export const GET: RequestHandler = async (event) => {
	const allowed = mayReadMetrics({
		address: event.getClientAddress(),
		authorization: event.request.headers.get('authorization'),
		token: config().METRICS_TOKEN
	});
	if (!allowed) return new Response('Forbidden\n', { status: 403, headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' } });
	const { db } = await app();
	const { contentType, body } = await renderMetrics(db.sql);
	return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
};
