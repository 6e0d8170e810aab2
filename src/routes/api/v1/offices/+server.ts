import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/edge/api';
import { app } from '$lib/server/app';
import { listOffices } from '$lib/server/offices/offices';

export const GET: RequestHandler = endpoint(async () => {
	const { db } = await app();
	return { offices: await listOffices(db.sql) };
});
