import type { Sql } from '$lib/server/db/connect';
import type { StaffPrincipal } from '$lib/server/auth/sessions';
import { adminScope } from '$lib/server/admin/scope';
import { officeInScope, officesInScope } from '$lib/server/admin/offices-in-scope';
import { localDay } from '$lib/domain/local-day';
import { TicketSource, isOneOf } from '$lib/domain/states';
import { daysBetween, reportNames, type ReportName } from '$lib/schemas/reports';
import { periodPresets, presetRange, type PeriodPreset } from '$lib/reports/period';
import type { ReportsView } from '$lib/reports/types';
import type { SummaryReport } from '$lib/schemas/reports';
import { runReport } from './run';

const day = /^\d{4}-\d{2}-\d{2}$/;
const idOf = (v: string | null) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null);

/**
 * What /admin/reports shows for its query string: the office (the caller's first when none is
 * named; another's is `forbidden`), the period (a preset in the office's days, or custom dates;
 * anything unreadable falls back to the last 7 days), the filters, the summary and one report.
 */
export async function reportsPage(sql: Sql, staff: StaffPrincipal, params: URLSearchParams, now = new Date()): Promise<ReportsView> {
	const scope = adminScope(staff);
	const offices = (await officesInScope(sql, scope)).map((o) => ({ id: o.id, slug: o.slug, nameRu: o.nameRu, nameEn: o.nameEn }));
	const key = params.get('office') ?? offices[0]?.slug;
	const report =
		(reportNames as readonly string[]).includes(params.get('report') ?? '') && params.get('report') !== 'summary'
			? (params.get('report') as Exclude<ReportName, 'summary'>)
			: 'by-service';
	const empty: ReportsView['options'] = { services: [], desks: [], operators: [], sources: Object.values(TicketSource) };
	if (!key) {
		const today = localDay(now, 'Europe/Moscow');
		const filters = {
			preset: 'week' as const,
			...presetRange('week', today),
			service: null,
			desk: null,
			operator: null,
			source: null,
			report
		};
		return { office: null, offices, options: empty, filters, summary: null, report: null, apiQuery: '' };
	}
	const office = await officeInScope(sql, scope, key);
	const today = localDay(now, office.timeZone);
	let preset = (periodPresets as readonly string[]).includes(params.get('period') ?? '') ? (params.get('period') as PeriodPreset) : 'week';
	let range = preset === 'custom' ? { from: params.get('from') ?? '', to: params.get('to') ?? '' } : presetRange(preset, today);
	if (!day.test(range.from) || !day.test(range.to) || range.from > range.to || daysBetween(range.from, range.to) > 366) {
		preset = 'week';
		range = presetRange('week', today);
	}
	const source = params.get('source');
	const filters = {
		preset,
		...range,
		service: idOf(params.get('service')),
		desk: idOf(params.get('desk')),
		operator: idOf(params.get('operator')),
		source: isOneOf(TicketSource, source) ? source : null,
		report
	};
	const query = {
		office: office.slug,
		from: range.from,
		to: range.to,
		service: filters.service ?? undefined,
		desk: filters.desk ?? undefined,
		operator: filters.operator ?? undefined,
		source: filters.source ?? undefined
	};
	const summary = (await runReport(sql, staff, 'summary', query)) as SummaryReport;
	const data = await runReport(sql, staff, report, query);
	const options = {
		services: [
			...(await sql<{ id: number; nameRu: string; nameEn: string }[]>`
			select id, name_ru, name_en from services where office_id = ${office.id} order by sort, id`)
		],
		desks: [
			...(await sql<{ id: number; number: number; name: string }[]>`
			select id, number, name from desks where office_id = ${office.id} order by number`)
		],
		operators: [
			...(await sql<{ id: number; displayName: string }[]>`
			select u.id, coalesce(nullif(u.display_name, ''), u.login) as display_name
			from staff_users u join staff_offices so on so.staff_id = u.id
			where so.office_id = ${office.id} and 'operator' = any(u.roles) order by 2`)
		],
		sources: Object.values(TicketSource)
	};
	const apiQuery = new URLSearchParams(
		Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])) as [string, string][]
	).toString();
	return {
		office: { id: office.id, slug: office.slug, nameRu: office.nameRu, nameEn: office.nameEn, timeZone: office.timeZone },
		offices,
		options,
		filters,
		summary: summary.summary,
		report: data,
		apiQuery
	};
}
