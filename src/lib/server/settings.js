// @ts-check
/**
 * Every environment variable Talon reads, in one zod object: its type, its default, what it
 * does (the README's table is generated from these descriptions: `npm run settings:table`) and
 * what a valid value looks like (the one-line error when it is not).
 *
 * Plain JavaScript on purpose: `server.js` validates the settings with this file before the
 * SvelteKit build exists (and before it is imported), so it may import only zod and Node.
 * The app reads the parsed values through `config()` in `./config.ts`.
 *
 * To add a variable: one entry below (`withDefault` or `optional` + a description), then run
 * `npm run settings:table` to update the README. Read it as `config().NAME`, never from
 * `process.env` (a test looks for stray reads).
 */
import { z } from 'zod';

/**
 * @typedef {object} SettingInfo
 * @property {string} description what the variable does (a README table cell; Markdown)
 * @property {string} expected what a valid value is, completing "expected …"
 * @property {string} [shown] the default as the README shows it (Markdown); by default the
 *   fallback value in backticks, or "unset"
 * @property {boolean} [secret] may hold a password: never printed in full
 */

/** Blank means unset (`PORT=` in a unit file or a compose file); surrounding spaces are typos. */
const blankToUndefined = (/** @type {unknown} */ v) => (typeof v === 'string' ? v.trim() || undefined : v);

/**
 * A variable with a default.
 * @template {z.ZodType} T
 * @param {T} schema parses the (trimmed, non-blank) string
 * @param {z.output<T>} fallback
 * @param {SettingInfo} info
 */
function withDefault(schema, fallback, info) {
	return z
		.preprocess(blankToUndefined, schema.default(/** @type {any} */ (fallback)))
		.meta({ ...info, shown: info.shown ?? `\`${String(fallback)}\`` });
}

/**
 * A variable that may be unset (`undefined`).
 * @template {z.ZodType} T
 * @param {T} schema
 * @param {SettingInfo} info
 */
function optional(schema, info) {
	return z.preprocess(blankToUndefined, schema.optional()).meta({ ...info, shown: info.shown ?? 'unset' });
}

// Building blocks: strict, so `PORT=80a` or `XFF_DEPTH=1.5` is an error rather than a guess
// (`Number()` would take `0x50`, `1e3` and an empty string).
const wholeNumber = (/** @type {number} */ min, /** @type {number} */ max) =>
	z
		.string()
		.regex(/^\d{1,9}$/)
		.transform(Number)
		.pipe(z.number().min(min).max(max));
const decimal = (/** @type {number} */ min, /** @type {number} */ max) =>
	z
		.string()
		.regex(/^\d{1,6}(\.\d{1,6})?$/)
		.transform(Number)
		.pipe(z.number().min(min).max(max));
const flag = z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off']).transform((v) => ['1', 'true', 'yes', 'on'].includes(v));
const headerName = z
	.string()
	.regex(/^[A-Za-z0-9-]{1,64}$/)
	.transform((v) => v.toLowerCase());
/**
 * @param {string[]} protocols
 * @param {(u: URL) => boolean} [also]
 */
const url = (protocols, also = () => true) =>
	z.string().refine((v) => {
		try {
			const u = new URL(v);
			return protocols.includes(u.protocol) && also(u);
		} catch {
			return false;
		}
	});
const origin = url(['http:', 'https:'], (u) => ['', '/'].includes(u.pathname) && !u.search && !u.hash).transform((v) => new URL(v).origin);
const path = z.string().max(1000);

