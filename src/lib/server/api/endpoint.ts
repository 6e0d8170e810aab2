import { json, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { TalonError } from '$lib/errors';
import { app as talon, type TalonApp } from '$lib/server/app';
import type { Sql } from '$lib/server/db/connect';
import { authenticateDevice } from '$lib/server/auth/devices';
import { toErrorBody } from '$lib/server/edge/errors';
import type { Principal } from '$lib/server/edge/principal';
import { log } from '$lib/server/log';
import { timedCommand } from '$lib/server/ops/metrics';
import { errorsByStatus, refusal, Reply, type Operation, type PrincipalFor, type Result } from './operation';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler gets: the request's parts already parsed by the operation's schemas. */
export interface Call<O extends Operation> {
	event: RequestEvent;
	app: TalonApp;
	principal: PrincipalFor<O['auth']>;
	params: Out<O['params']>;
	query: Out<O['query']>;
	headers: Out<O['headers']>;
	body: Out<O['body']>;
}

export type ApiHandler<O extends Operation = Operation> = ((event: RequestEvent) => Promise<Response>) & { readonly operation: O };

const noStore = { 'cache-control': 'no-store' };

/**
 * A JSON API endpoint from its operation (see `Operation`): authenticate and admit the caller
 * (401 before anything is parsed), apply its rate limit, parse the input with the operation's schemas (400
 * `invalid_input` naming the fields), run, and answer through the response schema, so what is
 * sent is exactly what the document says (unlisted fields are dropped; a mismatch is our bug:
 * logged, 500). Every refusal is `{ "error": { code, message, ... } }` in the caller's language.
 */
export function endpoint<const O extends Operation>(
	op: O,
	handler: (call: Call<O>) => Promise<Result<O['responses']> | (O['files'] extends object ? Response : never)>
): ApiHandler<O> {
	const declared = new Set([...errorsByStatus(op).values()].flat());
	const run = async (event: RequestEvent): Promise<Response> => {
		try {
			const app = await talon();
			let principal: Principal | null = null;
			if (op.auth !== 'public') {
				principal = await callerOf(event, app.db.sql);
				const refused = refusal(op.auth, principal);
				if (refused) throw refused;
			}
			await op.limit?.(event);
			const call = {
				event,
				app,
				principal,
				params: op.params?.parse(event.params),
				query: op.query?.parse(Object.fromEntries(event.url.searchParams)),
				headers: op.headers?.parse(
					Object.fromEntries(Object.keys(op.headers.shape).map((h) => [h, event.request.headers.get(h) ?? undefined]))
				),
				body: op.body?.parse(await readJson(event))
			} as Call<O>;
			const result: unknown = await timedCommand(op.id, 'http', () => handler(call));
			// A file (`Operation.files`): its bytes are not JSON and go out as the handler made them.
			if (op.files && result instanceof Response) return result;
			const status = result instanceof Reply ? result.status : onlyStatus(op);
			const schema = op.responses[status as keyof O['responses'] & number] as z.ZodType | undefined;
			if (!schema) throw new Error(`${op.id}: the handler answered ${status}, which the operation does not declare`);
			const sent = schema.safeParse(result instanceof Reply ? result.body : result);
			if (!sent.success) throw new Error(`${op.id}: the ${status} answer does not match its schema: ${JSON.stringify(sent.error.issues)}`);
			return json(sent.data, { status, headers: noStore });
		} catch (e) {
			const refused = errorResponse(e, event);
			const { code } = refused.body;
			if (!declared.has(code)) log.warn({ operation: op.id, code }, 'refusal not declared by the operation (add it to `errors`)');
			return refused.response;
		}
	};
	return Object.assign(run, { operation: op });
}

function onlyStatus(op: Operation): number {
	const statuses = Object.keys(op.responses).map(Number);
	if (statuses.length !== 1) throw new Error(`${op.id}: declares ${statuses.join(', ')}; answer with reply(status, body)`);
	return statuses[0]!;
}

function errorResponse(e: unknown, event: RequestEvent) {
	const { status, body } = toErrorBody(e, event.locals.locale);
	const headers: Record<string, string> = { ...noStore };
	// A client told when to retry should not have to read the body for it (RFC 9110 §10.2.3).
	if (body.params?.seconds && (status === 429 || status === 503)) headers['retry-after'] = String(body.params.seconds);
	return { body, response: json({ error: body }, { status, headers }) };
}

/**
 * A JSON endpoint that is not part of the public API (a page's own data, e.g. the desk's side
 * panel): the same error answers, no operation, not in the document.
 */
export function jsonEndpoint<E extends RequestEvent>(run: (event: E) => Promise<unknown>) {
	return async (event: E): Promise<Response> => {
		try {
			const body = await run(event);
			return body instanceof Response ? body : json(body, { headers: noStore });
		} catch (e) {
			return errorResponse(e, event).response;
		}
	};
}

/**
 * The caller: a device by `Authorization: Bearer <token>` (a bad or revoked token is 401, not
 * "anyone"), else the staff member the session hook found, else anyone.
 */
export async function callerOf(event: RequestEvent, sql: Sql): Promise<Principal> {
	const header = event.request.headers.get('authorization');
	if (header) {
		const token = header.match(/^Bearer\s+(\S+)$/i)?.[1];
		const device = token ? await authenticateDevice(sql, token) : null;
		if (!device) throw new TalonError('unauthorized');
		return { kind: 'device', device };
	}
	return event.locals.staff ? { kind: 'staff', staff: event.locals.staff } : { kind: 'public' };
}

/** The caller of a `jsonEndpoint` (see `callerOf`). */
export async function principalOf(event: RequestEvent): Promise<Principal> {
	return callerOf(event, (await talon()).db.sql);
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
