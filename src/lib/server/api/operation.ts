import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { ErrorCode, TalonError } from '$lib/errors';
import type { Principal } from '$lib/server/edge/principal';

/**
 * One operation of the JSON API, declared beside its handler in a `+server.ts`:
 *
 * ```ts
 * export const POST = endpoint(
 *   { id: 'issueTicket', summary: 'Issue a ticket', auth: ['kiosk', 'staff'],
 *     params: z.object({ office: officeKey }), body: issueTicketBody,
 *     responses: { 201: issuedTicket, 200: issuedTicket }, errors: ['service_not_found'] },
 *   async ({ params, body, principal, app }) => reply(201, ...)
 * );
 * ```
 *
 * The same object validates the request (`endpoint()` parses params, query, headers and body
 * with its schemas and answers through the response schema) and writes the OpenAPI document
 * (`openapi.ts`), so the two cannot drift apart. The method is the export's name and the path
 * the route's folders; neither is written twice.
 */
export interface Operation {
	/** The OpenAPI `operationId`: unique, camelCase, what a generated client names the call. */
	id: string;
	summary: string;
	description?: string;
	tags?: readonly string[];
	/** Who may call: anyone, or any of these (a device by `Authorization: Bearer`, staff by session cookie). */
	auth: Auth;
	/**
	 * A rate limit, run once the caller is admitted and before the input is parsed (a flood of bad
	 * requests counts too); it throws `rate_limited` with `{ seconds }`, sent as `Retry-After`.
	 */
	limit?: (event: RequestEvent) => Promise<void>;
	/** The path's `[params]`, by name (strings in, parsed by the schema). */
	params?: z.ZodObject;
	query?: z.ZodObject;
	/** Request headers by lower-case name, e.g. `{ 'idempotency-key': ... }`. */
	headers?: z.ZodObject;
	/** The JSON body. */
	body?: z.ZodType;
	/** The body is a file of one of these media types; the handler reads `event.request` itself. */
	upload?: readonly string[];
	/** Success statuses and the schema of each answer; the handler's result goes through it. */
	responses: Responses;
	/**
	 * The refusals the handler and what it calls may throw. Added by `endpoint()` itself and so
	 * never listed: `invalid_input` when there is input, `unauthorized`/`forbidden` from `auth`,
	 * `rate_limited` from `limit`, `internal` and the 503 codes (every operation).
	 */
	errors?: readonly ErrorCode[];
	/**
	 * Other media types the 200 answer may take, with when (reports: `text/csv` with
	 * `format=csv`); the handler then returns a `Response` of its own, sent as it is.
	 */
	files?: Readonly<Record<string, string>>;
}

/**
 * The 200 schema of an operation whose answer is only ever a file (`files`): the document then
 * lists the file types alone, with no JSON body.
 */
export const fileOnly = z.never().describe('A file, of one of the media types listed');

/** `device` is any paired device; `kiosk` and `display` one kind; `staff` any signed-in staff member. */
export type Caller = 'staff' | 'device' | 'kiosk' | 'display';
export type Auth = 'public' | readonly [Caller, ...Caller[]];
export type SuccessStatus = 200 | 201 | 202;
export type Responses = { readonly [S in SuccessStatus]?: z.ZodType };

type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;
type DevicePrincipal = Extract<Principal, { kind: 'device' }>;
/** The caller as the handler sees it: narrowed by `auth`; `null` for a public operation. */
export type PrincipalFor<A extends Auth> = A extends readonly (infer C)[] ? (C extends 'staff' ? StaffPrincipal : DevicePrincipal) : null;

/** An answer with a chosen status, for operations that declare more than one. */
export class Reply<S extends number = number, T = unknown> {
	constructor(
		readonly status: S,
		readonly body: T
	) {}
}
export const reply = <S extends SuccessStatus, T>(status: S, body: T): Reply<S, T> => new Reply(status, body);

type Statuses<R extends Responses> = keyof R & SuccessStatus;
type In<S> = S extends z.ZodType ? z.input<S> : never;
type IsSingle<K> = [K] extends [infer U] ? (U extends unknown ? ([K] extends [U] ? true : false) : never) : never;
/** A handler returns `reply(status, body)`, or just the body when the operation has one success status. */
export type Result<R extends Responses> =
	{ [S in Statuses<R>]: Reply<S, In<R[S]>> }[Statuses<R>] | (IsSingle<Statuses<R>> extends true ? In<R[Statuses<R>]> : never);

const statusOf = (code: ErrorCode) => new TalonError(code).status;
/** Codes with a 503 status (`unavailable`, and whatever a gate adds): any operation may answer them. */
export const unavailableCodes = (Object.values(ErrorCode) as ErrorCode[]).filter((c) => statusOf(c) === 503);

/** Every refusal an operation may answer, by status: its own list plus what `endpoint()` adds. */
export function errorsByStatus(op: Operation): Map<number, ErrorCode[]> {
	const codes = new Set<ErrorCode>(op.errors ?? []);
	if (op.params || op.query || op.headers || op.body || op.upload) codes.add('invalid_input');
	if (op.limit) codes.add('rate_limited');
	if (op.auth !== 'public') {
		codes.add('unauthorized');
		if (!(op.auth.includes('staff') && op.auth.includes('device'))) codes.add('forbidden');
	}
	codes.add('internal');
	for (const c of unavailableCodes) codes.add(c);
	const byStatus = new Map<number, ErrorCode[]>();
	for (const code of codes) byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
	return new Map([...byStatus].sort(([a], [b]) => a - b));
}

/** Whether the caller is one the operation admits; `null` when it is admitted. */
export function refusal(auth: Auth, principal: Principal): TalonError | null {
	if (auth === 'public') return null;
	if (principal.kind === 'public') return new TalonError('unauthorized');
	const ok = auth.some((c) =>
		c === 'staff' ? principal.kind === 'staff' : principal.kind === 'device' && (c === 'device' || principal.device.kind === c)
	);
	return ok ? null : new TalonError('forbidden');
}
