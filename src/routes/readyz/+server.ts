import type { RequestHandler } from './$types';
import { app } from '$lib/server/app';
import { readiness } from '$lib/server/ops/health';

/** Readiness: the database answers and holds every migration this code knows; else 503. */
export const GET: RequestHandler = async () => {
	const { db } = await app();
	const state = await readiness(db.sql);
	return new Response(JSON.stringify({ status: state.ready ? 'ready' : 'unavailable', ...state }), {
		status: state.ready ? 200 : 503,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
	});
};
