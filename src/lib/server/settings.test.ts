import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseSettings, pickSettings, settingInfo, settingsShape, SettingsError } from './settings.js';
import { readConfig, type Config } from './config';

const error = (env: Record<string, string>): string[] => {
	try {
		parseSettings(env);
	} catch (e) {
		if (e instanceof SettingsError) return e.lines;
		throw e;
	}
	throw new Error('expected the settings to be refused');
};

describe('settings', () => {
	it('an empty environment gives the documented defaults', () => {
		const s = parseSettings({});
		expect(s).toMatchObject({
			PORT: 3000,
			HOST: '0.0.0.0',
			ORIGIN: 'http://localhost:3000',
			XFF_DEPTH: 1,
			BODY_SIZE_LIMIT: '512K',
			TALON_DATA_DIR: './data',
			TALON_DEMO: true,
			TALON_SESSION_IDLE_HOURS: 12,
			TALON_BOOKING_WRITES_PER_10MIN: 20,
			SMTP_FROM: 'Talon <no-reply@talon.local>',
			LOG_FORMAT: 'text',
			TALON_LOG: 'info',
			TALON_BUILD_DIR: 'build',
			TALON_REBUILD: true
		});
		expect(s.DATABASE_URL).toBeUndefined();
		expect(s.ADDRESS_HEADER).toBeUndefined();
	});

	it('parses values into their types; blank means unset; spaces around a value are dropped', () => {
		const s = parseSettings({
			PORT: ' 8080 ',
			TALON_DEMO: '0',
			TALON_SESSION_IDLE_HOURS: '0.5',
			DATABASE_URL: '',
			ADDRESS_HEADER: 'X-Forwarded-For',
			XFF_DEPTH: '2',
			SMTP_URL: 'smtps://u:p@mail.example:465'
		});
		expect(s.PORT).toBe(8080);
		expect(s.ORIGIN).toBe('http://localhost:8080');
		expect(s.TALON_DEMO).toBe(false);
		expect(s.TALON_SESSION_IDLE_HOURS).toBe(0.5);
		expect(s.DATABASE_URL).toBeUndefined();
		expect(s.ADDRESS_HEADER).toBe('x-forwarded-for');
		expect(s.XFF_DEPTH).toBe(2);
		expect(s.SMTP_URL).toBe('smtps://u:p@mail.example:465');
		expect(parseSettings({ ORIGIN: 'https://talon.example/' }).ORIGIN).toBe('https://talon.example');
		for (const [v, b] of [
			['1', true],
			['yes', true],
			['on', true],
			['false', false],
			['off', false]
		] as const)
			expect(parseSettings({ TALON_REBUILD: v }).TALON_REBUILD).toBe(b);
	});

	it('an invalid value is one line naming the variable, the value and what was expected', () => {
		expect(error({ PORT: 'abc' })).toEqual(['invalid setting PORT="abc": expected a port number 1–65535']);
		// What a bare Number() would have taken: hex, exponents, fractions, out of range.
		for (const bad of ['0x50', '1e3', '80.5', '0', '65536', '-1'])
			expect(error({ PORT: bad })).toEqual([`invalid setting PORT="${bad}": expected a port number 1–65535`]);
		expect(error({ XFF_DEPTH: '0' })).toEqual(['invalid setting XFF_DEPTH="0": expected a whole number 1–10']);
		expect(error({ TALON_DEMO: 'nope' })).toEqual(['invalid setting TALON_DEMO="nope": expected 1 or 0']);
		expect(error({ LOG_FORMAT: 'xml' })).toEqual(['invalid setting LOG_FORMAT="xml": expected text or json']);
		expect(error({ ORIGIN: 'talon.example' })).toEqual([
			'invalid setting ORIGIN="talon.example": expected an http:// or https:// URL without a path'
		]);
		expect(error({ ORIGIN: 'https://talon.example/app' })).toHaveLength(1);
		expect(error({ ADDRESS_HEADER: 'x forwarded for' })).toEqual([
			'invalid setting ADDRESS_HEADER="x forwarded for": expected a header name, e.g. x-forwarded-for'
		]);
		expect(error({ TALON_BOOKING_WRITES_PER_10MIN: '0' })).toHaveLength(1);
	});

	it('several invalid variables: one line each, in the order of the table', () => {
		expect(error({ TALON_LOG: 'loud', PORT: 'x' })).toEqual([
			'invalid setting PORT="x": expected a port number 1–65535',
			'invalid setting TALON_LOG="loud": expected info, warn, error or silent'
		]);
	});

	it('a secret is never printed in full: a URL keeps its shape with the password masked', () => {
		expect(error({ DATABASE_URL: 'mysql://talon:s3cret@db/talon' })).toEqual([
			'invalid setting DATABASE_URL="mysql://talon:***@db/talon": expected a postgres:// or postgresql:// URL'
		]);
		expect(error({ DATABASE_URL: 'mysql://db/talon?user=talon&password=s3cret' })).toEqual([
			'invalid setting DATABASE_URL="mysql://db/talon": expected a postgres:// or postgresql:// URL'
		]);
		for (const bad of ['user:s3cret at mail', 's3cret'])
			expect(error({ SMTP_URL: bad })).toEqual(['invalid setting SMTP_URL=(hidden): expected an smtp:// or smtps:// URL']);
	});

	it('a tool that needs a few settings is not stopped by another one', () => {
		expect(pickSettings({ TALON_BUILD_DIR: 'build-x', PORT: 'abc' }, ['TALON_BUILD_DIR', 'TALON_KIT_DIR'])).toEqual({
			TALON_BUILD_DIR: 'build-x',
			TALON_KIT_DIR: '.svelte-kit'
		});
		expect(() => pickSettings({ TALON_REBUILD: 'maybe' }, ['TALON_REBUILD'])).toThrow(
			'invalid setting TALON_REBUILD="maybe": expected 1 or 0'
		);
	});

	it('every variable says what it does and what a valid value is', () => {
		for (const name of Object.keys(settingsShape) as (keyof typeof settingsShape)[]) {
			const info = settingInfo(name);
			expect(info.description.length, name).toBeGreaterThan(20);
			expect(info.expected.length, name).toBeGreaterThan(2);
			expect(info.shown, name).toBeTruthy();
		}
	});

	it('the app reads them typed, by the variable names', () => {
		const c = readConfig({ PORT: '4000' });
		expect(c.PORT).toBe(4000);
		expectTypeOf(c.PORT).toEqualTypeOf<number>();
		expectTypeOf(c.TALON_DEMO).toEqualTypeOf<boolean>();
		expectTypeOf(c.DATABASE_URL).toEqualTypeOf<string | undefined>();
		expectTypeOf<Config['TALON_LOG']>().toEqualTypeOf<'info' | 'warn' | 'error' | 'silent'>();
	});
});
