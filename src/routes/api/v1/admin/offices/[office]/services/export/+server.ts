import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { fileOnly } from '$lib/server/api/operation';
import { adminOffice } from '$lib/server/catalogue/office';
import { exportServices, MEDIA_TYPES } from '$lib/server/catalogue/transfer';
import { officePath } from '$lib/schemas/params';

/** The service list as a file, in the columns the import reads (desk weights included). */
export const GET = endpoint(
	{
		id: 'adminExportServices',
		summary: 'Export the services (and desk weights) as CSV or XLSX',
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		query: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
		files: { [MEDIA_TYPES.csv.split(';')[0]!]: 'with `format=csv`', [MEDIA_TYPES.xlsx]: 'with `format=xlsx`' },
		responses: { 200: fileOnly },
		errors: ['office_not_found']
	},
	async ({ app, principal, params, query }) => {
		const { office } = await adminOffice(app.db.sql, principal.staff, params.office);
		const bytes = await exportServices(app.db.sql, office.id, query.format);
		return new Response(bytes as BodyInit, {
			headers: {
				'content-type': MEDIA_TYPES[query.format],
				'content-disposition': `attachment; filename="services-${office.slug}.${query.format}"`,
				'cache-control': 'no-store'
			}
		});
	}
);
