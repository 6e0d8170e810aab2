import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { startRealtime, type RealtimeHarness } from '../helpers/realtime';
import { engineHooks } from '../../src/lib/server/engine-hooks';
import type { TalonApp } from '../../src/lib/server/app';
import { apiDocument } from '../../src/lib/server/api/document';
import { seedDemo, type SeedResult } from '../../src/lib/server/demo/seed';
import { createSession, validateSession, type StaffPrincipal } from '../../src/lib/server/auth/sessions';
import { issueTicket } from '../../src/lib/server/queue';
import { commands, type CommandName } from '../../src/lib/realtime/commands';
import type { TalonSocket } from '../../src/lib/realtime/feed';

/**
 * Generated inputs (fast-check) against every HTTP operation of the OpenAPI document and every
 * socket command of src/lib/realtime/commands.ts (issue 14, item 4): never a 5xx (nor an
 * `internal` acknowledgement), the server keeps answering, and a refusal changes nothing (the
 * queue, bookings, desks, services and devices read the same before and after).
 *
 * The inputs mix values that exist (the demo office, its ids, ticket codes, device tokens) with
 * wrong types, strings of every kind, huge numbers, nulls and nested junk, so that calls get
 * past validation and into the engine as well as being refused at the door. `FUZZ_RUNS` sets how
 * many calls (default 1,500 HTTP + 1,000 socket; bench/README.md runs 10,000 of each).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 0);
const HTTP_RUNS = RUNS || 1500;
const SOCKET_RUNS = RUNS || 1000;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

let db: TestDatabase;
let demo: SeedResult;
let staff: StaffPrincipal;
let sessionToken: string;
let rt: RealtimeHarness;
let ids: { services: number[]; desks: number[]; tickets: number[]; codes: string[]; office: number };

type Handler = ((e: RequestEvent) => Promise<Response>) & {
	operation: { params?: z.ZodObject; query?: z.ZodObject; body?: z.ZodType; headers?: z.ZodObject };
};
const operations: { method: string; template: string; handler: Handler }[] = [];

beforeAll(async () => {
	db = await createTestDatabase();
	demo = await seedDemo(db.sql);
	const app: TalonApp = { db, ctx: { sql: db.sql, publish: () => {}, hooks: engineHooks }, stop: async () => {} };
	(globalThis as { __talonApp?: Promise<TalonApp> }).__talonApp = Promise.resolve(app);
	const [operator] = await db.sql<{ id: number }[]>`select id from staff_users where login = 'operator'`;
	sessionToken = (await createSession(db.sql, operator!.id)).token;
	staff = (await validateSession(db.sql, sessionToken))!;
	const services = (await db.sql<{ id: number }[]>`select id from services order by id`).map((r) => r.id);
	const desks = (await db.sql<{ id: number }[]>`select id from desks order by id`).map((r) => r.id);
	for (const serviceId of services.slice(0, 3))
		await issueTicket(app.ctx, { kind: 'system' }, { officeId: demo.officeId, serviceId, source: 'kiosk' });
	const tickets = await db.sql<{ id: number; publicCode: string }[]>`select id, public_code from tickets order by id`;
	ids = { services, desks, tickets: tickets.map((t) => t.id), codes: tickets.map((t) => t.publicCode), office: demo.officeId };
	const doc = await apiDocument();
	for (const [template, methods] of Object.entries(doc.paths)) {
		const file = `../../src/routes/api/v1${template.replace(/\{(\w+)\}/g, '[$1]')}/+server.ts`;
		const module = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
		for (const m of Object.keys(methods as object))
			operations.push({ method: m.toUpperCase(), template, handler: module[m.toUpperCase()]! });
	}
	rt = await startRealtime(db.sql);
});
afterAll(async () => {
	await rt?.close();
	await db?.close();
});

/** What a refusal must not change. (Bookkeeping such as last-seen times and rate-limit counters may.) */
async function digest(): Promise<string> {
	const [row] = await db.sql<{ d: string }[]>`select concat_ws(':',
		(select count(*) from tickets), (select coalesce(sum(hashtext(state || coalesce(desk_id::text, '-') || service_id)), 0) from tickets),
		(select coalesce(max(seq), 0) from events), (select count(*) from events),
		(select count(*) from bookings), (select coalesce(sum(hashtext(state || starts_at::text)), 0) from bookings),
		(select coalesce(sum(hashtext(state)), 0) from desks), (select count(*) from services),
		(select count(*) from devices where revoked_at is null), (select sum(last_seq) from offices)) as d`;
	return row!.d;
}

