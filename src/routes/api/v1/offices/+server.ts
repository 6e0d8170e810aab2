import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { listOffices } from '$lib/server/offices/offices';
import { officeView } from '$lib/schemas/views';

export const GET = endpoint(
	{
		id: 'listOffices',
		summary: 'List offices',
		tags: ['offices'],
		auth: 'public',
		responses: { 200: z.object({ offices: z.array(officeView) }) }
	},
	async ({ app }) => ({ offices: await listOffices(app.db.sql) })
);
