import { TZDate } from '@date-fns/tz';
import type { Sql } from '$lib/server/db/connect';
import { localDay } from '$lib/domain/local-day';
import { ticketLabel } from '$lib/domain/numbering';

/**
 * Past traffic for demos and benchmarks (`talon seed --history DAYS`): the office's past DAYS days
 * (not today) filled with tickets, their legs (`ticket_legs`, what the reports read), bookings and
 * ratings, written in bulk with `insert … select from unnest(…)` — not through the engine, and
 * without an event log (nothing live reads past days' events).
 *
 * The model, deterministic for a given `seed`:
 * - open days and hours from the office's plan (`office_hours`; Mon–Fri 8–20, Sat 9–15 without one),
 *   closed on Sundays without a plan;
 * - visitors ≈ 30 per desk per full weekday before the weights (40 desks → ~1,000 a day), by weekday (Monday busiest, Saturday
 *   light) and by hour (morning and late-afternoon peaks, a dip at lunch), ±10 % by season;
 * - the service mix falls off with the service's order (the first services are the busy ones);
 * - each desk has a morning and an afternoon operator (shift change at 14:00);
 * - waits grow with the hour's load; service times vary around the service's duration;
 * - ~5 % no-shows, ~2 % cancelled while waiting, ~4 % transferred to another service, ~0.3 %
 *   expired, the rest served; ~15 % of the bookable services' visitors are appointments
 *   (bookings also missed ~10 % and cancelled ~7 %), ~30 % of served visitors rate, a few comment.
 *
 * History rows are marked (`public_code` and booking `code` start with `h-`) so a second run
 * replaces them instead of doubling them.
 */
export interface HistoryOptions {
	officeId: number;
	days: number;
	now?: Date;
	/** Visitors per desk on a full weekday. */
	perDesk?: number;
	seed?: number;
}

export interface HistoryResult {
	officeId: number;
	days: number;
	openDays: number;
	tickets: number;
	legs: number;
	bookings: number;
	ratings: number;
	ms: number;
}

interface Service {
	id: number;
	prefix: string;
	durationMin: number;
	targetWaitMin: number;
	bookable: boolean;
}
interface Plan {
	open: number;
	close: number;
	breakStart: number | null;
	breakEnd: number | null;
}

const HOUR_WEIGHT = [0, 0, 0, 0, 0, 0, 0, 0, 0.7, 1.2, 1.5, 1.5, 1.3, 0.9, 1.0, 1.3, 1.4, 1.2, 0.9, 0.6, 0.4, 0.2, 0, 0];
const WEEKDAY_WEIGHT = [0, 1.2, 1.0, 0.95, 1.0, 1.1, 0.7, 0.5]; // index 1 = Monday
const COMMENTS_GOOD = ['Спасибо, всё быстро!', 'Вежливый специалист', 'Отлично, без очереди', 'Всё объяснили понятно'];
const COMMENTS_BAD = ['Долго ждал', 'Мало окон работает', 'Не хватило информации о документах', 'Очередь не двигалась'];

