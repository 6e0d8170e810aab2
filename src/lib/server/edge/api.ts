import { json, type RequestEvent } from '@sveltejs/kit';
import { TalonError } from '$lib/errors';
import { toErrorBody } from './errors';
import { app } from '$lib/server/app';
import { resolvePrincipal, type Principal } from './principal';
import { idempotencyKey } from '$lib/schemas/common';

/** Seconds a client is asked to wait after a 503. */
export const RETRY_AFTER_SEC = 2;

/**
 * Wraps a JSON endpoint: every failure becomes `{ "error": { code, message } }` with a 4xx
 * (or 500 for our own bugs, never for bad input), in the caller's language.
 */
export function endpoint<E extends RequestEvent>(run: (event: E) => Promise<unknown>) {
	return async (event: E): Promise<Response> => {
		try {
			const body = await run(event);
			return body instanceof Response ? body : json(body, { headers: { 'cache-control': 'no-store' } });
		} catch (e) {
			const { status, body } = toErrorBody(e, event.locals.locale);
			const headers: Record<string, string> = { 'cache-control': 'no-store' };
			// `busy`: the request waited too long for the database and wrote nothing; come back soon.
			if (status === 503) headers['retry-after'] = String(RETRY_AFTER_SEC);
			return json({ error: body }, { status, headers });
		}
	};
}

/** The caller: a device by `Authorization: Bearer <token>`, staff by session cookie, or anyone. */
export async function principalOf(event: RequestEvent): Promise<Principal> {
	const { db } = await app();
	const header = event.request.headers.get('authorization');
	const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
	if (header && !bearer) throw new TalonError('unauthorized');
	const p = await resolvePrincipal(db.sql, { deviceToken: bearer, cookieHeader: event.request.headers.get('cookie') ?? undefined });
	if (!p) throw new TalonError('unauthorized');
	return p;
}

/** Reads a JSON body; a body that is not JSON is the caller's mistake, not ours. */
export async function readJson(event: RequestEvent): Promise<unknown> {
	const type = event.request.headers.get('content-type') ?? '';
	if (!type.includes('application/json')) throw new TalonError('invalid_input', { field: 'content-type' });
	try {
		return await event.request.json();
	} catch {
		throw new TalonError('invalid_input', { field: 'body' });
	}
}

/** Who may create tickets over the API: a kiosk (device token) or staff (session cookie). */
export async function ticketIssuer(event: RequestEvent): Promise<Exclude<Principal, { kind: 'public' }>> {
	const principal = await principalOf(event);
	if (principal.kind === 'public') throw new TalonError('unauthorized');
	if (principal.kind === 'device' && principal.device.kind !== 'kiosk') throw new TalonError('forbidden');
	return principal;
}

/** The `Idempotency-Key` header, else the body's `idempotencyKey`; validated either way. */
export function requestKey(event: RequestEvent, fromBody: string | undefined): string | null {
	const header = event.request.headers.get('idempotency-key');
	return (header !== null ? idempotencyKey.parse(header) : fromBody) ?? null;
}
