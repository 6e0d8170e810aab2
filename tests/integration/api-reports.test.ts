import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import ExcelJS from 'exceljs';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { apiClient } from '../helpers/api';
import { makeOffice } from '../helpers/fixture';
import { addStaffUser } from '../../src/lib/server/auth/staff';
import { createSession, validateSession, type StaffPrincipal } from '../../src/lib/server/auth/sessions';
import { runJob } from '../../src/lib/server/jobs/scheduler';
import { reportJobs } from '../../src/lib/server/reports/jobs';
import { callNext, finish, issueTicket, startService, transfer } from '../../src/lib/server/queue';
import { seedHistory } from '../../src/lib/server/demo/history';
import { reportsPage } from '../../src/lib/server/reports/page';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { DAY, TARGET, dayTickets, expectedDay, localAt } from '../../src/lib/domain/report-figures.fixture';

/**
 * The reports (issue 12) through the API against a real database: the worked day of
 * src/lib/domain/report-figures.fixture.ts written as the engine writes it (tickets and their
 * event log; the trigger of migrations/0020 keeps the legs), read back by the reports' SQL and
 * expected to give the hand-computed figures; office scope, filters, CSV and XLSX; the expiry job.
 */
let db: TestDatabase;
let api: Awaited<ReturnType<typeof apiClient>>;
let admin: StaffPrincipal;
let supervisor: StaffPrincipal;
let operator: StaffPrincipal;
const offices: Record<string, { id: number; a: number; b: number; desks: number[]; staff: number[] }> = {};

async function principal(login: string, roles: ('admin' | 'supervisor' | 'operator')[], officeIds: number[]) {
	const { id } = await addStaffUser(db.sql, { login, password: 'secret-password-1', roles, officeIds, displayName: login.toUpperCase() });
	return (await validateSession(db.sql, (await createSession(db.sql, id)).token))!;
}

/** The worked day in an office of this zone, as the engine would have written it. */
async function writeDay(slug: string, timeZone: string) {
	const [o] = await db.sql<{ id: number }[]>`
		insert into offices (slug, name_ru, name_en, time_zone) values (${slug}, ${'Офис ' + slug}, ${'Office ' + slug}, ${timeZone}) returning id`;
	const officeId = o!.id;
	const [a] = await db.sql<{ id: number }[]>`
		insert into services (office_id, name_ru, name_en, prefix, duration_min, target_wait_min)
		values (${officeId}, 'Паспорт', 'Passport', 'А', 10, ${TARGET.A / 60}) returning id`;
	const [b] = await db.sql<{ id: number }[]>`
		insert into services (office_id, name_ru, name_en, prefix, duration_min, target_wait_min, sort)
		values (${officeId}, 'Консультация; "срочно"', 'Advice; "urgent"', 'Б', 10, ${TARGET.B / 60}, 1) returning id`;
	const desks: number[] = [];
	for (const n of [1, 2]) {
		const [d] = await db.sql<
			{ id: number }[]
		>`insert into desks (office_id, number, name) values (${officeId}, ${n}, ${'Окно ' + n}) returning id`;
		desks.push(d!.id);
	}
	const staff = [
		(await principal(`${slug}-op1`, ['operator'], [officeId])).staffId,
		(await principal(`${slug}-op2`, ['operator'], [officeId])).staffId
	];
	const serviceId = { A: a!.id, B: b!.id };
	let seq = 0;
	for (const t of dayTickets) {
		const arrived = localAt(t.arrived, timeZone);
		const final = t.steps.at(-1)?.type;
		const state = { 'ticket.finished': 'done', 'ticket.no_show': 'no_show', 'ticket.cancelled': 'cancelled' }[final as string] ?? 'waiting';
		const lastService = t.steps.find((s) => s.to)?.to ?? t.service;
		const [row] = await db.sql<{ id: number }[]>`
			insert into tickets (office_id, service_id, service_day, prefix, seq, number, public_code, source, category, state,
				arrived_at, queued_at, appointment_at)
			values (${officeId}, ${serviceId[lastService]}, ${DAY}, 'А', ${t.n}, ${'А' + String(t.n).padStart(3, '0')}, ${slug + '-' + t.n},
				${t.source}, ${t.appointment ? 'appointment' : 'ordinary'}, ${state}, ${arrived}, ${arrived},
				${t.appointment ? localAt(t.appointment, timeZone) : null})
			returning id`;
		const ticketId = row!.id;
		let service = t.service;
		const events = [{ type: 'ticket.issued', at: arrived, payload: { ticket: { serviceId: serviceId[t.service] }, data: {} } }];
		for (const s of t.steps) {
			if (s.to) service = s.to;
			events.push({
				type: s.type,
				at: localAt(s.at, timeZone),
				payload: { ticket: { serviceId: serviceId[service] }, data: s.to ? { toServiceId: serviceId[s.to] } : {} }
			});
		}
		for (const e of events) {
			// Desk 1 serves A, desk 2 B; the operator of each desk acts.
			const onDesk = e.type !== 'ticket.issued' && e.type !== 'ticket.cancelled';
			const i =
				e.payload.ticket.serviceId === serviceId.A && !(e.type === 'ticket.transferred') ? 0 : e.type === 'ticket.transferred' ? 0 : 1;
			await db.sql`
				insert into events (office_id, seq, type, ticket_id, desk_id, staff_id, payload, at)
				values (${officeId}, ${++seq}, ${e.type}, ${ticketId}, ${onDesk ? desks[i]! : null}, ${onDesk ? staff[i]! : null},
					${db.sql.json(e.payload)}, ${e.at})`;
		}
		if (t.rating) {
			const lastAt = localAt(t.steps.at(-1)!.at, timeZone);
			await db.sql`
				insert into ratings (ticket_id, office_id, service_id, desk_id, staff_id, score, comment, via, created_at)
				values (${ticketId}, ${officeId}, ${serviceId[lastService]}, ${desks[lastService === 'A' ? 0 : 1]!}, ${staff[lastService === 'A' ? 0 : 1]!},
					${t.rating}, ${t.rating < 3 ? 'Долго; "очень" долго' : null}, 'page', ${new Date(lastAt.getTime() + 300_000)})`;
		}
	}
	await db.sql`update offices set last_seq = ${seq} where id = ${officeId}`;
	offices[slug] = { id: officeId, a: a!.id, b: b!.id, desks, staff };
}