/** mulberry32: small, fast, seeded. */
function rng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export async function seedHistory(sql: Sql, opts: HistoryOptions): Promise<HistoryResult> {
	const started = Date.now();
	const now = opts.now ?? new Date();
	const random = rng(opts.seed ?? 20_261_130);
	const [office] = await sql<{ timeZone: string }[]>`select time_zone from offices where id = ${opts.officeId}`;
	if (!office) throw new Error(`no office ${opts.officeId}`);
	const tz = office.timeZone;
	const services = await sql<Service[]>`
		select id, prefix, duration_min, target_wait_min, bookable from services where office_id = ${opts.officeId} and active order by sort, id`;
	if (services.length === 0) throw new Error('the office has no services');
	const desks = await sql<{ id: number; services: number[] }[]>`
		select d.id, coalesce(array_agg(ds.service_id) filter (where ds.service_id is not null), '{}') as services
		from desks d left join desk_services ds on ds.desk_id = d.id where d.office_id = ${opts.officeId} group by d.id order by d.number`;
	if (desks.length === 0) throw new Error('the office has no desks');
	const plans = new Map<number, Plan>();
	for (const h of await sql<
		{ weekday: number; openMin: number; closeMin: number; breakStartMin: number | null; breakEndMin: number | null }[]
	>`
		select weekday, open_min, close_min, break_start_min, break_end_min from office_hours where office_id = ${opts.officeId}`)
		plans.set(h.weekday, { open: h.openMin, close: h.closeMin, breakStart: h.breakStartMin, breakEnd: h.breakEndMin });
	if (plans.size === 0) {
		for (let w = 1; w <= 5; w++) plans.set(w, { open: 480, close: 1200, breakStart: null, breakEnd: null });
		plans.set(6, { open: 540, close: 900, breakStart: null, breakEnd: null });
	}
	const operators = await shiftOperators(sql, opts.officeId, desks.length * 2);

	await sql.begin(async (tx) => {
		await tx`delete from bookings where office_id = ${opts.officeId} and code like 'h-%'`;
		await tx`delete from tickets where office_id = ${opts.officeId} and public_code like 'h-%'`;
	});

	// Real tickets already on those days keep their numbers: history numbers each prefix after them.
	const today = localDay(now, tz);
	const firstDay = addDays(today, -opts.days);
	const taken = new Map<string, number>();
	for (const r of await sql<{ day: string; prefix: string; seq: number }[]>`
		select service_day::text as day, prefix, max(seq)::int as seq from tickets
		where office_id = ${opts.officeId} and service_day >= ${firstDay} and service_day < ${today} group by 1, 2`)
		taken.set(`${r.day}/${r.prefix}`, r.seq);

	const weights = services.map((_, i) => 1 / Math.pow(i + 1, 0.7));
	const weightSum = weights.reduce((a, b) => a + b, 0);
	const pickService = () => {
		let x = random() * weightSum;
		for (let i = 0; i < services.length; i++) if ((x -= weights[i]!) <= 0) return services[i]!;
		return services.at(-1)!;
	};
	const desksFor = new Map(services.map((s) => [s.id, desks.map((d, i) => ({ ...d, i })).filter((d) => d.services.includes(s.id))]));
	const perDesk = opts.perDesk ?? 30;
	const totalWeight = HOUR_WEIGHT.reduce((a, b) => a + b, 0);

	const result: HistoryResult = {
		officeId: opts.officeId,
		days: opts.days,
		openDays: 0,
		tickets: 0,
		legs: 0,
		bookings: 0,
		ratings: 0,
		ms: 0
	};
	let batch = newBatch();
	let counter = 0;

	for (let d = opts.days; d >= 1; d--) {
		const day = addDays(today, -d);
		const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
		const midnight = new TZDate(y, m - 1, dd, 0, 0, 0, 0, tz).getTime();
		const isodow = ((new Date(Date.UTC(y, m - 1, dd)).getUTCDay() + 6) % 7) + 1;
		const plan = plans.get(isodow);
		if (!plan) continue;
		result.openDays++;
		const season = 1 + 0.1 * Math.sin(((m - 1) / 12) * 2 * Math.PI);
		const seqs = new Map<string, number>();
		for (let hour = Math.floor(plan.open / 60); hour < Math.ceil(plan.close / 60); hour++) {
			const expected = (desks.length * perDesk * WEEKDAY_WEIGHT[isodow]! * season * HOUR_WEIGHT[hour]!) / totalWeight;
			const count = Math.round(expected * (0.85 + 0.3 * random()));
			const load = HOUR_WEIGHT[hour]! * WEEKDAY_WEIGHT[isodow]!;
			for (let k = 0; k < count; k++) {
				const minute = hour * 60 + random() * 60;
				if (minute < plan.open || minute >= plan.close - 10) continue;
				if (plan.breakStart !== null && minute >= plan.breakStart && minute < plan.breakEnd!) continue;
				const service = pickService();
				const key = `${day}/${service.prefix}`;
				const seq = (seqs.get(key) ?? taken.get(key) ?? 0) + 1;
				seqs.set(key, seq);
				const id = ++counter;
				const arrived = midnight + minute * 60_000;
				const appointment = service.bookable && random() < 0.15;
				const slot = appointment ? midnight + Math.ceil(minute / 15) * 15 * 60_000 : null;
				const source = appointment ? 'booking' : random() < 0.85 ? 'kiosk' : random() < 0.6 ? 'desk' : 'phone';
				const category = appointment ? 'appointment' : random() < 0.05 ? 'priority' : 'ordinary';
				const roll = random();
				const outcome =
					roll < 0.05 ? 'no_show' : roll < 0.07 ? 'cancelled' : roll < 0.11 ? 'transferred' : roll < 0.113 ? 'expired' : 'done';
				const legs: Leg[] = [];
				let from = Math.max(arrived, slot ?? 0);
				let svc = service;
				let state = outcome;
				let end: number;
				for (let leg = 1; leg <= (outcome === 'transferred' ? 2 : 1); leg++) {
					const legOutcome = outcome === 'transferred' ? (leg === 1 ? 'transferred' : 'done') : outcome;
					const waitMean = svc.targetWaitMin * 60 * (appointment && leg === 1 ? 0.3 : 0.35 + 0.55 * load);
					const wait = Math.round(-Math.log(1 - random()) * waitMean);
					const options = desksFor.get(svc.id)!.length ? desksFor.get(svc.id)! : desks.map((x, i) => ({ ...x, i }));
					const desk = options[Math.floor(random() * options.length)]!;
					const called = legOutcome === 'cancelled' || legOutcome === 'expired' ? null : from + wait * 1000;
					const startedAt = called !== null && legOutcome !== 'no_show' ? called + (30 + Math.floor(random() * 60)) * 1000 : null;
					const serviceSec = Math.round(
						svc.durationMin * 60 * Math.exp(0.35 * gaussian(random)) * (legOutcome === 'transferred' ? 0.3 : 1)
					);
					end =
						legOutcome === 'cancelled'
							? from + Math.round(random() * 1800) * 1000
							: legOutcome === 'expired'
								? midnight + 86_400_000 + 300_000
								: legOutcome === 'no_show'
									? called! + 180_000
									: startedAt! + serviceSec * 1000;
					const localMinute = called === null ? null : (called - midnight) / 60_000;
					const staff = called === null ? null : (operators[desk.i * 2 + (localMinute! >= 840 ? 1 : 0)] ?? null);
					legs.push({
						leg,
						serviceId: svc.id,
						waitFrom: from,
						isodow,
						hour: leg === 1 ? hour : Math.floor(((from - midnight) / 3_600_000) % 24),
						target: svc.targetWaitMin * 60,
						deskId: called === null ? null : desk.id,
						staffId: staff,
						called,
						started: startedAt,
						ended: end,
						outcome: legOutcome
					});
					if (legOutcome === 'transferred') {
						from = end;
						const others = services.filter((s) => s.id !== svc.id);
						svc = others.length ? others[Math.floor(random() * others.length)]! : svc;
						state = 'done';
					}
				}
				const last = legs.at(-1)!;
				batch.tickets.push({
					id,
					serviceId: last.serviceId,
					day,
					prefix: service.prefix,
					seq,
					number: ticketLabel(service.prefix, ((seq - 1) % 999) + 1),
					source,
					category,
					state,
					arrived,
					queued: legs.length > 1 ? last.waitFrom : arrived,
					appointment: slot,
					deskId: last.deskId,
					staffId: last.staffId,
					called: last.called,
					started: last.started,
					finished: last.ended,
					legs
				});
				if (appointment) {
					batch.bookings.push({
						serviceId: service.id,
						startsAt: slot!,
						day,
						duration: service.durationMin,
						state: 'checked_in',
						ticketId: id,
						at: arrived
					});
					const extra = random();
					if (extra < 0.12)
						batch.bookings.push({
							serviceId: service.id,
							startsAt: slot!,
							day,
							duration: service.durationMin,
							state: extra < 0.07 ? 'missed' : 'cancelled',
							ticketId: null,
							at: slot!
						});
				}
				if (state === 'done' && random() < 0.3) {
					const slow = legs.some((l) => l.called !== null && l.called - l.waitFrom > l.target * 1000);
					const r = random();
					const score = slow
						? r < 0.25
							? 2
							: r < 0.4
								? 1
								: r < 0.7
									? 3
									: r < 0.9
										? 4
										: 5
						: r < 0.6
							? 5
							: r < 0.85
								? 4
								: r < 0.94
									? 3
									: r < 0.97
										? 2
										: 1;
					const comment = random() < 0.12 ? (score >= 4 ? COMMENTS_GOOD : COMMENTS_BAD)[Math.floor(random() * 4)]! : null;
					batch.ratings.push({
						ticketId: id,
						serviceId: last.serviceId,
						deskId: last.deskId,
						staffId: last.staffId,
						score,
						comment,
						at: last.ended + 120_000 + Math.floor(random() * 3_600_000)
					});
				}
			}
		}
		if (batch.tickets.length >= 20_000) {
			await flush(sql, opts.officeId, batch, result);
			batch = newBatch();
		}
	}
	await flush(sql, opts.officeId, batch, result);
	result.ms = Date.now() - started;
	return result;
}

