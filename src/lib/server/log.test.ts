import { describe, expect, it } from 'vitest';
import { createLogger, logWith, redact, scrubText, withRequestId, REDACTED } from './log';

function capture(json: boolean, level: 'info' | 'warn' | 'error' = 'info') {
	const lines: { line: string; level: string }[] = [];
	const logger = createLogger({ json, level, write: (line, l) => lines.push({ line, level: l }) });
	return { log: logWith(() => logger), lines };
}

describe('log', () => {
	it('writes one JSON object a line with LOG_FORMAT=json, the level in words and the time', () => {
		const { log, lines } = capture(true);
		log.info({ office: 3, applied: '0001_init' }, 'migrations applied');
		log.warn('no office yet');
		expect(lines).toHaveLength(2);
		const first = JSON.parse(lines[0]!.line);
		expect(first).toMatchObject({ level: 'info', msg: 'migrations applied', office: 3, applied: '0001_init' });
		expect(new Date(first.time).getTime()).toBeGreaterThan(0);
		expect(JSON.parse(lines[1]!.line)).toMatchObject({ level: 'warn', msg: 'no office yet' });
	});

	it('writes readable lines otherwise, an error with its stack', () => {
		const { log, lines } = capture(false);
		log.info({ database: 'embedded', rows: 2 }, 'database');
		log.error({ err: new Error('boom') }, 'request failed');
		expect(lines[0]).toEqual({ line: '[talon] database database=embedded rows=2', level: 'info' });
		expect(lines[1]!.level).toBe('error');
		expect(lines[1]!.line).toMatch(/^\[talon\] request failed\nError: boom\n\s+at /);
	});

	it('puts the request id on every line written while a request is handled, across awaits', async () => {
		const { log, lines } = capture(true);
		await withRequestId('req-1', async () => {
			log.info('first');
			await new Promise((r) => setTimeout(r, 5));
			log.error({ err: new Error('later') }, 'second');
		});
		log.info('outside');
		expect(lines.map((l) => JSON.parse(l.line).reqId)).toEqual(['req-1', 'req-1', undefined]);
		const text = capture(false);
		withRequestId('abc', () => text.log.warn({ a: 1 }, 'x'));
		expect(text.lines[0]!.line).toBe('[talon] x a=1 req=abc');
	});

	it('respects the least level', () => {
		const { log, lines } = capture(true, 'warn');
		log.info('hidden');
		log.warn('shown');
		expect(lines.map((l) => JSON.parse(l.line).msg)).toEqual(['shown']);
	});

	it('never writes phones, e-mails, names, tokens, passwords or cookies', () => {
		const { log, lines } = capture(true);
		const secrets = {
			phone: '+7 912 345-67-89',
			email: 'ivan.petrov@example.ru',
			name: 'Иван Петров',
			fullName: 'Пётр Иванов',
			token: 'tok_8d9f0a1b2c3d',
			password: 'hunter2',
			cookie: 'talon_session=abcdef',
			headers: { authorization: 'Bearer s3cr3t', 'set-cookie': 'x=1' }
		};
		log.info(
			{ ...secrets, office: 'central', nested: { visitor: { phone: '89123456789' } } },
			'booking by ivan@example.ru, 8 (912) 345-67-89'
		);
		log.error({ err: new Error('duplicate key for ivan@example.ru +79123456789') }, 'failed');
		const out = lines.map((l) => l.line).join('\n');
		for (const s of ['912', 'ivan', 'Иван', 'Пётр', 'tok_8d9f', 'hunter2', 'abcdef', 's3cr3t', 'x=1']) expect(out).not.toContain(s);
		const first = JSON.parse(lines[0]!.line);
		expect(first).toMatchObject({ phone: REDACTED, email: REDACTED, name: REDACTED, token: REDACTED, office: 'central' });
		expect(first.msg).toBe('booking by [email], [phone]');
		expect(JSON.parse(lines[1]!.line).err.message).toBe('duplicate key for [email] [phone]');
	});

	it('leaves dates, times, counts and ids alone', () => {
		const text = '2026-11-30T03:17:37.123Z ticket 1234567 office 42 took 1500 ms';
		expect(scrubText(text)).toBe(text);
		expect(redact({ at: new Date('2026-11-30T00:00:00Z'), ids: [1, 2] })).toEqual({ at: '2026-11-30T00:00:00.000Z', ids: [1, 2] });
	});
});
