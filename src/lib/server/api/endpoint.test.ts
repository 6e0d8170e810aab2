import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { TalonError } from '$lib/errors';
import type { TalonApp } from '$lib/server/app';
import type { StaffPrincipal } from '$lib/server/auth/sessions';
import { endpoint } from './endpoint';
import { reply } from './operation';

/** The wrapper's own rules, without a database (no operation here needs one). */
beforeAll(() => {
	(globalThis as { __talonApp?: Promise<TalonApp> }).__talonApp = Promise.resolve({ db: {} } as TalonApp); // no operation here touches the database
});

const staff = {
	staffId: 1,
	login: 'op',
	displayName: 'Оператор',
	roles: ['operator'],
	officeIds: [1],
	sessionExpiresAt: new Date()
} satisfies StaffPrincipal;

function event(opts: { body?: string; staff?: StaffPrincipal; query?: string } = {}): RequestEvent {
	const request = new Request(`http://talon.test/api/v1/x${opts.query ?? ''}`, {
		method: opts.body === undefined ? 'GET' : 'POST',
		headers: opts.body === undefined ? {} : { 'content-type': 'application/json' },
		body: opts.body
	});
	return {
		request,
		url: new URL(request.url),
		params: {},
		locals: { locale: 'en', staff: opts.staff ?? null },
		getClientAddress: () => '127.0.0.1'
	} as unknown as RequestEvent;
}
const answer = async (res: Response) => ({ status: res.status, body: await res.json() });

describe('endpoint()', () => {
	it('sends only what the response schema lists: a field the code adds does not leak', async () => {
		const GET = endpoint({ id: 'a', summary: 'a', auth: 'public', responses: { 200: z.object({ number: z.string() }) } }, async () => ({
			number: 'П001',
			citizenName: 'Иванов'
		}));
		expect(await answer(await GET(event()))).toEqual({ status: 200, body: { number: 'П001' } });
	});

	it('treats an answer that breaks its schema, or an undeclared status, as our bug: 500', async () => {
		// Both are type errors too (the checks below are for what slips past a cast).
		// @ts-expect-error an answer of the wrong type
		const wrong = endpoint({ id: 'b', summary: 'b', auth: 'public', responses: { 200: z.object({ n: z.int() }) } }, async () => ({
			n: 'x'
		}));
		expect((await answer(await wrong(event()))).body.error.code).toBe('internal');
		// @ts-expect-error a status the operation does not declare
		const undeclared = endpoint({ id: 'c', summary: 'c', auth: 'public', responses: { 200: z.object({}) } }, async () => reply(201, {}));
		expect((await undeclared(event())).status).toBe(500);
	});

	it('refuses the caller before reading the input, and rate-limits before parsing', async () => {
		let limited = 0;
		const POST = endpoint(
			{
				id: 'd',
				summary: 'd',
				auth: ['staff'],
				limit: async () => {
					if (++limited > 1) throw new TalonError('rate_limited', { seconds: 7 });
				},
				body: z.object({ n: z.int() }),
				responses: { 201: z.object({ n: z.int() }) }
			},
			async ({ body, principal }) => reply(201, { n: body.n + principal.staff.staffId })
		);
		expect((await answer(await POST(event({ body: '{"n":"x"}' })))).body.error.code).toBe('unauthorized');
		expect(limited).toBe(0);
		expect(await answer(await POST(event({ body: '{"n":1}', staff })))).toEqual({ status: 201, body: { n: 2 } });
		const flooded = await POST(event({ body: 'not json', staff }));
		expect(flooded.status).toBe(429);
		expect(flooded.headers.get('retry-after')).toBe('7');
		expect((await flooded.json()).error.params).toEqual({ seconds: 7 });
	});

	it('admits only the callers the operation names: staff at a kiosk-only operation is forbidden', async () => {
		const GET = endpoint({ id: 'e', summary: 'e', auth: ['kiosk'], responses: { 200: z.object({}) } }, async () => ({}));
		expect((await answer(await GET(event({ staff })))).body.error.code).toBe('forbidden');
	});

	it('names the wrong query fields', async () => {
		const GET = endpoint(
			{
				id: 'f',
				summary: 'f',
				auth: 'public',
				query: z.object({ service: z.coerce.number().int() }),
				responses: { 200: z.object({ s: z.int() }) }
			},
			async ({ query }) => ({ s: query.service })
		);
		expect(await answer(await GET(event({ query: '?service=5' })))).toEqual({ status: 200, body: { s: 5 } });
		expect((await answer(await GET(event({ query: '?service=x' })))).body.error).toMatchObject({
			code: 'invalid_input',
			fields: { service: expect.any(String) }
		});
	});
});