export const settingsShape = {
	// --- web server
	PORT: withDefault(wholeNumber(1, 65535), 3000, {
		description: 'Port of the web app and of its Socket.IO connections (one port for both).',
		expected: 'a port number 1–65535'
	}),
	HOST: withDefault(z.string().regex(/^[A-Za-z0-9.:[\]-]{1,255}$/), '0.0.0.0', {
		description: 'Address to listen on; `127.0.0.1` when a proxy on the same machine is the only way in.',
		expected: 'a host name or an IP address'
	}),
	ORIGIN: optional(origin, {
		description:
			'The address people open, e.g. `https://talon.example`. Form posts from any other origin are refused, so behind a proxy set it (or `PROTOCOL_HEADER` and `HOST_HEADER`).',
		expected: 'an http:// or https:// URL without a path',
		shown: '`http://localhost:<PORT>`'
	}),
	ADDRESS_HEADER: optional(headerName, {
		description:
			"Behind a reverse proxy: the header that carries the client's address (`x-forwarded-for`, `x-real-ip`). Booking limits and sign-in throttling count per address. Unset: the connecting address is used and such headers are ignored, since a client could forge them. See [docs/deploy.md](docs/deploy.md).",
		expected: 'a header name, e.g. x-forwarded-for'
	}),
	XFF_DEPTH: withDefault(wholeNumber(1, 10), 1, {
		description:
			'With `ADDRESS_HEADER=x-forwarded-for`: how many proxies stand in front of Talon. The client is that many entries from the right of the header; entries further left are not trusted.',
		expected: 'a whole number 1–10'
	}),
	PROTOCOL_HEADER: optional(headerName, {
		description: 'Instead of `ORIGIN`: the header in which the proxy passes the original protocol (`x-forwarded-proto`).',
		expected: 'a header name, e.g. x-forwarded-proto'
	}),
	HOST_HEADER: optional(headerName, {
		description: 'Instead of `ORIGIN`: the header in which the proxy passes the original host (`x-forwarded-host`).',
		expected: 'a header name, e.g. x-forwarded-host'
	}),
	PORT_HEADER: optional(headerName, {
		description: 'With `HOST_HEADER`: the header in which the proxy passes the original port (`x-forwarded-port`).',
		expected: 'a header name, e.g. x-forwarded-port'
	}),
	BODY_SIZE_LIMIT: withDefault(z.string().regex(/^(\d{1,12}[KMG]?|Infinity)$/i), '512K', {
		description: 'Largest request body accepted, in bytes (`K`, `M`, `G` suffixes; `Infinity` for none).',
		expected: 'a size such as 512K, 2M or Infinity'
	}),

	// --- database
	DATABASE_URL: optional(url(['postgres:', 'postgresql:']), {
		description:
			'A PostgreSQL server (15 or newer): `postgres://user:password@host:5432/talon`. Unset: the embedded database in `TALON_DATA_DIR`.',
		expected: 'a postgres:// or postgresql:// URL',
		shown: 'unset (embedded)',
		secret: true
	}),
	TALON_DATA_DIR: withDefault(path, './data', {
		description: 'Folder of the embedded database (only when `DATABASE_URL` is unset).',
		expected: 'a folder path'
	}),
	TALON_DB_POOL: withDefault(wholeNumber(1, 200), 10, {
		description:
			'Connections to a PostgreSQL server (the embedded database always has one). Also how many transactions run at once; the others wait their turn.',
		expected: 'a whole number 1–200'
	}),
	TALON_TX_WAIT_MS: withDefault(wholeNumber(100, 600000), 5000, {
		description:
			'How long a request may wait for a database turn before it is refused with 503 `busy` (and `Retry-After`), having written nothing.',
		expected: 'milliseconds, 100–600000'
	}),
	TALON_DEMO: withDefault(flag, true, {
		description: 'Seed the demo office into an empty embedded database on its first start; `0` starts empty.',
		expected: '1 or 0',
		shown: '`1`'
	}),

	// --- staff, booking, mail
	TALON_SESSION_IDLE_HOURS: withDefault(decimal(0.25, 168), 12, {
		description: "Hours after which an idle staff session ends (an active shift's session keeps extending).",
		expected: 'a number of hours 0.25–168'
	}),
	TALON_BOOKING_WRITES_PER_10MIN: withDefault(wholeNumber(1, 100_000), 20, {
		description: 'Bookings, moves and cancellations one client address may make per 10 minutes (the public booking pages and API).',
		expected: 'a whole number 1–100000'
	}),
	SMTP_URL: optional(url(['smtp:', 'smtps:']), {
		description:
			'Mail server for booking and ticket notices: `smtp://user:password@host:587`. Unset: e-mail notices are written to the log (address masked), not sent.',
		expected: 'an smtp:// or smtps:// URL',
		secret: true
	}),
	SMTP_FROM: withDefault(z.string().max(300), 'Talon <no-reply@talon.local>', {
		description: 'Sender of the booking e-mails.',
		expected: 'an address such as "МФЦ <noreply@mfc.example>"'
	}),

	// --- notices to visitors (issue 13: src/lib/server/notices)
	SMS_PROVIDER: withDefault(z.enum(['log', 'webhook', 'smpp']), 'log', {
		description:
			'How SMS notices leave: `log` writes them to the log (phone masked) and sends nothing; `webhook` POSTs them to `SMS_URL`; `smpp` sends them through `SMPP_URL`.',
		expected: 'log, webhook or smpp'
	}),
	SMS_URL: optional(url(['http:', 'https:']), {
		description:
			'With `SMS_PROVIDER=webhook`: where each SMS is POSTed as JSON `{id, to, text}`; a 2xx answer means accepted. Signed in `X-Talon-Signature` (HMAC-SHA256 hex of the body with `SMS_SECRET`).',
		expected: 'an http:// or https:// URL',
		secret: true
	}),
	SMS_SECRET: optional(z.string().min(16).max(500), {
		description: 'With `SMS_PROVIDER=webhook`: the key of the body signature; the gateway checks it.',
		expected: 'at least 16 characters',
		secret: true
	}),
	SMPP_URL: optional(url(['smpp:']), {
		description: 'With `SMS_PROVIDER=smpp`: `smpp://system_id:password@host:2775`. Delivery reports are recorded on each notice.',
		expected: 'an smpp:// URL',
		secret: true
	}),
	SMS_FROM: withDefault(z.string().regex(/^[A-Za-z0-9 .-]{1,11}$|^\+?\d{1,15}$/), 'Talon', {
		description: 'With `SMS_PROVIDER=smpp`: the sender name (up to 11 Latin letters and digits) or number.',
		expected: 'up to 11 letters/digits, or a number'
	}),
	TALON_NOTICE_POLL_MS: withDefault(wholeNumber(50, 60000), 1000, {
		description: 'How often the notice sender looks for due notices (a command that writes one also wakes it at once on the same process).',
		expected: 'milliseconds, 50–60000'
	}),
	TALON_NOTICE_SENDER: withDefault(z.enum(['inline', 'process', 'off']), 'inline', {
		description:
			'Where notices are sent from. `inline`: this server process. `process`: a child process it starts and restarts (`talon notices send`), so sending never shares the event loop of queue commands (bench/README.md, "Notices outbox"); needs `DATABASE_URL`. `off`: not from here — run `talon notices send` elsewhere (another machine, its own systemd unit).',
		expected: 'inline, process or off'
	}),
	TALON_NOTICE_RATE: withDefault(wholeNumber(0, 100000), 200, {
		description:
			'Notices (SMS, e-mail, push) this server process sends per second at most, spread evenly; `0` for no limit. Keeps a burst (the evening reminders) from delaying queue commands on the same process, and under a gateway’s own rate limit.',
		expected: 'notices per second, 0–100000'
	}),

	// --- logs
	LOG_FORMAT: withDefault(z.enum(['text', 'json']), 'text', {
		description: 'Log lines as readable text or as one JSON object each (for a log collector).',
		expected: 'text or json'
	}),
	TALON_LOG: withDefault(z.enum(['info', 'warn', 'error', 'silent']), 'info', {
		description: 'Least important log level printed; `silent` is the same as `error` (errors are always printed).',
		expected: 'info, warn, error or silent'
	}),

	// --- operations (issue 14, ops): health, metrics, database outages
	TALON_DB_CONNECT_TIMEOUT_MS: withDefault(wholeNumber(100, 60000), 1500, {
		description:
			'How long opening a connection to the database may take before the request is answered 503 `database_unavailable` (so an unreachable database never holds a request for long).',
		expected: 'milliseconds, 100–60000'
	}),
	METRICS_TOKEN: optional(z.string().min(16).max(200), {
		description:
			'`GET /metrics` (Prometheus) answers any caller with `Authorization: Bearer <token>`. Unset: only callers on this machine (loopback) may read it.',
		expected: 'at least 16 characters',
		secret: true
	}),

	// --- the `talon` command
	TALON_LANG: optional(z.enum(['ru', 'en']), {
		description: 'Language of the `talon` command. Unset: Russian when the system `LANG` starts with `ru`, else English.',
		expected: 'ru or en',
		shown: 'from `LANG`'
	}),
	LANG: optional(z.string(), {
		description: "The system's locale; read only for the `talon` command's language when `TALON_LANG` is unset.",
		expected: 'a locale name'
	}),

	// --- building and starting
	TALON_BUILD_DIR: withDefault(path, 'build', {
		description:
			'Folder of the built app, written by `npm run build` and served by `npm start` (a second build beside the first, e.g. for a parallel test run).',
		expected: 'a folder path'
	}),
	TALON_KIT_DIR: withDefault(path, '.svelte-kit', {
		description: "SvelteKit's working folder during a build (with `TALON_BUILD_DIR`, for builds side by side).",
		expected: 'a folder path'
	}),
	TALON_REBUILD: withDefault(flag, true, {
		description:
			'`npm start` rebuilds when a file under `src/` is newer than the build, if the build tools (dev dependencies) are installed; `0` serves the existing build as it is. A production install (`npm install --omit=dev`) never builds.',
		expected: '1 or 0',
		shown: '`1`'
	})
};

