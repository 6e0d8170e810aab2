import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/edge/api';
import { app } from '$lib/server/app';
import { findOffice } from '$lib/server/offices/offices';
import { officeSnapshot } from '$lib/server/queue';
import { serviceStats } from '$lib/realtime/stats';

/** Services of an office with their waiting counts and estimated waits (what a kiosk shows). */
export const GET: RequestHandler = endpoint(async ({ params }) => {
	const { db } = await app();
	const office = await findOffice(db.sql, params.office);
	const snapshot = await officeSnapshot(db.sql, office.id);
	const stats = new Map(serviceStats(snapshot).map((s) => [s.serviceId, s]));
	return {
		office,
		categories: snapshot.categories,
		services: snapshot.services.map((s) => ({
			...s,
			waiting: stats.get(s.id)?.waiting ?? 0,
			estimatedWaitSec: stats.get(s.id)?.estimatedWaitSec ?? null,
			openDesks: stats.get(s.id)?.openDesks ?? 0
		}))
	};
});