const url = (report: string, q: Record<string, string | number>) =>
	`/reports/${report}?` + new URLSearchParams(Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)]))).toString();

/** Calls the route for a file (the API client reads JSON only). */
async function download(report: string, q: Record<string, string | number>, staff: StaffPrincipal) {
	const module = await import('../../src/routes/api/v1/reports/[report]/+server');
	const request = new Request(api.origin + '/api/v1' + url(report, q));
	const event = {
		request,
		url: new URL(request.url),
		params: { report },
		locals: { locale: 'ru', staff },
		getClientAddress: () => '127.0.0.1'
	};
	return module.GET(event as unknown as RequestEvent);
}

beforeAll(async () => {
	db = await createTestDatabase();
	await writeDay('vlad', 'Asia/Vladivostok');
	await writeDay('kgd', 'Europe/Kaliningrad');
	admin = await principal('boss', ['admin'], []);
	supervisor = await principal('sup-vlad', ['supervisor'], [offices.vlad!.id]);
	operator = await principal('op-vlad', ['operator'], [offices.vlad!.id]);
	api = await apiClient(db);
});
afterAll(() => db?.close());

const day = { from: DAY, to: DAY };
const ratingsOfDay = { ratingMean: 3.67, ratingCount: 3 };

describe('the worked day through the event log and SQL', () => {
	it('gives the hand-computed figures before the nightly job (ticket 12 still waiting)', async () => {
		const res = await api.call('GET', url('summary', { office: 'vlad', ...day }), { staff: supervisor });
		expect(res.status).toBe(200);
		expect(res.body.summary).toEqual({ ...expectedDay, expired: 0, ...ratingsOfDay });
	});

	it('closes the leftover ticket as expired in the office zone, with an event, and counts it', async () => {
		const published: { type: string; officeId: number; ticket: { state: string } | null }[] = [];
		const job = reportJobs((events) => published.push(...events)).find((j) => j.name === 'tickets.expire')!;
		// 23:55 on the day itself in Vladivostok: nothing ends yet.
		expect(await runJob(db.sql, job, localAt('23:55', 'Asia/Vladivostok'))).toEqual({ outcome: 'done', rows: 0 });
		// 00:05 the next day in Vladivostok is still 16:05 on DAY in Kaliningrad: only Vladivostok's ticket expires.
		expect(await runJob(db.sql, job, localAt('+00:05', 'Asia/Vladivostok'))).toEqual({ outcome: 'done', rows: 1 });
		const states = await db.sql<{ slug: string; state: string }[]>`
			select o.slug, t.state from tickets t join offices o on o.id = t.office_id where t.seq = 12 order by o.slug`;
		expect(states).toEqual([
			{ slug: 'kgd', state: 'waiting' },
			{ slug: 'vlad', state: 'expired' }
		]);
		const [event] = await db.sql<{ type: string; seq: number; lastSeq: number }[]>`
			select e.type, e.seq, o.last_seq from events e join offices o on o.id = e.office_id
			where o.slug = 'vlad' order by e.seq desc limit 1`;
		expect(event).toEqual({ type: 'ticket.expired', seq: event!.lastSeq, lastSeq: event!.lastSeq });
		// Broadcast after the commit, so boards drop the ticket at once.
		expect(published).toMatchObject([{ type: 'ticket.expired', officeId: offices.vlad!.id, ticket: { state: 'expired' } }]);
		expect(await runJob(db.sql, job, localAt('+00:05', 'Europe/Kaliningrad'))).toEqual({ outcome: 'done', rows: 1 });

		const res = await api.call('GET', url('summary', { office: 'vlad', ...day }), { staff: admin });
		expect(res.body.summary).toEqual({ ...expectedDay, ...ratingsOfDay });
	});

	it('gives the same figures for the same local day in Kaliningrad, and nothing on the next day', async () => {
		const kgd = await api.call('GET', url('summary', { office: 'kgd', ...day }), { staff: admin });
		expect(kgd.body.summary).toEqual({ ...expectedDay, ...ratingsOfDay });
		const next = await api.call('GET', url('summary', { office: 'vlad', from: '2026-03-03', to: '2026-03-03' }), { staff: admin });
		expect(next.body.summary).toMatchObject({ issued: 0, served: 0, waitMeanSec: null, ratingCount: 0 });
	});

	it('splits by service per leg: the transfer leaves A and is served in B', async () => {
		const res = await api.call('GET', url('by-service', { office: 'vlad', ...day }), { staff: supervisor });
		const [a, b] = res.body.rows;
		// A: waits 300 1080 120 240 600 60 600; B: 300 900 1800 1200.
		expect(a).toMatchObject({
			serviceId: offices.vlad!.a,
			issued: 8,
			served: 5,
			noShow: 1,
			transferred: 1,
			expired: 1,
			waitMeanSec: 429,
			waitMedianSec: 300,
			withinTargetPct: 85.7
		});
		expect(b).toMatchObject({
			serviceId: offices.vlad!.b,
			issued: 4,
			served: 4,
			cancelled: 1,
			transferred: 0,
			waitMeanSec: 1050,
			waitP90Sec: 1620,
			withinTargetPct: 75
		});
		expect(a.ratingCount + b.ratingCount).toBe(3);
	});

	it('counts by desk, operator, day and weekday × hour', async () => {
		const desks = (await api.call('GET', url('by-desk', { office: 'vlad', ...day }), { staff: admin })).body.rows;
		expect(desks.map((d: { deskNumber: number | null; served: number }) => [d.deskNumber, d.served])).toEqual([
			[1, 5],
			[2, 4],
			[null, 0]
		]);
		const ops = (await api.call('GET', url('by-operator', { office: 'vlad', ...day }), { staff: admin })).body.rows;
		expect(ops.map((o: { displayName: string; issued: number }) => o.displayName)).toEqual(['VLAD-OP1', 'VLAD-OP2', '']);
		const days = (await api.call('GET', url('by-day', { office: 'vlad', from: '2026-03-01', to: '2026-03-03' }), { staff: admin })).body
			.rows;
		expect(days).toHaveLength(1);
		expect(days[0]).toMatchObject({ day: DAY, issued: 12 });
		const hours = (await api.call('GET', url('by-hour', { office: 'vlad', ...day }), { staff: admin })).body.rows;
		const at = (h: number) => hours.find((r: { isoWeekday: number; hour: number }) => r.isoWeekday === 1 && r.hour === h);
		// 09:00–09:59: tickets 1, 2, 3 and the appointment that arrived at 09:40; 23:00: the late one.
		expect(at(9)).toEqual({ isoWeekday: 1, hour: 9, arrivals: 4, waitMeanSec: 450 });
		expect(at(23)).toEqual({ isoWeekday: 1, hour: 23, arrivals: 1, waitMeanSec: 1200 });
		expect(hours.reduce((n: number, r: { arrivals: number }) => n + r.arrivals, 0)).toBe(12);
	});

	it('filters by service, desk, operator and source', async () => {
		const get = async (q: Record<string, string | number>) =>
			(await api.call('GET', url('summary', { office: 'vlad', ...day, ...q }), { staff: admin })).body.summary;
		expect(await get({ service: offices.vlad!.a })).toMatchObject({ issued: 8, served: 5 });
		expect(await get({ desk: offices.vlad!.desks[1]! })).toMatchObject({ served: 4, waitMeanSec: 1050 });
		expect(await get({ operator: offices.vlad!.staff[0]! })).toMatchObject({ served: 5, noShow: 1, transferred: 1 });
		expect(await get({ source: 'booking' })).toMatchObject({
			issued: 1,
			served: 1,
			waitMeanSec: 120,
			withinTargetPct: 100,
			ratingCount: 0
		});
		expect(await get({ source: 'kiosk' })).toMatchObject({ issued: 9, ratingCount: 2 });
		const bad = await api.call('GET', url('summary', { office: 'vlad', from: DAY, to: '2026-03-01' }), { staff: admin });
		expect(bad.status).toBe(400);
		expect((await api.call('GET', url('summary', { office: 'vlad', from: '2025-01-01', to: '2026-03-01' }), { staff: admin })).status).toBe(
			400
		);
	});

	it('shows the ratings: distribution and comments', async () => {
		const res = await api.call('GET', url('ratings', { office: 'vlad', ...day }), { staff: supervisor });
		expect(res.body.distribution).toEqual([
			{ score: 1, count: 0 },
			{ score: 2, count: 1 },
			{ score: 3, count: 0 },
			{ score: 4, count: 1 },
			{ score: 5, count: 1 }
		]);
		expect(res.body.comments).toEqual([
			{ createdAt: expect.any(String), score: 2, serviceId: offices.vlad!.b, comment: 'Долго; "очень" долго' }
		]);
	});

	it('counts bookings: made, checked in, missed, cancelled and the no-show rate', async () => {
		const o = offices.vlad!;
		const states = ['checked_in', 'checked_in', 'checked_in', 'missed', 'cancelled', 'booked'];
		for (const [i, state] of states.entries()) {
			await db.sql`
				insert into bookings (office_id, service_id, starts_at, duration_min, local_day, code, citizen_name, phone, state)
				values (${o.id}, ${o.a}, ${localAt('10:00', 'Asia/Vladivostok')}, 15, ${DAY}, ${'CODE' + i}, 'Иван', ${'+7900000000' + i}, ${state})`;
		}
		const res = await api.call('GET', url('bookings', { office: 'vlad', ...day }), { staff: supervisor });
		expect(res.body.rows).toEqual([
			{ serviceId: o.a, nameRu: 'Паспорт', nameEn: 'Passport', made: 6, checkedIn: 3, missed: 1, cancelled: 1, pending: 1, noShowPct: 25 }
		]);
		expect(res.body.total).toEqual({ made: 6, checkedIn: 3, missed: 1, cancelled: 1, pending: 1, noShowPct: 25 });
	});
});

