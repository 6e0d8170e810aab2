import type { ReportData, ReportFigures, ReportName } from '$lib/schemas/reports';
import type { TicketSource } from '$lib/domain/states';
import type { PeriodPreset } from './period';

/** What /admin/reports renders (built by src/lib/server/reports/page.ts). */
export interface ReportsView {
	office: { id: number; slug: string; nameRu: string; nameEn: string; timeZone: string } | null;
	offices: { id: number; slug: string; nameRu: string; nameEn: string }[];
	options: {
		services: { id: number; nameRu: string; nameEn: string }[];
		desks: { id: number; number: number; name: string }[];
		operators: { id: number; displayName: string }[];
		sources: TicketSource[];
	};
	filters: {
		preset: PeriodPreset;
		from: string;
		to: string;
		service: number | null;
		desk: number | null;
		operator: number | null;
		source: TicketSource | null;
		report: Exclude<ReportName, 'summary'>;
	};
	summary: ReportFigures | null;
	report: ReportData | null;
	/** The query string of the API for these filters, without `format` (for the download links). */
	apiQuery: string;
}