interface Leg {
	leg: number;
	serviceId: number;
	waitFrom: number;
	isodow: number;
	hour: number;
	target: number;
	deskId: number | null;
	staffId: number | null;
	called: number | null;
	started: number | null;
	ended: number;
	outcome: string;
}
interface Batch {
	tickets: {
		id: number;
		serviceId: number;
		day: string;
		prefix: string;
		seq: number;
		number: string;
		source: string;
		category: string;
		state: string;
		arrived: number;
		queued: number;
		appointment: number | null;
		deskId: number | null;
		staffId: number | null;
		called: number | null;
		started: number | null;
		finished: number;
		legs: Leg[];
	}[];
	bookings: { serviceId: number; startsAt: number; day: string; duration: number; state: string; ticketId: number | null; at: number }[];
	ratings: {
		ticketId: number;
		serviceId: number;
		deskId: number | null;
		staffId: number | null;
		score: number;
		comment: string | null;
		at: number;
	}[];
}
const newBatch = (): Batch => ({ tickets: [], bookings: [], ratings: [] });

function gaussian(random: () => number): number {
	return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function addDays(day: string, n: number): string {
	const d = new Date(day + 'T00:00:00Z');
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Writes one batch: the local ticket numbers become real ids from the identity's sequence
 * (`overriding system value`), so legs, bookings and ratings can point at them in the same go.
 */
async function flush(sql: Sql, officeId: number, batch: Batch, result: HistoryResult): Promise<void> {
	if (batch.tickets.length === 0) return;
	await sql.begin(async (tx) => {
		const ids = await tx<{ id: number }[]>`
			select nextval(pg_get_serial_sequence('tickets', 'id'))::int as id from generate_series(1, ${batch.tickets.length})`;
		const idOf = new Map(batch.tickets.map((t, i) => [t.id, ids[i]!.id]));
		const t = batch.tickets;
		await tx`
			insert into tickets (id, office_id, service_id, service_day, prefix, seq, number, public_code, source, category, state,
				arrived_at, queued_at, appointment_at, desk_id, staff_id, called_at, started_at, finished_at, call_count)
			overriding system value
			select u.id, ${officeId}, u.service_id, u.day, u.prefix, u.seq, u.number, 'h-' || u.id, u.source, u.category, u.state,
				u.arrived, u.queued, u.appointment, u.desk_id, u.staff_id, u.called, u.started, u.finished, (u.called is not null)::int
			from unnest(${t.map((x) => idOf.get(x.id)!)}::int[], ${t.map((x) => x.serviceId)}::int[], ${t.map((x) => x.day)}::date[],
				${t.map((x) => x.prefix)}::text[], ${t.map((x) => x.seq)}::int[], ${t.map((x) => x.number)}::text[], ${t.map((x) => x.source)}::text[],
				${t.map((x) => x.category)}::text[], ${t.map((x) => x.state)}::text[], ${t.map((x) => iso(x.arrived))}::timestamptz[],
				${t.map((x) => iso(x.queued))}::timestamptz[], ${t.map((x) => iso(x.appointment))}::timestamptz[], ${t.map((x) => x.deskId)}::int[],
				${t.map((x) => x.staffId)}::int[], ${t.map((x) => iso(x.called))}::timestamptz[], ${t.map((x) => iso(x.started))}::timestamptz[],
				${t.map((x) => iso(x.finished))}::timestamptz[])
				as u(id, service_id, day, prefix, seq, number, source, category, state, arrived, queued, appointment, desk_id, staff_id, called, started, finished)`;
		const legs = t.flatMap((x) =>
			x.legs.map((l) => ({ ...l, ticketId: idOf.get(x.id)!, source: x.source, category: x.category, day: x.day }))
		);
		await tx`
			insert into ticket_legs (ticket_id, leg, office_id, service_id, source, category, local_day, wait_from, local_isodow, local_hour,
				target_wait_sec, desk_id, staff_id, called_at, started_at, ended_at, outcome)
			select u.ticket_id, u.leg, ${officeId}, u.service_id, u.source, u.category, u.day, u.wait_from, u.isodow, u.hour,
				u.target, u.desk_id, u.staff_id, u.called, u.started, u.ended, u.outcome
			from unnest(${legs.map((l) => l.ticketId)}::int[], ${legs.map((l) => l.leg)}::int[], ${legs.map((l) => l.serviceId)}::int[],
				${legs.map((l) => l.source)}::text[], ${legs.map((l) => l.category)}::text[], ${legs.map((l) => l.day)}::date[],
				${legs.map((l) => iso(l.waitFrom))}::timestamptz[], ${legs.map((l) => l.isodow)}::int[], ${legs.map((l) => l.hour)}::int[],
				${legs.map((l) => l.target)}::int[], ${legs.map((l) => l.deskId)}::int[], ${legs.map((l) => l.staffId)}::int[],
				${legs.map((l) => iso(l.called))}::timestamptz[], ${legs.map((l) => iso(l.started))}::timestamptz[],
				${legs.map((l) => iso(l.ended))}::timestamptz[], ${legs.map((l) => l.outcome)}::text[])
				as u(ticket_id, leg, service_id, source, category, day, wait_from, isodow, hour, target, desk_id, staff_id, called, started, ended, outcome)`;
		const b = batch.bookings;
		if (b.length)
			await tx`
				insert into bookings (office_id, service_id, starts_at, duration_min, local_day, code, state, source, ticket_id, created_at,
					checked_in_at, cancelled_at, missed_at, erased_at)
				select ${officeId}, u.service_id, u.starts_at, u.duration, u.day, 'h-' || ${officeId} || '-' || (${result.bookings} + u.n), u.state, 'online',
					u.ticket_id, u.starts_at - interval '3 days', case when u.state = 'checked_in' then u.at end,
					case when u.state = 'cancelled' then u.starts_at - interval '1 day' end,
					case when u.state = 'missed' then u.starts_at + interval '15 minutes' end, u.starts_at + interval '30 days'
				from unnest(${b.map((x) => x.serviceId)}::int[], ${b.map((x) => iso(x.startsAt))}::timestamptz[], ${b.map((x) => x.duration)}::int[],
					${b.map((x) => x.day)}::date[], ${b.map((x) => x.state)}::text[], ${b.map((x) => (x.ticketId === null ? null : idOf.get(x.ticketId)!))}::int[],
					${b.map((x) => iso(x.at))}::timestamptz[]) with ordinality as u(service_id, starts_at, duration, day, state, ticket_id, at, n)`;
		const r = batch.ratings;
		if (r.length)
			await tx`
				insert into ratings (ticket_id, office_id, service_id, desk_id, staff_id, score, comment, via, created_at)
				select u.ticket_id, ${officeId}, u.service_id, u.desk_id, u.staff_id, u.score, u.comment, 'page', u.at
				from unnest(${r.map((x) => idOf.get(x.ticketId)!)}::int[], ${r.map((x) => x.serviceId)}::int[], ${r.map((x) => x.deskId)}::int[],
					${r.map((x) => x.staffId)}::int[], ${r.map((x) => x.score)}::int[], ${r.map((x) => x.comment)}::text[],
					${r.map((x) => iso(x.at))}::timestamptz[]) as u(ticket_id, service_id, desk_id, staff_id, score, comment, at)`;
	});
	result.tickets += batch.tickets.length;
	result.legs += batch.tickets.reduce((n, x) => n + x.legs.length, 0);
	result.bookings += batch.bookings.length;
	result.ratings += batch.ratings.length;
}

/**
 * Operators for the shifts (two per desk): the office's own operators first, then disabled
 * `history-N` accounts that cannot sign in (their password hash is no hash at all).
 */
async function shiftOperators(sql: Sql, officeId: number, needed: number): Promise<number[]> {
	const own = await sql<{ id: number }[]>`
		select u.id from staff_users u join staff_offices so on so.staff_id = u.id
		where so.office_id = ${officeId} and 'operator' = any(u.roles) order by u.id`;
	const ids = own.map((u) => u.id);
	for (let n = 1; ids.length < needed; n++) {
		const login = `history-${officeId}-${n}`;
		const [row] = await sql<{ id: number }[]>`
			insert into staff_users (login, display_name, password_hash, roles, disabled)
			values (${login}, ${'Оператор ' + n}, '!history', '{operator}', true)
			on conflict (login) do update set display_name = excluded.display_name returning id`;
		await sql`insert into staff_offices (staff_id, office_id) values (${row!.id}, ${officeId}) on conflict do nothing`;
		ids.push(row!.id);
	}
	return ids.slice(0, needed);
}