describe('who may see which office', () => {
	it('gives a supervisor their own office and refuses another (403), an operator (403) and nobody (401)', async () => {
		expect((await api.call('GET', url('summary', { office: 'vlad', ...day }), { staff: supervisor })).status).toBe(200);
		const other = await api.call('GET', url('summary', { office: 'kgd', ...day }), { staff: supervisor });
		expect(other.status).toBe(403);
		expect(other.body.error.code).toBe('forbidden');
		expect((await api.call('GET', url('by-service', { office: offices.kgd!.id, ...day }), { staff: supervisor })).status).toBe(403);
		expect((await api.call('GET', url('summary', { office: 'vlad', ...day }), { staff: operator })).status).toBe(403);
		expect((await api.call('GET', url('summary', { office: 'vlad', ...day }))).status).toBe(401);
		expect((await api.call('GET', url('summary', { office: 'nowhere', ...day }), { staff: admin })).status).toBe(404);
		expect((await download('by-service', { office: 'kgd', ...day, format: 'csv' }, supervisor)).status).toBe(403);
	});
});

describe('files', () => {
	it('writes CSV for a Russian Excel: BOM, `;`, quoted `;` and quotes, decimal comma', async () => {
		const res = await download('by-service', { office: 'vlad', ...day, format: 'csv' }, supervisor);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="talon-by-service-\d+-2026-03-02_2026-03-02\.csv"$/);
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
		expect(lines[0]).toBe(
			'Код услуги;Услуга;Выдано талонов;Обслужено;Не явились;Отменено;Переведено;Закрыто в конце дня;Ожидание, среднее, с;' +
				'Ожидание, медиана, с;Ожидание, 90-й процентиль, с;В пределах норматива, %;Обслуживание, среднее, с;' +
				'Обслуживание, 90-й процентиль, с;Средняя оценка;Оценок'
		);
		expect(lines[1]).toMatch(new RegExp(`^${offices.vlad!.a};Паспорт;8;5;1;0;1;1;429;300;\\d+;85,7;`));
		expect(lines[2]).toMatch(new RegExp(`^${offices.vlad!.b};"Консультация; ""срочно""";4;4;0;1;0;0;1050;`));
	});

	it('writes an XLSX workbook that exceljs reads back with numbers as numbers', async () => {
		const res = await download('ratings', { office: 'vlad', ...day, format: 'xlsx' }, admin);
		expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['Распределение оценок', 'Комментарии']);
		const dist = wb.getWorksheet('Распределение оценок')!;
		expect(dist.getRow(1).values).toEqual([undefined, 'Оценка', 'Количество']);
		expect(dist.getRow(3).values).toEqual([undefined, 2, 1]);
		expect(wb.getWorksheet('Комментарии')!.getRow(2).getCell(4).value).toBe('Долго; "очень" долго');

		const sum = await download('by-service', { office: 'vlad', ...day, format: 'xlsx' }, admin);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await sum.arrayBuffer()) as ExcelJS.Buffer);
		const row = book.worksheets[0]!.getRow(3);
		expect(row.getCell(2).value).toBe('Консультация; "срочно"');
		expect(row.getCell(12).value).toBe(75);
	});
});