export const settingsSchema = z.object(settingsShape).transform((s) => ({ ...s, ORIGIN: s.ORIGIN ?? `http://localhost:${s.PORT}` }));

/** @typedef {z.output<typeof settingsSchema>} Settings */
/** @typedef {keyof typeof settingsShape} SettingName */

/** A setting with an invalid value; `message` is one line per such variable. */
export class SettingsError extends Error {
	/** @param {string[]} lines */
	constructor(lines) {
		super(lines.join('\n'));
		this.name = 'SettingsError';
		this.lines = lines;
	}
}

/** @param {SettingName} name */
export const settingInfo = (name) => /** @type {SettingInfo} */ (z.globalRegistry.get(settingsShape[name]));

/**
 * The value as it may be printed: a secret URL keeps its shape with the password masked and
 * the query dropped (`?password=` is possible), anything else secret is hidden.
 * @param {SettingName} name
 * @param {string} value
 */
function printable(name, value) {
	if (!settingInfo(name).secret) return JSON.stringify(value);
	try {
		const u = new URL(value);
		if (!u.host) return '(hidden)';
		if (u.password) u.password = '***';
		u.search = '';
		u.hash = '';
		return JSON.stringify(u.toString());
	} catch {
		return '(hidden)';
	}
}

/**
 * Reads the settings from an environment. Throws `SettingsError` naming each invalid variable:
 * `invalid setting PORT="abc": expected a port number 1–65535`.
 * @param {Record<string, string | undefined>} env
 * @returns {Settings}
 */
