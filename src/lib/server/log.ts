import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';
import { config, type Config } from './config';

/**
 * Structured logs (pino) to stdout: one JSON object a line when LOG_FORMAT=json (for a log
 * collector), readable `[talon] message key=value` lines otherwise (the start-up lines are read
 * by people setting Talon up). Every line logged while a request is handled carries its id
 * (`reqId`, the `X-Request-Id` the answer echoes: see `withRequestId`, used by hooks.server.ts).
 *
 * Personal data never reaches a log: fields named like a phone, an e-mail, a name, a token, a
 * password, a cookie or an authorization are replaced, and phone numbers and e-mail addresses
 * are masked wherever they appear in text (messages, error messages and stacks).
 */
type Fields = Record<string, unknown>;
type Level = 'info' | 'warn' | 'error';

// --- request ids
const requestContext = new AsyncLocalStorage<{ reqId: string }>();
/** Runs `fn` with `reqId` on every log line written inside it (across awaits). */
export function withRequestId<T>(reqId: string, fn: () => T): T {
	return requestContext.run({ reqId }, fn);
}
export const currentRequestId = (): string | undefined => requestContext.getStore()?.reqId;

// --- redaction
export const REDACTED = '[redacted]';
const secretKey = /phone|e-?mail|name$|^name|fio|token|password|passwd|secret|cookie|authorization|api-?key|session/i;
// An e-mail address; a Russian phone (+7/8 and ten digits in the usual groupings) or any E.164 number.
const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const phone = /(?<![\w+])(?:(?:\+7|8|7)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}|\+\d{10,15})(?!\w)/g;

export function scrubText(s: string): string {
	return s.replace(email, '[email]').replace(phone, '[phone]');
}

function errorFields(e: Error): Fields {
	const code = (e as { code?: unknown }).code;
	return {
		type: e.name,
		message: scrubText(e.message),
		...(typeof code === 'string' && { code }),
		...(e.stack && { stack: scrubText(e.stack) })
	};
}

/** A copy of `value` with secret fields replaced and personal data in strings masked. */
export function redact(value: unknown, depth = 0): unknown {
	if (typeof value === 'string') return scrubText(value);
	if (value === null || typeof value !== 'object') return value;
	if (depth > 6) return '[deep]';
	if (value instanceof Error) return errorFields(value);
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
	const out: Fields = {};
	for (const [k, v] of Object.entries(value)) out[k] = secretKey.test(k) && v !== null && v !== undefined ? REDACTED : redact(v, depth + 1);
	return out;
}

// --- output
export interface LogOptions {
	json: boolean;
	level: Level;
	/** Where lines go; default stdout (text-format errors to stderr). */
	write?: (line: string, level: Level) => void;
}

/** A readable line from pino's JSON: `[talon] message key=value … req=<id>` and the stack below. */
function textLine(json: string): { line: string; level: Level } {
	const o = JSON.parse(json) as Fields & { level: Level; msg?: string; err?: Fields };
	const level = o.level;
	const { level: _l, time: _t, msg, err, reqId, ...rest } = o;
	const pairs = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
	if (reqId) pairs.push(`req=${String(reqId)}`);
	let line = `[talon] ${msg ?? ''}${pairs.length ? ' ' + pairs.join(' ') : ''}`;
	if (err && typeof err === 'object') line += `\n${String(err.stack ?? err.message ?? JSON.stringify(err))}`;
	else if (err !== undefined) line += ` err=${JSON.stringify(err)}`;
	return { line, level };
}

export function createLogger(opts: LogOptions): Logger {
	const write =
		opts.write ??
		((line: string, level: Level) => {
			if (level === 'error' && !opts.json) process.stderr.write(line + '\n');
			else process.stdout.write(line + '\n');
		});
	const stream = {
		write(chunk: string) {
			const json = chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk;
			if (opts.json) write(json, (JSON.parse(json) as { level: Level }).level);
			else {
				const { line, level } = textLine(json);
				write(line, level);
			}
		}
	};
	return pino(
		{
			level: opts.level,
			base: undefined,
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { level: (label) => ({ level: label }) },
			mixin: () => {
				const reqId = currentRequestId();
				return reqId ? { reqId } : {};
			}
		},
		stream
	);
}

const least: Record<Config['TALON_LOG'], Level> = { info: 'info', warn: 'warn', error: 'error', silent: 'error' };

let shared: Logger | null = null;
/** Made on the first line logged; a log line must never fail, so invalid settings log as default. */
function logger(): Logger {
	if (shared) return shared;
	let opts: LogOptions;
	try {
		const c = config();
		opts = { json: c.LOG_FORMAT === 'json', level: least[c.TALON_LOG] };
	} catch {
		opts = { json: false, level: 'info' };
	}
	return (shared = createLogger(opts));
}

function write(target: Logger, level: Level, fields: Fields, msg: string) {
	try {
		target[level](redact(fields) as Fields, scrubText(msg));
	} catch {
		// a log line must never fail the request that writes it
	}
}

export interface Log {
	info(fields: Fields | string, msg?: string): void;
	warn(fields: Fields | string, msg?: string): void;
	error(fields: Fields | string, msg?: string): void;
}

/** Talon's `log.info({ fields }, 'message')` over a pino logger (`logWith` for tests and the CLI). */
export function logWith(target: () => Logger): Log {
	const at = (level: Level) => (fields: Fields | string, msg?: string) =>
		typeof fields === 'string' ? write(target(), level, {}, fields) : write(target(), level, fields, msg ?? '');
	return { info: at('info'), warn: at('warn'), error: at('error') };
}

export const log: Log = logWith(logger);
