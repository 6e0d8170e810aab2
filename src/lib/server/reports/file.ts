import type { Locale } from '$lib/i18n/locale';
import type { ReportData, ReportName } from '$lib/schemas/reports';
import { reportTables } from '$lib/reports/tables';
import { toCsv, toXlsx } from './export';

const types = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;

/** A report as a download: `talon-<report>-<office>-<from>_<to>.csv|xlsx`. */
export async function reportFile(report: ReportName, data: ReportData, format: 'csv' | 'xlsx', locale: Locale): Promise<Response> {
	const tables = reportTables(report, data, locale);
	const body = format === 'csv' ? toCsv(tables, locale) : await toXlsx(tables);
	const name = `talon-${report}-${data.officeId}-${data.from}_${data.to}.${format}`;
	return new Response(body as BodyInit, {
		headers: { 'content-type': types[format], 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' }
	});
}
