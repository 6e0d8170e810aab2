import type { Tx } from '$lib/server/db/connect';

/** The reports run inside one read-only transaction (`run.ts`). */
type Sql = Tx;
import type {
	BookingsReport,
	ByDayRow,
	ByDeskRow,
	ByHourRow,
	ByOperatorRow,
	ByServiceRow,
	RatingsReport,
	ReportFigures
} from '$lib/schemas/reports';
import type { TicketSource } from '$lib/domain/states';

/**
 * The reports' SQL over `ticket_legs` (migrations/0020_report_legs.sql), `ratings` and
 * `bookings`. Every figure is defined in docs/reports.md and computed by the pure functions of
 * src/lib/domain/report-figures.ts the same way (the integration test holds the two together).
 * Every query starts from `(office_id, local_day)`, the index the plans in docs/reports.md use.
 */
export interface ReportScope {
	officeId: number;
	timeZone: string;
	/** Office-local days, inclusive. */
	from: string;
	to: string;
	serviceId?: number | undefined;
	deskId?: number | undefined;
	staffId?: number | undefined;
	source?: TicketSource | undefined;
}

type Figures = Omit<ReportFigures, 'ratingMean' | 'ratingCount'>;
type Rating = { ratingMean: number | null; ratingCount: number };

function legsWhere(sql: Sql, s: ReportScope) {
	return sql`l.office_id = ${s.officeId} and l.local_day between ${s.from} and ${s.to}
		${s.serviceId ? sql`and l.service_id = ${s.serviceId}` : sql``}
		${s.deskId ? sql`and l.desk_id = ${s.deskId}` : sql``}
		${s.staffId ? sql`and l.staff_id = ${s.staffId}` : sql``}
		${s.source ? sql`and l.source = ${s.source}` : sql``}`;
}

/**
 * The figures of a group of legs (see `figures()` in report-figures.ts): outcomes once per
 * ticket, `issued` and `transferred` on leg 1 (a ticket's first transfer always ends its first
 * leg), waits and service times per leg, percentiles by `percentile_cont`. No DISTINCT: the
 * plan is one scan, one sort by the group key and the ordered-set aggregates.
 */
function figuresColumns(sql: Sql) {
	return sql`
		count(*) filter (where l.leg = 1)::int as issued,
		count(*) filter (where l.outcome = 'done')::int as served,
		count(*) filter (where l.outcome = 'no_show')::int as no_show,
		count(*) filter (where l.outcome = 'cancelled')::int as cancelled,
		count(*) filter (where l.outcome = 'transferred' and l.leg = 1)::int as transferred,
		count(*) filter (where l.outcome = 'expired')::int as expired,
		round(avg(l.wait_sec))::int as wait_mean_sec,
		round(percentile_cont(0.5) within group (order by l.wait_sec))::int as wait_median_sec,
		round(percentile_cont(0.9) within group (order by l.wait_sec))::int as wait_p90_sec,
		(round(1000.0 * count(*) filter (where l.wait_sec <= l.target_wait_sec) / nullif(count(l.wait_sec), 0)) / 10)::float8
			as within_target_pct,
		round(avg(l.service_sec))::int as service_mean_sec,
		round(percentile_cont(0.9) within group (order by l.service_sec))::int as service_p90_sec`;
}

/** Ratings given in the period (by the office's local days of `created_at`), with the same filters. */
function ratingsWhere(sql: Sql, s: ReportScope) {
	return sql`r.office_id = ${s.officeId}
		and r.created_at >= (${s.from}::date::timestamp at time zone ${s.timeZone})
		and r.created_at < ((${s.to}::date + 1)::timestamp at time zone ${s.timeZone})
		${s.serviceId ? sql`and r.service_id = ${s.serviceId}` : sql``}
		${s.deskId ? sql`and r.desk_id = ${s.deskId}` : sql``}
		${s.staffId ? sql`and r.staff_id = ${s.staffId}` : sql``}
		${s.source ? sql`and exists (select 1 from tickets t where t.id = r.ticket_id and t.source = ${s.source})` : sql``}`;
}