describe('legs from the live engine', () => {
	it('records the first call, the transfer and the finish of real commands', async () => {
		let now = new Date('2026-03-04T06:00:00Z');
		const f = await makeOffice(db.sql, { slug: 'engine', timeZone: 'Europe/Moscow', desks: 1, now: () => now });
		const at = (min: number) => (now = new Date(Date.parse('2026-03-04T06:00:00Z') + min * 60_000));
		const { ticket } = await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		at(5);
		await callNext(f.ctx, f.actor, { deskId: f.desks[0]! });
		at(6);
		await startService(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: ticket.id });
		at(8);
		await transfer(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: ticket.id, toServiceId: f.services.b });
		at(20);
		await callNext(f.ctx, f.actor, { deskId: f.desks[0]! });
		await startService(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: ticket.id });
		at(25);
		await finish(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: ticket.id });
		const legs = await db.sql`
			select leg, service_id, wait_sec, service_sec, outcome, desk_id, local_day::text, local_hour
			from ticket_legs where ticket_id = ${ticket.id} order by leg`;
		expect(legs).toEqual([
			{
				leg: 1,
				serviceId: f.services.a,
				waitSec: 300,
				serviceSec: 120,
				outcome: 'transferred',
				deskId: f.desks[0],
				localDay: '2026-03-04',
				localHour: 9
			},
			{
				leg: 2,
				serviceId: f.services.b,
				waitSec: 720,
				serviceSec: 300,
				outcome: 'done',
				deskId: f.desks[0],
				localDay: '2026-03-04',
				localHour: 9
			}
		]);
	});
});

