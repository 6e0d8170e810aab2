import { config, type Config } from './config';

/**
 * One-line structured logs to stdout (JSON when LOG_FORMAT=json, readable otherwise).
 * Deliberately tiny: the start-up lines are read by people setting Talon up.
 */
type Fields = Record<string, unknown>;
type Level = 'info' | 'warn' | 'error';
const rank: Record<Config['TALON_LOG'], number> = { info: 0, warn: 1, error: 2, silent: 2 };

let settings: { json: boolean; least: number } | null = null;
/** Read on the first line logged; a log line must never fail, so invalid settings log as default. */
function options() {
	if (settings) return settings;
	try {
		const c = config();
		return (settings = { json: c.LOG_FORMAT === 'json', least: rank[c.TALON_LOG] });
	} catch {
		return { json: false, least: 0 };
	}
}

function write(level: Level, fields: Fields, msg: string) {
	const { json, least } = options();
	if (rank[level] < least) return;
	if (json) {
		const err = fields.err instanceof Error ? { message: fields.err.message, stack: fields.err.stack } : fields.err;
		console.log(JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields, ...(err ? { err } : {}) }));
		return;
	}
	const rest = Object.entries(fields)
		.filter(([k]) => k !== 'err')
		.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
		.join(' ');
	const line = `[talon] ${msg}${rest ? ' ' + rest : ''}`;
	if (level === 'error') console.error(line, fields.err instanceof Error ? `\n${fields.err.stack}` : '');
	else console.log(line);
}

export const log = {
	info: (fields: Fields | string, msg?: string) =>
		typeof fields === 'string' ? write('info', {}, fields) : write('info', fields, msg ?? ''),
	warn: (fields: Fields | string, msg?: string) =>
		typeof fields === 'string' ? write('warn', {}, fields) : write('warn', fields, msg ?? ''),
	error: (fields: Fields | string, msg?: string) =>
		typeof fields === 'string' ? write('error', {}, fields) : write('error', fields, msg ?? '')
};
