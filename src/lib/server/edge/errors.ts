import { ZodError } from 'zod';
import { TalonError, type ErrorBody } from '$lib/errors';
import { errorMessage } from '$lib/i18n/errors';
import type { Locale } from '$lib/i18n/locale';
import { log } from '$lib/server/log';
import { publicErrorParams } from '$lib/schemas/errors';
import { isDatabaseUnavailable } from '$lib/server/db/errors';

/** The params of a typed error that callers may see (see `errorParams`); none names a person. */
function publicParams(e: TalonError): ErrorBody['params'] {
	const picked = Object.fromEntries(publicErrorParams.filter((k) => e.params[k] !== undefined).map((k) => [k, e.params[k]]));
	return Object.keys(picked).length ? (picked as ErrorBody['params']) : undefined;
}

let lastOutageLog = 0;

/**
 * Turns anything thrown at an edge into a status and a body for people. Typed errors keep their
 * code; invalid input names its fields; anything else is logged and shown as `internal` — the
 * database's own words never reach a user.
 */
export function toErrorBody(e: unknown, locale: Locale): { status: number; body: ErrorBody } {
	if (e instanceof TalonError) {
		const params = publicParams(e);
		return { status: e.status, body: { code: e.code, message: errorMessage(locale, e.code, e.params), ...(params && { params }) } };
	}
	if (e instanceof ZodError) {
		const fields: Record<string, string> = {};
		for (const issue of e.issues) fields[issue.path.join('.') || '_'] = issue.message;
		const first = Object.keys(fields)[0];
		return {
			status: 400,
			body: {
				code: 'invalid_input',
				message: errorMessage(locale, 'invalid_input', first && first !== '_' ? { field: first } : {}),
				fields
			}
		};
	}
	// ops: text the database cannot store (a NUL byte, an invalid encoding) is the caller's invalid input.
	const sqlState = (e as { code?: unknown } | null)?.code;
	if (sqlState === '22021' || sqlState === '22P05') {
		return { status: 400, body: { code: 'invalid_input', message: errorMessage(locale, 'invalid_input', {}) } };
	}
	// ops: the database out of reach is no bug of the request: 503, retry shortly (logged once in a while).
	if (isDatabaseUnavailable(e)) {
		if (Date.now() - lastOutageLog > 5000) {
			lastOutageLog = Date.now();
			log.warn({ err: e }, 'the database is unreachable: answering 503 database_unavailable');
		}
		return {
			status: 503,
			body: { code: 'database_unavailable', message: errorMessage(locale, 'database_unavailable'), params: { seconds: 2 } }
		};
	}
	log.error({ err: e }, 'unexpected error');
	return { status: 500, body: { code: 'internal', message: errorMessage(locale, 'internal') } };
}