const ratingColumns = (sql: Sql) => sql`(round(avg(r.score), 2))::float8 as rating_mean, count(*)::int as rating_count`;

export async function summary(sql: Sql, s: ReportScope): Promise<ReportFigures> {
	const [f] = await sql<Figures[]>`select ${figuresColumns(sql)} from ticket_legs l where ${legsWhere(sql, s)}`;
	const [r] = await sql<Rating[]>`select ${ratingColumns(sql)} from ratings r where ${ratingsWhere(sql, s)}`;
	return { ...f!, ...r! };
}

type Fragment = ReturnType<Sql>;

/** Figures grouped by `legKey`, with the ratings grouped by `ratingKey` merged in. */
async function grouped<K extends string | number | null>(
	sql: Sql,
	s: ReportScope,
	legKey: Fragment,
	ratingKey: Fragment
): Promise<Map<K, ReportFigures>> {
	const rows = await sql<(Figures & { key: K })[]>`
		select ${legKey} as key, ${figuresColumns(sql)} from ticket_legs l where ${legsWhere(sql, s)} group by 1`;
	const ratings = await sql<(Rating & { key: K })[]>`
		select ${ratingKey} as key, ${ratingColumns(sql)} from ratings r where ${ratingsWhere(sql, s)} group by 1`;
	const byKey = new Map<K, ReportFigures>();
	for (const { key, ...f } of rows) byKey.set(key, { ...f, ratingMean: null, ratingCount: 0 });
	for (const { key, ...r } of ratings) byKey.set(key, { ...(byKey.get(key) ?? emptyFigures()), ...r });
	return byKey;
}

export function emptyFigures(): ReportFigures {
	return {
		issued: 0,
		served: 0,
		noShow: 0,
		cancelled: 0,
		transferred: 0,
		expired: 0,
		waitMeanSec: null,
		waitMedianSec: null,
		waitP90Sec: null,
		withinTargetPct: null,
		serviceMeanSec: null,
		serviceP90Sec: null,
		ratingMean: null,
		ratingCount: 0
	};
}

export async function byService(sql: Sql, s: ReportScope): Promise<ByServiceRow[]> {
	const byKey = await grouped<number>(sql, s, sql`l.service_id`, sql`r.service_id`);
	const services = await sql<{ id: number; nameRu: string; nameEn: string }[]>`
		select id, name_ru, name_en from services where office_id = ${s.officeId} order by sort, id`;
	return services.filter((x) => byKey.has(x.id)).map((x) => ({ serviceId: x.id, nameRu: x.nameRu, nameEn: x.nameEn, ...byKey.get(x.id)! }));
}

export async function byDesk(sql: Sql, s: ReportScope): Promise<ByDeskRow[]> {
	const byKey = await grouped<number | null>(sql, s, sql`l.desk_id`, sql`r.desk_id`);
	const desks = await sql<{ id: number; number: number; name: string }[]>`
		select id, number, name from desks where office_id = ${s.officeId} order by number`;
	const rows: ByDeskRow[] = desks
		.filter((d) => byKey.has(d.id))
		.map((d) => ({ deskId: d.id, deskNumber: d.number, deskName: d.name, ...byKey.get(d.id)! }));
	// Legs never called (cancelled or expired while waiting) have no desk.
	const none = byKey.get(null);
	if (none) rows.push({ deskId: null, deskNumber: null, deskName: '', ...none });
	return rows;
}

export async function byOperator(sql: Sql, s: ReportScope): Promise<ByOperatorRow[]> {
	const byKey = await grouped<number | null>(sql, s, sql`l.staff_id`, sql`r.staff_id`);
	const ids = [...byKey.keys()].filter((k): k is number => k !== null);
	const staff = await sql<{ id: number; displayName: string; login: string }[]>`
		select id, display_name, login from staff_users where id = any(${ids}) order by display_name, login`;
	const rows: ByOperatorRow[] = staff.map((u) => ({ staffId: u.id, displayName: u.displayName || u.login, ...byKey.get(u.id)! }));
	const none = byKey.get(null);
	if (none) rows.push({ staffId: null, displayName: '', ...none });
	return rows;
}

