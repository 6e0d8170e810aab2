import { redirect } from '@sveltejs/kit';
import { z, ZodError } from 'zod';
import { TalonError } from '$lib/errors';
import { app } from '$lib/server/app';
import { signIn } from '$lib/server/auth/login';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { formAction } from '$lib/server/edge/form';
import { safeNext } from '$lib/desk/next';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	if (locals.staff) redirect(303, safeNext(url.searchParams.get('next')));
	return { next: safeNext(url.searchParams.get('next')) };
}) satisfies PageServerLoad;

/** Only "fill both in" here: how long a login or password may be is signIn's business (see below). */
const signInForm = z.object({ login: z.string().trim().min(1), password: z.string().min(1), next: z.string().optional() });

export const actions = {
	default: formAction(signInForm, async ({ input, event }) => {
		const { db } = await app();
		try {
			const session = await signIn(db.sql, { login: input.login, password: input.password, ip: event.getClientAddress() });
			setSessionCookie(event.cookies, event.url, session.token, session.expiresAt);
		} catch (e) {
			// A too-long login or password is simply a wrong one: same message, no hint.
			throw e instanceof ZodError ? new TalonError('invalid_credentials') : e;
		}
		redirect(303, safeNext(input.next));
	})
} satisfies Actions;
