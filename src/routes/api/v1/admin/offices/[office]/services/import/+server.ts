import { z } from 'zod';
import { TalonError } from '$lib/errors';
import { endpoint } from '$lib/server/api/endpoint';
import { adminOffice } from '$lib/server/catalogue/office';
import { importServices, MEDIA_TYPES } from '$lib/server/catalogue/transfer';
import { importReport } from '$lib/schemas/catalogue';
import { officePath } from '$lib/schemas/params';

/** Import the service list from a CSV or XLSX file: a dry run first, then all or nothing. */
export const POST = endpoint(
	{
		id: 'adminImportServices',
		summary: 'Import services from CSV (UTF-8, `;`) or XLSX; `?dryRun=1` only reports',
		description:
			'Columns: prefix, nameRu, nameEn, category (path of names, ` / `), durationMin, targetWaitMin, documentsRu, documentsEn (` | ` between documents), kiosk, bookable, priorityAllowed, remoteAllowed (да/нет), and `desk N` (weight 1..10 of desk N, empty: not served). A service is matched by its prefix. A dry run answers what would be created and changed and every row’s error (line, column, reason); a real import with any error writes nothing and answers 400 naming each `line N: column`; a clean one is written in one transaction.',
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		query: z.object({ dryRun: z.enum(['0', '1']).optional().describe('1: check only, write nothing') }),
		upload: [MEDIA_TYPES.csv.split(';')[0]!, MEDIA_TYPES.xlsx],
		responses: { 200: importReport },
		errors: ['office_not_found']
	},
	async ({ app, principal, params, query, event }) => {
		const { scope, office } = await adminOffice(app.db.sql, principal.staff, params.office);
		const bytes = new Uint8Array(await event.request.arrayBuffer());
		if (bytes.length === 0) throw new TalonError('invalid_input', { field: 'body' });
		return importServices(app.ctx, scope, office.id, bytes, { dryRun: query.dryRun === '1', locale: event.locals.locale });
	}
);
