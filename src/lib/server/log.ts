/**
 * One-line structured logs to stdout (JSON when LOG_FORMAT=json, readable otherwise).
 * Deliberately tiny: the start-up lines are read by people setting Talon up.
 */
type Fields = Record<string, unknown>;
const json = process.env.LOG_FORMAT === 'json';
const quiet = process.env.TALON_LOG === 'silent';

function write(level: 'info' | 'warn' | 'error', fields: Fields, msg: string) {
	if (quiet && level !== 'error') return;
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
	info: (fields: Fields | string, msg?: string) => (typeof fields === 'string' ? write('info', {}, fields) : write('info', fields, msg ?? '')),
	warn: (fields: Fields | string, msg?: string) => (typeof fields === 'string' ? write('warn', {}, fields) : write('warn', fields, msg ?? '')),
	error: (fields: Fields | string, msg?: string) => (typeof fields === 'string' ? write('error', {}, fields) : write('error', fields, msg ?? ''))
};
