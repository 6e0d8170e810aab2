import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { findOffice } from '$lib/server/offices/offices';
import { officeSnapshot } from '$lib/server/queue';
import { serviceStats } from '$lib/realtime/stats';
import { categoryView, officeView, serviceView } from '$lib/schemas/views';
import { officePath } from '$lib/schemas/params';

const serviceWithQueue = serviceView.extend({
	waiting: z.int().nonnegative().describe('Visitors waiting for it now'),
	estimatedWaitSec: z.int().nonnegative().nullable().describe("A new ticket's estimated wait; null when no desk serves it"),
	openDesks: z.int().nonnegative()
});

/** Services of an office with their waiting counts and estimated waits (what a kiosk shows). */
export const GET = endpoint(
	{
		id: 'listServices',
		summary: 'Services of an office with waiting counts and estimated waits',
		tags: ['offices'],
		auth: 'public',
		params: officePath,
		responses: { 200: z.object({ office: officeView, categories: z.array(categoryView), services: z.array(serviceWithQueue) }) },
		errors: ['office_not_found']
	},
	async ({ app, params }) => {
		const office = await findOffice(app.db.sql, params.office);
		const snapshot = await officeSnapshot(app.db.sql, office.id);
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
	}
);