// --- arbitraries
const junk = fc.oneof(
	fc.string(),
	fc.string({ unit: 'grapheme', maxLength: 50 }),
	fc.integer(),
	fc.double(),
	fc.constantFrom(
		'',
		' ',
		'0',
		'-1',
		'1e309',
		'NaN',
		'null',
		'[]',
		'{}',
		"'; drop table tickets; --",
		'../../etc/passwd',
		'\u0000',
		'ё'.repeat(300)
	),
	fc.constant(null),
	fc.boolean(),
	fc.anything({ maxDepth: 2 })
);
const pool = (): Record<string, fc.Arbitrary<unknown>> => ({
	office: fc.constantFrom('central', 'nowhere', String(ids.office)),
	officeId: fc.constantFrom(ids.office, ids.office + 1, 0),
	serviceId: fc.constantFrom(...ids.services, 999_999),
	service: fc.constantFrom(...ids.services.map(String)),
	targetServiceId: fc.constantFrom(...ids.services),
	deskId: fc.constantFrom(...ids.desks, 999_999),
	ticketId: fc.constantFrom(...ids.tickets, 999_999),
	publicCode: fc.constantFrom(...ids.codes, 'abcdefghijklmnop'),
	code: fc.constantFrom(...ids.codes, 'ABCD-EFGH', 'K7M2P9'),
	date: fc.constantFrom('2026-12-01', '2026-02-30', '1999-01-01', new Date().toISOString().slice(0, 10)),
	startsAt: fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
	idempotencyKey: fc.uuid(),
	'idempotency-key': fc.uuid(),
	source: fc.constantFrom('kiosk', 'desk', 'phone', 'web', 'remote'),
	priorityReason: fc.constantFrom('disabled', 'veteran', 'pregnant', 'none'),
	phone: fc.constantFrom('+79123456789', '89123456789', '123'),
	email: fc.constantFrom('a@b.ru', 'not-an-email'),
	name: fc.constantFrom('Иван Петров', ''),
	lang: fc.constantFrom('ru', 'en', 'de'),
	locale: fc.constantFrom('ru', 'en', 'de')
});
const value = (key: string) => fc.oneof({ weight: 3, arbitrary: pool()[key] ?? junk }, { weight: 1, arbitrary: junk });

/** An object with the schema's keys (some dropped, some junk) and now and then an extra key or not an object at all. */
function shaped(schema: z.ZodType | undefined): fc.Arbitrary<unknown> {
	const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
	if (!shape) return fc.oneof(fc.constant(undefined), junk);
	const keys = Object.keys(shape);
	const record = fc.record(Object.fromEntries(keys.map((k) => [k, value(k)])), { requiredKeys: [] });
	return fc.oneof(
		{ weight: 8, arbitrary: record },
		{ weight: 1, arbitrary: fc.tuple(record, fc.string(), junk).map(([r, k, v]) => ({ ...(r as object), [k]: v })) },
		{ weight: 1, arbitrary: junk }
	);
}

const asString = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

