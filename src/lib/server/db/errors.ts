/**
 * Is this error the database being out of reach (network cut, server restarting or refusing
 * connections) rather than a refusal of the query itself? Such an error says nothing about the
 * request: it is answered 503 `database_unavailable` and the client retries (edge/errors.ts).
 */
const networkCodes = new Set([
	// postgres.js
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'CONNECT_TIMEOUT',
	// Node's sockets and resolver
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'EHOSTDOWN',
	'ENETUNREACH',
	'ENETDOWN',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EPIPE'
]);
// SQLSTATEs: the server is shutting down, crashed, starting, or out of connection slots.
const serverStates = new Set(['57P01', '57P02', '57P03', '53300']);

export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
	if (!e || typeof e !== 'object' || depth > 4) return false;
	const code = (e as { code?: unknown }).code;
	if (typeof code === 'string' && (networkCodes.has(code) || serverStates.has(code) || code.startsWith('08'))) return true;
	// Node reports a refused connection to several addresses as an AggregateError.
	const errors = (e as { errors?: unknown }).errors;
	if (Array.isArray(errors) && errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
	return isDatabaseUnavailable((e as { cause?: unknown }).cause, depth + 1);
}
