import type { RequestHandler } from './$types';

/** Liveness: the process answers. It asks nothing of the database (see /readyz for that). */
export const GET: RequestHandler = () =>
	new Response(JSON.stringify({ status: 'ok' }), { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
