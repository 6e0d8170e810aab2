import { fail, redirect } from '@sveltejs/kit';
import { ZodError } from 'zod';
import { TalonError } from '$lib/errors';
import { app } from '$lib/server/app';
import { signIn } from '$lib/server/auth/login';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { toErrorBody } from '$lib/server/edge/errors';
import { deskMessages } from '$lib/i18n/desk';
import { safeNext } from '$lib/desk/next';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	if (locals.staff) redirect(303, safeNext(url.searchParams.get('next')));
	return { next: safeNext(url.searchParams.get('next')) };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, cookies, url, locals, getClientAddress }) => {
		const form = await request.formData();
		const login = String(form.get('login') ?? '');
		const password = String(form.get('password') ?? '');
		const next = safeNext(String(form.get('next') ?? ''));
		if (!login.trim() || !password) return fail(400, { login, message: deskMessages(locals.locale).fillBoth });
		const { db } = await app();
		try {
			const session = await signIn(db.sql, { login, password, ip: getClientAddress() });
			setSessionCookie(cookies, url, session.token, session.expiresAt);
		} catch (e) {
			// A too-long login or password is simply a wrong one: same message, no hint.
			const body = e instanceof ZodError ? toErrorBody(new TalonError('invalid_credentials'), locals.locale) : toErrorBody(e, locals.locale);
			return fail(body.status, { login, message: body.body.message, code: body.body.code });
		}
		redirect(303, next);
	}
} satisfies Actions;
