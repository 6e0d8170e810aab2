import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { listOffices } from '$lib/server/offices/offices';
import { officeSnapshot } from '$lib/server/queue';
import { serviceStats } from '$lib/realtime/stats';

export const load = (async () => {
	const { db } = await app();
	const offices = await listOffices(db.sql);
	return {
		offices: await Promise.all(
			offices.map(async (office) => {
				const snapshot = await officeSnapshot(db.sql, office.id);
				const waiting = serviceStats(snapshot).reduce((n, s) => n + s.waiting, 0);
				const openDesks = snapshot.desks.filter((d) => d.state !== 'closed').length;
				return { ...office, waiting, openDesks, desks: snapshot.desks.length, services: snapshot.services.length };
			})
		)
	};
}) satisfies PageServerLoad;
