import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { runReport } from '$lib/server/reports/run';
import { reportFile } from '$lib/server/reports/file';
import { reportNames, reportQuery, reportResponse } from '$lib/schemas/reports';

/** Reports (issue 12): definitions in docs/reports.md. */
export const GET = endpoint(
	{
		id: 'report',
		summary: 'A report of an office for a period',
		description:
			'Figures of the office-local days `from`..`to` (at most 366), optionally of one service, desk, operator or ticket source. ' +
			'Admins see every office, supervisors their own; definitions of every figure are in docs/reports.md. ' +
			'`format=csv` answers a `;`-separated UTF-8 file with a BOM, `format=xlsx` an Excel workbook, the same tables as the page.',
		tags: ['reports'],
		auth: ['staff'],
		params: z.object({ report: z.enum(reportNames) }),
		query: reportQuery,
		responses: { 200: reportResponse },
		errors: ['office_not_found'],
		files: {
			'text/csv': 'with `format=csv`',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'with `format=xlsx`'
		}
	},
	async ({ params, query, principal, app, event }) => {
		const { format, ...filters } = query;
		const data = await runReport(app.db.sql, principal.staff, params.report, filters);
		if (format === 'json') return data;
		return reportFile(params.report, data, format, event.locals.locale);
	}
);