describe('fuzz', () => {
	it(`HTTP: ${HTTP_RUNS} generated calls across every operation, no 5xx, refusals change nothing`, async () => {
		const tokens = [
			() => undefined,
			() => demo.devices.find((d) => d.kind === 'kiosk')!.token,
			() => demo.devices.find((d) => d.kind === 'display')!.token,
			() => 'no-such-token'
		];
		const call = fc.record({
			op: fc.constantFrom(...operations),
			auth: fc.integer({ min: 0, max: tokens.length }),
			params: fc.constant(null),
			seedParams: fc.integer(),
			raw: fc.boolean()
		});
		const seen = new Map<string, number>();
		const statuses = new Map<number, number>();
		await fc.assert(
			fc.asyncProperty(
				call.chain((c) =>
					fc.record({
						c: fc.constant(c),
						params: fc.record(Object.fromEntries([...c.op.template.matchAll(/\{(\w+)\}/g)].map(([, n]) => [n!, value(n!).map(asString)]))),
						query: shaped(c.op.handler.operation.query),
						headers: shaped(c.op.handler.operation.headers),
						body: shaped(c.op.handler.operation.body),
						rawBody: fc.oneof(fc.string(), fc.constant('{"serviceId": 1,'), fc.constant('null'))
					})
				),
				async ({ c, params, query, headers, body, rawBody }) => {
					const url = new URL(
						'http://talon.test/api/v1' + c.op.template.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(String(params[n])))
					);
					if (query && typeof query === 'object') for (const [k, v] of Object.entries(query)) url.searchParams.set(k, asString(v));
					const h = new Headers();
					if (headers && typeof headers === 'object')
						for (const [k, v] of Object.entries(headers)) {
							try {
								h.set(k, asString(v));
							} catch {
								// not a valid header value: a client could not send it either
							}
						}
					const staffCall = c.auth === tokens.length;
					const token = staffCall ? undefined : tokens[c.auth]!();
					if (token) h.set('authorization', `Bearer ${token}`);
					const hasBody = c.op.method !== 'GET' && c.op.method !== 'DELETE';
					if (hasBody) h.set('content-type', 'application/json');
					const request = new Request(url, {
						method: c.op.method,
						headers: h,
						body: hasBody ? (c.raw ? rawBody : (JSON.stringify(body) ?? '')) : undefined
					});
					const event = {
						request,
						url,
						params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
						locals: { locale: 'ru', staff: staffCall ? staff : null },
						getClientAddress: () => `10.0.${c.seedParams & 255}.${(c.seedParams >> 8) & 255}`
					} as unknown as RequestEvent;
					const before = await digest();
					const res = await c.op.handler(event);
					const text = await res.text();
					const name = `${c.op.method} ${c.op.template}`;
					seen.set(name, (seen.get(name) ?? 0) + 1);
					statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
					expect(res.status, `${name} ${url.search} ${text.slice(0, 300)}`).toBeLessThan(500);
					if (res.status >= 400) {
						expect(JSON.parse(text).error.code, name).toMatch(/^[a-z_]+$/);
						expect(await digest(), `${name} refused with ${res.status} but changed the data: ${text.slice(0, 200)}`).toBe(before);
					}
				}
			),
			{ numRuns: HTTP_RUNS, seed: SEED, endOnFailure: true }
		);
		console.log(
			`[fuzz] HTTP statuses: ${[...statuses]
				.sort(([a], [b]) => a - b)
				.map(([k, v]) => `${k}×${v}`)
				.join(' ')}`
		);
		expect([...seen.keys()].sort()).toEqual(operations.map((o) => `${o.method} ${o.template}`).sort());
		// Some calls got past validation into the engine and succeeded.
		expect([...statuses].filter(([k]) => k < 300).reduce((n, [, v]) => n + v, 0)).toBeGreaterThan(HTTP_RUNS / 50);
	}, 600_000);

	it(`sockets: ${SOCKET_RUNS} generated commands across every event, never internal, refusals change nothing`, async () => {
		const kiosk = rt.client({ deviceToken: demo.devices.find((d) => d.kind === 'kiosk')!.token, lang: 'ru' });
		const board = rt.client({ deviceToken: demo.devices.find((d) => d.kind === 'display')!.token, lang: 'ru' });
		const agent = rt.client({ deviceToken: demo.devices.find((d) => d.kind === 'kiosk')!.token, agent: 'true' } as Record<string, string>);
		const staffSocket = rt.client({ lang: 'ru' }, { cookie: `talon_session=${sessionToken}` });
		const anyone = rt.client({ lang: 'en' });
		const sockets: TalonSocket[] = [kiosk, board, agent, staffSocket, anyone];
		await Promise.all(sockets.map((s) => (s.connected ? null : new Promise((r) => s.once('connect', () => r(null))))));
		const names = Object.keys(commands) as CommandName[];
		const seen = new Set<string>();
		const outcomes = new Map<string, number>();
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...names).chain((name) =>
					fc.record({
						name: fc.constant(name),
						socket: fc.integer({ min: 0, max: sockets.length - 1 }),
						payload: shaped(commands[name].input)
					})
				),
				async ({ name, socket, payload }) => {
					const before = await digest();
					const s = sockets[socket]!;
					const ack = (await (s.timeout(10_000) as unknown as { emitWithAck(n: string, p: unknown): Promise<unknown> }).emitWithAck(
						name,
						payload
					)) as { data?: unknown; error?: { code: string } };
					seen.add(name);
					const outcome = ack.error ? ack.error.code : 'data';
					outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
					expect(ack.error?.code, `${name} ${JSON.stringify(payload)?.slice(0, 200)}`).not.toBe('internal');
					expect('data' in ack || 'error' in ack, name).toBe(true);
					if (ack.error) expect(await digest(), `${name} refused with ${ack.error.code} but changed the data`).toBe(before);
				}
			),
			{ numRuns: SOCKET_RUNS, seed: SEED, endOnFailure: true }
		);
		console.log(`[fuzz] socket acks: ${[...outcomes].map(([k, v]) => `${k}×${v}`).join(' ')}`);
		expect([...seen].sort()).toEqual([...names].sort());
		expect(outcomes.get('data') ?? 0).toBeGreaterThan(SOCKET_RUNS / 50);
		// Still up: a plain snapshot answers on every connection that may read it.
		const snap = (await board.timeout(5000).emitWithAck('office:snapshot', { officeId: ids.office })) as { data?: { seq: number } };
		expect(snap.data?.seq).toBeGreaterThan(0);
		for (const s of sockets) expect(s.connected).toBe(true);
	}, 600_000);
});
