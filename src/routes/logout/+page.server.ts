import { redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { SESSION_COOKIE, invalidateSession } from '$lib/server/auth/sessions';
import { clearSessionCookie } from '$lib/server/auth/cookie';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => {
	if (!locals.staff) redirect(303, '/login');
	return { name: locals.staff.displayName };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, url }) => {
		const token = cookies.get(SESSION_COOKIE);
		if (token) {
			const { db } = await app();
			await invalidateSession(db.sql, token);
		}
		clearSessionCookie(cookies, url);
		redirect(303, '/login');
	}
} satisfies Actions;