describe('the /admin/reports page', () => {
	it("reads its filters in the office's days and keeps a supervisor to their offices", async () => {
		const now = localAt('+00:30', 'Asia/Vladivostok'); // already 3 March in Vladivostok
		const page = await reportsPage(db.sql, supervisor, new URLSearchParams('period=yesterday&report=by-desk&source=kiosk&service=x'), now);
		expect(page.offices.map((o) => o.slug)).toEqual(['vlad']);
		expect(page.filters).toMatchObject({ preset: 'yesterday', from: DAY, to: DAY, report: 'by-desk', source: 'kiosk', service: null });
		expect(page.summary).toMatchObject({ issued: 9 });
		expect(page.apiQuery).toBe('office=vlad&from=2026-03-02&to=2026-03-02&source=kiosk');
		const custom = await reportsPage(db.sql, admin, new URLSearchParams('office=kgd&period=custom&from=2026-03-05&to=2026-03-01'), now);
		expect(custom.filters).toMatchObject({ preset: 'week', from: '2026-02-24', to: '2026-03-02' });
		await expect(reportsPage(db.sql, supervisor, new URLSearchParams('office=kgd'), now)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(reportsPage(db.sql, operator, new URLSearchParams(''), now)).rejects.toMatchObject({ code: 'forbidden' });
	});
});

describe('talon seed --history', () => {
	it('fills the past days of the demo office (not today) with traffic the reports read, and a second run replaces it', async () => {
		const demo = await seedDemo(db.sql);
		const now = new Date('2026-03-11T09:00:00Z'); // a Wednesday
		const first = await seedHistory(db.sql, { officeId: demo.officeId, days: 14, now });
		// Mon–Sat open in the demo plan: 12 of 14 days; 8 desks ≈ 200 visitors a weekday.
		expect(first.openDays).toBe(12);
		expect(first.tickets).toBeGreaterThan(12 * 120);
		expect(first.tickets).toBeLessThan(12 * 260);
		const [days] = await db.sql<{ first: string; last: string; sundays: number }[]>`
			select min(service_day)::text as first, max(service_day)::text as last,
				count(*) filter (where extract(isodow from service_day) = 7)::int as sundays
			from tickets where office_id = ${demo.officeId}`;
		expect(days).toEqual({ first: '2026-02-25', last: '2026-03-10', sundays: 0 });
		const summary = (await api.call('GET', url('summary', { office: 'central', from: '2026-02-25', to: '2026-03-10' }), { staff: admin }))
			.body.summary;
		expect(summary.issued).toBe(first.tickets);
		expect(summary.noShow / summary.issued).toBeGreaterThan(0.03);
		expect(summary.noShow / summary.issued).toBeLessThan(0.07);
		expect(summary.transferred).toBe(first.legs - first.tickets);
		expect(summary.ratingCount).toBe(first.ratings);
		expect(summary.waitMedianSec).toBeGreaterThan(60);
		expect(summary.withinTargetPct).toBeGreaterThan(50);
		const bookings = (await api.call('GET', url('bookings', { office: 'central', from: '2026-02-25', to: '2026-03-10' }), { staff: admin }))
			.body.total;
		expect(bookings.made).toBe(first.bookings);
		expect(bookings.checkedIn).toBeGreaterThan(0);
		const hours = (await api.call('GET', url('by-hour', { office: 'central', from: '2026-02-25', to: '2026-03-10' }), { staff: admin }))
			.body.rows;
		const arrivals = (h: number) =>
			hours.filter((r: { hour: number }) => r.hour === h).reduce((n: number, r: { arrivals: number }) => n + r.arrivals, 0);
		expect(arrivals(11)).toBeGreaterThan(arrivals(8));
		expect(arrivals(13)).toBe(0); // the lunch break of the demo plan

		const again = await seedHistory(db.sql, { officeId: demo.officeId, days: 14, now });
		expect(again.tickets).toBe(first.tickets);
		const [count] = await db.sql<{ n: number }[]>`select count(*)::int as n from tickets where office_id = ${demo.officeId}`;
		expect(count!.n).toBe(first.tickets);
	});
});

it('calls every reports operation', () => {
	expect(api.unexercised('reports')).toEqual([]);
});