export function parseSettings(env) {
	return check(settingsSchema, env, /** @type {SettingName[]} */ (Object.keys(settingsShape)));
}

/**
 * A few settings only, for a tool that needs no more (the build config): an unrelated
 * variable with a bad value does not stop a build.
 * @template {SettingName} K
 * @param {Record<string, string | undefined>} env
 * @param {K[]} names
 * @returns {Pick<z.output<z.ZodObject<typeof settingsShape>>, K>}
 */
export function pickSettings(env, names) {
	const schema = z.object(Object.fromEntries(names.map((n) => [n, settingsShape[n]])));
	return /** @type {any} */ (check(schema, env, names));
}

/**
 * @template {z.ZodType} S
 * @param {S} schema
 * @param {Record<string, string | undefined>} env
 * @param {SettingName[]} names
 * @returns {z.output<S>}
 */
function check(schema, env, names) {
	const result = schema.safeParse(Object.fromEntries(names.map((n) => [n, env[n]])));
	if (result.success) return result.data;
	const bad = [...new Set(result.error.issues.map((i) => /** @type {SettingName} */ (i.path[0])))];
	throw new SettingsError(
		bad.map((n) => `invalid setting ${n}=${printable(n, String(env[n]).trim())}: expected ${settingInfo(n).expected}`)
	);
}

/** The README's table of settings, generated from the descriptions above. */
export function settingsTable() {
	const rows = Object.keys(settingsShape).map((name) => {
		const info = settingInfo(/** @type {SettingName} */ (name));
		return `| \`${name}\` | ${info.shown} | ${info.description} |`;
	});
	return ['| variable | default | what it does |', '| --- | --- | --- |', ...rows].join('\n');
}
