import { z } from 'zod';
import { TicketSource } from '$lib/domain/states';
import { officeKey } from './params';

/**
 * The reports' shapes (issue 12): the API answers through them, the OpenAPI document shows them
 * and the /admin/reports page renders their inferred types. Definitions of every figure:
 * docs/reports.md. Durations are whole seconds; `null` where there is nothing to measure.
 */
export const reportNames = ['summary', 'by-service', 'by-desk', 'by-operator', 'by-day', 'by-hour', 'bookings', 'ratings'] as const;
export type ReportName = (typeof reportNames)[number];
export const reportFormats = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof reportFormats)[number];

const localDate = z.iso.date().describe('A day of the office calendar, `YYYY-MM-DD`');
const id = z.coerce.number().int().positive().max(2_147_483_647);

export const reportQuery = z
	.object({
		office: officeKey,
		from: localDate,
		to: localDate.describe('Last day included, `YYYY-MM-DD`'),
		service: id.optional(),
		desk: id.optional(),
		operator: id.optional().describe('Staff user id'),
		source: z.enum(TicketSource).optional(),
		format: z.enum(reportFormats).default('json').describe('`csv`: UTF-8 with BOM, `;`-separated; `xlsx`: an Excel workbook')
	})
	.refine((q) => q.from <= q.to, { path: ['to'], message: 'to is before from' })
	.refine((q) => daysBetween(q.from, q.to) <= 366, { path: ['to'], message: 'at most 366 days' });

export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / 86_400_000) + 1;
}

const count = z.int().nonnegative();
const seconds = z.int().nonnegative().nullable();

export const reportFigures = z
	.object({
		issued: count.describe('Tickets issued (a transfer is not a new ticket)'),
		served: count.describe('Tickets served to the end'),
		noShow: count.describe('Tickets called and marked as not come'),
		cancelled: count,
		transferred: count.describe('Tickets transferred to another service or desk at least once (counted where first transferred from)'),
		expired: count.describe('Tickets still waiting when the office day ended'),
		waitMeanSec: seconds,
		waitMedianSec: seconds,
		waitP90Sec: seconds,
		withinTargetPct: z.number().min(0).max(100).nullable().describe('Share of waits within the service target, %'),
		serviceMeanSec: seconds,
		serviceP90Sec: seconds,
		ratingMean: z.number().min(1).max(5).nullable(),
		ratingCount: count
	})
	.meta({ id: 'ReportFigures' });
export type ReportFigures = z.output<typeof reportFigures>;

const period = {
	officeId: z.int(),
	timeZone: z.string(),
	from: localDate,
	to: localDate
};

export const summaryReport = z.object({ ...period, summary: reportFigures }).meta({ id: 'SummaryReport' });
export const byServiceRow = reportFigures
	.extend({ serviceId: z.int(), nameRu: z.string(), nameEn: z.string() })
	.meta({ id: 'ByServiceRow' });
export const byDeskRow = reportFigures
	.extend({ deskId: z.int().nullable(), deskNumber: z.int().nullable(), deskName: z.string() })
	.meta({ id: 'ByDeskRow' });
export const byOperatorRow = reportFigures.extend({ staffId: z.int().nullable(), displayName: z.string() }).meta({ id: 'ByOperatorRow' });
export const byDayRow = reportFigures.extend({ day: localDate }).meta({ id: 'ByDayRow' });
export const byHourRow = z
	.object({
		isoWeekday: z.int().min(1).max(7).describe('1 = Monday'),
		hour: z.int().min(0).max(23),
		arrivals: count,
		waitMeanSec: seconds
	})
	.meta({ id: 'ByHourRow' });
export const bookingsRow = z
	.object({
		serviceId: z.int(),
		nameRu: z.string(),
		nameEn: z.string(),
		made: count,
		checkedIn: count,
		missed: count,
		cancelled: count,
		pending: count.describe('Still booked (the visit is ahead)'),
		noShowPct: z.number().min(0).max(100).nullable().describe('missed / (checked in + missed), %')
	})
	.meta({ id: 'BookingsRow' });
export const ratingComment = z
	.object({
		createdAt: z.iso.datetime(),
		score: z.int().min(1).max(5),
		serviceId: z.int().nullable(),
		comment: z.string()
	})
	.meta({ id: 'RatingComment' });

export const tableReport = <T extends z.ZodType>(row: T, name: string) => z.object({ ...period, rows: z.array(row) }).meta({ id: name });
export const byServiceReport = tableReport(byServiceRow, 'ByServiceReport');
export const byDeskReport = tableReport(byDeskRow, 'ByDeskReport');
export const byOperatorReport = tableReport(byOperatorRow, 'ByOperatorReport');
export const byDayReport = tableReport(byDayRow, 'ByDayReport');
export const byHourReport = tableReport(byHourRow, 'ByHourReport');
export const bookingsReport = z
	.object({ ...period, rows: z.array(bookingsRow), total: bookingsRow.omit({ serviceId: true, nameRu: true, nameEn: true }) })
	.meta({ id: 'BookingsReport' });
export const ratingsReport = z
	.object({
		...period,
		ratingMean: z.number().nullable(),
		ratingCount: count,
		distribution: z.array(z.object({ score: z.int().min(1).max(5), count })).length(5),
		comments: z.array(ratingComment).describe('The latest 500 comments: the text, the score, the service and when')
	})
	.meta({ id: 'RatingsReport' });

export const reportResponse = z.union([
	summaryReport,
	byServiceReport,
	byDeskReport,
	byOperatorReport,
	byDayReport,
	byHourReport,
	bookingsReport,
	ratingsReport
]);

export type SummaryReport = z.output<typeof summaryReport>;
export type ByServiceRow = z.output<typeof byServiceRow>;
export type ByDeskRow = z.output<typeof byDeskRow>;
export type ByOperatorRow = z.output<typeof byOperatorRow>;
export type ByDayRow = z.output<typeof byDayRow>;
export type ByHourRow = z.output<typeof byHourRow>;
export type BookingsReport = z.output<typeof bookingsReport>;
export type RatingsReport = z.output<typeof ratingsReport>;
export type ReportData = z.output<typeof reportResponse>;
export type ReportQuery = z.output<typeof reportQuery>;
