import type { Locale } from '$lib/i18n/locale';
import type {
	BookingsReport,
	ByDayRow,
	ByDeskRow,
	ByHourRow,
	ByOperatorRow,
	ByServiceRow,
	RatingsReport,
	ReportData,
	ReportName,
	SummaryReport
} from '$lib/schemas/reports';
import { reportMessages } from '$lib/i18n/reports';

/**
 * Every report as tables of columns and rows: what the page draws and what the CSV and XLSX
 * exports write, so the three always show the same columns under the same headers.
 */
export type Cell = string | number | null;
export interface Column {
	key: string;
	header: string;
}
export interface Table {
	/** Sheet name in the workbook (≤ 31 characters). */
	name: string;
	columns: Column[];
	rows: Record<string, Cell>[];
}

const figureKeys = [
	'issued',
	'served',
	'noShow',
	'cancelled',
	'transferred',
	'expired',
	'waitMeanSec',
	'waitMedianSec',
	'waitP90Sec',
	'withinTargetPct',
	'serviceMeanSec',
	'serviceP90Sec',
	'ratingMean',
	'ratingCount'
] as const;

export function reportTables(report: ReportName, data: ReportData, locale: Locale): Table[] {
	const t = reportMessages(locale);
	const cols = (keys: readonly string[]): Column[] => keys.map((key) => ({ key, header: t.columns[key as keyof typeof t.columns] ?? key }));
	const figureCols = cols(figureKeys);
	const name = (r: { nameRu: string; nameEn: string }) => (locale === 'en' ? r.nameEn : r.nameRu);
	const title = t.reports[report];
	switch (report) {
		case 'summary':
			return [{ name: title, columns: figureCols, rows: [{ ...(data as SummaryReport).summary }] }];
		case 'by-service':
			return [
				{
					name: title,
					columns: [...cols(['serviceId', 'service']), ...figureCols],
					rows: rowsOf<ByServiceRow>(data).map((r) => ({ ...r, service: name(r) }))
				}
			];
		case 'by-desk':
			return [
				{
					name: title,
					columns: [...cols(['deskNumber', 'deskName']), ...figureCols],
					rows: rowsOf<ByDeskRow>(data).map((r) => ({ ...r, deskName: r.deskId === null ? t.noDesk : r.deskName }))
				}
			];
		case 'by-operator':
			return [
				{
					name: title,
					columns: [...cols(['displayName']), ...figureCols],
					rows: rowsOf<ByOperatorRow>(data).map((r) => ({ ...r, displayName: r.staffId === null ? t.noOperator : r.displayName }))
				}
			];
		case 'by-day':
			return [{ name: title, columns: [...cols(['day']), ...figureCols], rows: rowsOf<ByDayRow>(data) }];
		case 'by-hour':
			return [
				{
					name: title,
					columns: cols(['weekday', 'hour', 'arrivals', 'waitMeanSec']),
					rows: rowsOf<ByHourRow>(data).map((r) => ({ ...r, weekday: t.weekdays[r.isoWeekday - 1]! }))
				}
			];
		case 'bookings': {
			const b = data as BookingsReport;
			const keys = ['made', 'checkedIn', 'missed', 'cancelled', 'pending', 'noShowPct'];
			return [
				{
					name: title,
					columns: cols(['service', ...keys]),
					rows: [...b.rows.map((r) => ({ ...r, service: name(r) })), { ...b.total, service: t.total }]
				}
			];
		}
		case 'ratings': {
			const r = data as RatingsReport;
			return [
				{ name: t.distribution, columns: cols(['score', 'count']), rows: r.distribution },
				{ name: t.comments, columns: cols(['createdAt', 'score', 'serviceId', 'comment']), rows: r.comments }
			];
		}
	}
}

const rowsOf = <T>(data: ReportData) => (data as unknown as { rows: T[] }).rows;
