import { describe, expect, it, vi } from 'vitest';
import { error, isActionFailure, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { TalonError } from '$lib/errors';
import { idParam } from '$lib/schemas/common';
import type { StaffPrincipal } from '$lib/server/auth/sessions';
import type { Locale } from '$lib/i18n/locale';
import { log } from '$lib/server/log';
import { formAction } from './form';
import { formInput } from './form-data';

function post(fields: [string, string][], opts: { locale?: Locale; staff?: StaffPrincipal | null; body?: BodyInit } = {}): RequestEvent {
	const form = new FormData();
	for (const [k, v] of fields) form.append(k, v);
	const url = new URL('http://talon.test/admin/services?/save');
	return {
		request: new Request(url, {
			method: 'POST',
			body: opts.body ?? form,
			headers: opts.body ? { 'content-type': 'application/json' } : undefined
		}),
		url,
		locals: { locale: opts.locale ?? 'ru', staff: opts.staff ?? null },
		getClientAddress: () => '192.0.2.1'
	} as unknown as RequestEvent;
}

const admin: StaffPrincipal = {
	staffId: 7,
	login: 'boss',
	displayName: 'Босс',
	roles: ['admin'],
	officeIds: [1],
	sessionExpiresAt: new Date()
};
const operator: StaffPrincipal = { ...admin, staffId: 8, login: 'op', roles: ['operator'] };

/** An admin form the way the next issue will write them: numbers, a checkbox, a list, an enum. */
const serviceForm = z.object({
	name: z.string().trim().min(2).max(100),
	durationMin: z.number().int().min(1).max(480),
	bookable: z.boolean(),
	deskIds: z.array(idParam).max(3),
	priority: z.enum(['low', 'high']).optional(),
	note: z.string().optional()
});

/** The result of an action, failure or not, as a plain object. */
async function result(p: Promise<unknown>): Promise<{ status: number; data: Record<string, unknown> }> {
	const r = await p;
	if (isActionFailure(r)) return { status: r.status, data: r.data as unknown as Record<string, unknown> };
	return { status: 200, data: r as unknown as Record<string, unknown> };
}

describe('formInput: a form read the way its schema expects it', () => {
	it('turns numbers into numbers, a ticked box into true and an absent one into false, repeated fields into a list', () => {
		const form = new FormData();
		for (const [k, v] of [
			['name', ' Паспорт '],
			['durationMin', '15'],
			['bookable', 'on'],
			['deskIds', '3'],
			['deskIds', ''],
			['deskIds', '5'],
			['priority', 'high']
		])
			form.append(k!, v!);
		expect(formInput(serviceForm, form)).toEqual({ name: ' Паспорт ', durationMin: 15, bookable: true, deskIds: [3, 5], priority: 'high' });
		const bare = new FormData();
		bare.append('durationMin', '');
		bare.append('priority', '');
		expect(formInput(serviceForm, bare)).toEqual({ bookable: false, deskIds: [] });
	});

	it('sees through optional, default and transform, and reads z.literal(true) as a checkbox', () => {
		const schema = z
			.object({ consent: z.literal(true), count: z.number().optional().default(1), when: z.iso.datetime().transform((s) => new Date(s)) })
			.refine(() => true);
		const form = new FormData();
		form.append('count', '4');
		form.append('when', '2025-03-03T10:00:00Z');
		expect(formInput(schema, form)).toEqual({ consent: false, count: 4, when: '2025-03-03T10:00:00Z' });
	});
});

describe('formAction', () => {
	it('runs the action with the parsed input and returns what it returns', async () => {
		const run = vi.fn(async ({ input }: { input: z.output<typeof serviceForm> }) => ({ saved: input }));
		const action = formAction(serviceForm, run);
		const r = await result(
			action(
				post([
					['name', 'Паспорт'],
					['durationMin', '15'],
					['deskIds', '2']
				])
			)
		);
		expect(r).toEqual({ status: 200, data: { saved: { name: 'Паспорт', durationMin: 15, bookable: false, deskIds: [2] } } });
	});

	it('refuses bad input with 400, a message per field in the reader’s language and the values sent back', async () => {
		const run = vi.fn(async () => ({}));
		const action = formAction(serviceForm, run);
		const sent: [string, string][] = [
			['name', 'П'],
			['durationMin', 'abc'],
			['deskIds', '1'],
			['deskIds', '2'],
			['deskIds', '3'],
			['deskIds', '4'],
			['priority', 'urgent']
		];
		const ru = await result(action(post(sent)));
		expect(run).not.toHaveBeenCalled();
		expect(ru.status).toBe(400);
		expect(ru.data.error).toMatchObject({ code: 'invalid_input' });
		expect(ru.data.fields).toEqual({
			name: 'Не короче 2 символов.',
			durationMin: 'Введите число.',
			deskIds: 'Выберите не больше 3.',
			priority: 'Выберите один из вариантов.'
		});
		expect(ru.data.values).toEqual({ name: 'П', durationMin: 'abc', deskIds: ['1', '2', '3', '4'], priority: 'urgent' });
		const en = await result(action(post([['durationMin', '']], { locale: 'en' })));
		expect(en.data.fields).toEqual({ name: 'Please fill in this field.', durationMin: 'Please fill in this field.' });
	});

	it('a form’s own words for a field win over the generic ones; a schema’s own code is translated by them', async () => {
		const schema = z.object({ phone: z.string().refine((s) => s.startsWith('+7'), 'phone'), name: z.string().min(2) });
		const action = formAction(schema, async () => ({}), {
			messages: (l) => ({ phone: l === 'en' ? 'A Russian number, please.' : 'Укажите российский номер.' })
		});
		const r = await result(
			action(
				post(
					[
						['phone', '123'],
						['name', 'x']
					],
					{ locale: 'en' }
				)
			)
		);
		expect(r.data.fields).toEqual({ phone: 'A Russian number, please.', name: 'At least 2 characters.' });
	});

	it('maps a typed error through the one mapping: its status, code and message; the refused hook adds facts', async () => {
		const action = formAction(
			z.object({ startsAt: z.string() }),
			async () => {
				throw new TalonError('slot_taken');
			},
			{ refused: async (e, { input }) => ({ fresh: e.code === 'slot_taken' ? [input.startsAt] : null }) }
		);
		const r = await result(action(post([['startsAt', '10:00']])));
		expect(r.status).toBe(409);
		expect(r.data).toEqual({
			error: { code: 'slot_taken', message: 'Это время только что заняли. Выберите другое из свободных.' },
			fields: {},
			values: { startsAt: '10:00' },
			fresh: ['10:00']
		});
	});

	it('never sends a password back', async () => {
		const action = formAction(
			z.object({ login: z.string(), password: z.string(), pin: z.string() }),
			async () => {
				throw new TalonError('invalid_credentials');
			},
			{ secret: ['pin'] }
		);
		const r = await result(
			action(
				post([
					['login', 'bob'],
					['password', 'hunter2'],
					['pin', '1234']
				])
			)
		);
		expect(r.status).toBe(401);
		expect(r.data.values).toEqual({ login: 'bob' });
	});

	it('lets redirect() and error() through', async () => {
		const away = formAction(z.object({}), async () => redirect(303, '/done'));
		await expect(away(post([]))).rejects.toMatchObject({ status: 303, location: '/done' });
		const missing = formAction(z.object({}), async () => error(404, 'nope'));
		await expect(missing(post([]))).rejects.toMatchObject({ status: 404 });
	});

	it('an unexpected failure is logged and shown as `internal` with status 500, never in the database’s words', async () => {
		const spy = vi.spyOn(log, 'error').mockImplementation(() => {});
		const action = formAction(z.object({ name: z.string() }), async () => {
			throw new Error('relation "services" does not exist');
		});
		const r = await result(action(post([['name', 'x']])));
		expect(r.status).toBe(500);
		expect(r.data.error).toEqual({ code: 'internal', message: 'Что-то пошло не так. Мы уже знаем; повторите через минуту.' });
		expect(JSON.stringify(r.data)).not.toContain('relation');
		expect(spy).toHaveBeenCalled();
		spy.mockRestore();
	});

	it('a body that is not a form is invalid input, not a crash', async () => {
		const action = formAction(z.object({}), async () => ({}));
		const r = await result(action(post([], { body: '{"a":1}' })));
		expect(r.status).toBe(400);
		expect(r.data.error).toMatchObject({ code: 'invalid_input' });
	});

	it('with `staff`: signed out goes to /login, a missing role is 403, the right one runs with the staff member', async () => {
		const action = formAction(z.object({}), async ({ staff }) => ({ by: staff.staffId }), { staff: ['admin'] });
		await expect(action(post([]))).rejects.toMatchObject({
			status: 303,
			location: `/login?next=${encodeURIComponent('/admin/services?/save')}`
		});
		await expect(action(post([], { staff: operator }))).rejects.toMatchObject({ status: 403 });
		expect(await result(action(post([], { staff: admin })))).toEqual({ status: 200, data: { by: 7 } });
	});

	it('`before` runs ahead of reading the form, and its refusal maps like any other', async () => {
		const run = vi.fn(async () => ({}));
		const action = formAction(z.object({ name: z.string().min(5) }), run, {
			before: () => {
				throw new TalonError('rate_limited');
			}
		});
		const r = await result(action(post([['name', 'x']])));
		expect(r.status).toBe(429);
		expect(r.data.error).toMatchObject({ code: 'rate_limited' });
		expect(run).not.toHaveBeenCalled();
	});
});
