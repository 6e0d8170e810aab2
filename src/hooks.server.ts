import { json, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import type { IncomingMessage } from 'node:http';
import { app, startTalon } from '$lib/server/app';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/sessions';
import { clearSessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { LOCALE_COOKIE, pickLocale, type Locale } from '$lib/i18n/locale';
import { randomUUID } from 'node:crypto';
import { log, withRequestId } from '$lib/server/log';
import { observeHttp } from '$lib/server/ops/metrics';
import { clientAddress } from '$lib/server/client-address';
import { isDatabaseUnavailable } from '$lib/server/db/errors';
import { toErrorBody } from '$lib/server/edge/errors';
import { crossSiteForm, crossSiteRefusal } from '$lib/server/edge/origin';
import { dev } from '$app/environment';

export const init: ServerInit = async () => {
	await startTalon();
};

// ops: every request has an id (the caller's `X-Request-Id` when it is a sane token), on every
// log line written while it is handled and echoed in the answer.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
export const handle: Handle = ({ event, resolve }) => {
	const given = event.request.headers.get('x-request-id');
	const reqId = given && REQUEST_ID.test(given) ? given : randomUUID();
	const began = process.hrtime.bigint();
	return withRequestId(reqId, async () => {
		const response = await talon({ event, resolve });
		observeHttp(event.route.id, event.request.method, response.status, Number(process.hrtime.bigint() - began) / 1e9);
		try {
			response.headers.set('x-request-id', reqId);
			// ops: security headers on every answer (the CSP of pages comes from kit.csp in svelte.config.js).
			response.headers.set('x-content-type-options', 'nosniff');
			response.headers.set('referrer-policy', 'same-origin');
			if (!response.headers.has('content-security-policy')) response.headers.set('content-security-policy', "frame-ancestors 'self'");
			if (event.url.protocol === 'https:') response.headers.set('strict-transport-security', 'max-age=31536000');
		} catch {
			// an immutable response (a fetched one) goes out as it is
		}
		return response;
	});
};

const talon: Handle = async ({ event, resolve }) => {
	// SvelteKit's CSRF check, with the e-mails' stop links exempt (edge/origin.ts); like SvelteKit's, not in development.
	if (!dev && crossSiteForm(event.request, event.url)) return crossSiteRefusal(event.request);
	// Behind a reverse proxy (ADDRESS_HEADER, XFF_DEPTH) the client's address is the same for
	// routes (`getClientAddress()`) as for sockets: one rule, in $lib/server/client-address.
	// adapter-node hands us the Node request; the dev server has none and keeps its own.
	const req = (event.platform as { req?: IncomingMessage } | undefined)?.req;
	if (req) {
		let address: string | undefined;
		event.getClientAddress = () => (address ??= clientAddress(req.headers, req.socket.remoteAddress));
	}
	const query = event.url.searchParams.get('lang');
	// Pages are Russian unless someone chose English: a kiosk or board must not follow the
	// language its Chromium happens to be installed with. API callers may ask by Accept-Language.
	const api = event.url.pathname.startsWith('/api/');
	const locale = pickLocale(query ?? event.cookies.get(LOCALE_COOKIE), api ? event.request.headers.get('accept-language') : null);
	if (query && query === locale && event.cookies.get(LOCALE_COOKIE) !== locale) {
		event.cookies.set(LOCALE_COOKIE, locale, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 });
	}
	event.locals.locale = locale;
	// Staff sessions (Lucia style): the cookie holds a token, the database its hash.
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.staff = null;
	if (token) {
		const { db } = await app();
		try {
			event.locals.staff = await validateSession(db.sql, token);
		} catch (e) {
			// ops: the database out of reach: 503 now (the session is not lost, nor the staff signed out).
			if (!isDatabaseUnavailable(e)) throw e;
			return databaseUnavailable(e, api, locale);
		}
		// Sliding expiry: the cookie follows the session's (possibly extended) end.
		if (event.locals.staff) setSessionCookie(event.cookies, event.url, token, event.locals.staff.sessionExpiresAt);
		else clearSessionCookie(event.cookies, event.url);
	}
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
};

/** ops: 503 while the database cannot be reached, as JSON for the API and a plain page otherwise. */
function databaseUnavailable(e: unknown, api: boolean, locale: Locale): Response {
	const { status, body } = toErrorBody(e, locale);
	const headers = { 'retry-after': '2', 'cache-control': 'no-store' };
	if (api) return json({ error: body }, { status, headers });
	const html = `<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>Talon</title><p>${body.message}</p></html>`;
	return new Response(html, { status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) log.error({ err: error }, 'request failed');
	return { message: status === 404 ? 'Not found' : 'Internal error', code: status === 404 ? 'not_found' : 'internal' };
};