export async function byDay(sql: Sql, s: ReportScope): Promise<ByDayRow[]> {
	const byKey = await grouped<string>(sql, s, sql`l.local_day`, sql`(r.created_at at time zone ${s.timeZone})::date`);
	return [...byKey].sort(([a], [b]) => a.localeCompare(b)).map(([day, f]) => ({ day, ...f }));
}

/** Arrivals (tickets issued) and the mean wait by the office's weekday and hour. */
export async function byHour(sql: Sql, s: ReportScope): Promise<ByHourRow[]> {
	return sql<ByHourRow[]>`
		select l.local_isodow::int as iso_weekday, l.local_hour::int as hour, count(*) filter (where l.leg = 1)::int as arrivals,
			round(avg(l.wait_sec))::int as wait_mean_sec
		from ticket_legs l where ${legsWhere(sql, s)}
		group by 1, 2 order by 1, 2`;
}

/**
 * Bookings whose visit falls in the period, by service: made, checked in, missed, cancelled, and
 * the no-show rate of bookings = missed / (checked in + missed). Desk, operator and source do
 * not apply to a booking.
 */
export async function bookings(sql: Sql, s: ReportScope): Promise<Pick<BookingsReport, 'rows' | 'total'>> {
	const rows = await sql<BookingsReport['rows']>`
		select b.service_id, s.name_ru, s.name_en, count(*)::int as made,
			count(*) filter (where b.state = 'checked_in')::int as checked_in,
			count(*) filter (where b.state = 'missed')::int as missed,
			count(*) filter (where b.state = 'cancelled')::int as cancelled,
			count(*) filter (where b.state = 'booked')::int as pending
		from bookings b join services s on s.id = b.service_id
		where b.office_id = ${s.officeId} and b.local_day between ${s.from} and ${s.to}
			${s.serviceId ? sql`and b.service_id = ${s.serviceId}` : sql``}
		group by b.service_id, s.name_ru, s.name_en, s.sort order by s.sort, b.service_id`;
	const rate = (checkedIn: number, missed: number) =>
		checkedIn + missed === 0 ? null : Math.round((1000 * missed) / (checkedIn + missed)) / 10;
	const sum = (k: 'made' | 'checkedIn' | 'missed' | 'cancelled' | 'pending') => rows.reduce((a, r) => a + r[k], 0);
	const total = {
		made: sum('made'),
		checkedIn: sum('checkedIn'),
		missed: sum('missed'),
		cancelled: sum('cancelled'),
		pending: sum('pending')
	};
	return {
		rows: rows.map((r) => ({ ...r, noShowPct: rate(r.checkedIn, r.missed) })),
		total: { ...total, noShowPct: rate(total.checkedIn, total.missed) }
	};
}

/** The distribution of scores and the latest comments: text, score, service, time — no ticket, no person. */
export async function ratings(sql: Sql, s: ReportScope): Promise<Omit<RatingsReport, 'officeId' | 'timeZone' | 'from' | 'to'>> {
	const counts = await sql<{ score: number; count: number }[]>`
		select r.score, count(*)::int as count from ratings r where ${ratingsWhere(sql, s)} group by 1`;
	const [r] = await sql<Rating[]>`select ${ratingColumns(sql)} from ratings r where ${ratingsWhere(sql, s)}`;
	const comments = await sql<{ createdAt: Date; score: number; serviceId: number | null; comment: string }[]>`
		select r.created_at, r.score, r.service_id, r.comment
		from ratings r where ${ratingsWhere(sql, s)} and r.comment is not null and r.comment <> ''
		order by r.created_at desc, r.id desc limit 500`;
	return {
		...r!,
		distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: counts.find((c) => c.score === score)?.count ?? 0 })),
		comments: comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() }))
	};
}
