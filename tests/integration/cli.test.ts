import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from '../helpers/db';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The `talon` command as an operator runs it: a child process, `--json` for the answers. With
 * TEST_DATABASE_URL it works on a fresh database of that server (DATABASE_URL, as in
 * production); without, on an embedded database in a temp folder. The lock test is always
 * embedded: that is where one process holds the data.
 */
let dir: string;
let databaseUrl = '';
let dropDatabase = async () => {};
const talon = (args: string[], input?: string, embedded = false, env: Record<string, string> = {}) => {
	const r = spawnSync(process.execPath, ['bin/talon.js', ...args], {
		env: { ...process.env, TALON_DATA_DIR: join(dir, 'data'), DATABASE_URL: embedded ? '' : databaseUrl, LANG: 'en_US.UTF-8', ...env },
		input: input ?? '',
		encoding: 'utf8',
		timeout: 60_000
	});
	return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
};
const json = (out: string) => JSON.parse(out.split('\n').at(-1)!);

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'talon-cli-'));
	if (process.env.TEST_DATABASE_URL) {
		const scratch = await createScratchDatabase('talon_cli');
		databaseUrl = scratch.url;
		dropDatabase = scratch.drop;
	}
});
afterAll(async () => {
	await dropDatabase();
	rmSync(dir, { recursive: true, force: true });
});

// Each command is a process that opens the database: minutes on a busy 2-core machine.
describe('talon CLI', { timeout: 240_000 }, () => {
	it('migrate on an empty database names every migration it applied, then says there is nothing to apply', () => {
		const files = readdirSync('migrations')
			.filter((f) => f.endsWith('.sql'))
			.map((f) => f.replace(/\.sql$/, ''))
			.sort();
		const first = talon(['migrate']);
		expect(first.code).toBe(0);
		expect(first.out).toContain(`applied ${files.length} migrations: ${files.join(', ')}`);
		expect(first.out).toContain(`the database is now at ${files.at(-1)}`);
		expect(first.out).not.toContain('up to date');
		const again = talon(['migrate', '--json']);
		expect(again.code).toBe(0);
		expect(json(again.out)).toEqual({ ok: true, applied: [], current: files.at(-1) });
	});

	it('seeds the demo office once, printing random secrets', () => {
		const first = talon(['seed', '--json']);
		expect(first.code).toBe(0);
		const seeded = json(first.out);
		expect(seeded.officeSlug).toBe('central');
		expect(seeded.users.map((u: { login: string }) => u.login)).toEqual(['admin', 'operator']);
		expect(seeded.users[0].password).toMatch(/^[A-Za-z0-9]{16}$/);
		expect(seeded.devices.map((d: { kind: string }) => d.kind)).toEqual(['kiosk', 'display']);
		const again = talon(['seed']);
		expect(again.code).toBe(1);
		expect(again.err).toMatch(/already exists/);
		expect(again.err.split('\n')).toHaveLength(1);
	});

	it('adds a device by office slug or id, lists it, revokes it; the token is shown once and not stored', () => {
		const added = talon(['device', 'add', '--office', 'central', '--kind', 'kiosk', '--name', 'Киоск 2', '--json']);
		expect(added.code).toBe(0);
		const device = json(added.out);
		expect(device.token).toMatch(/^[a-z2-7]{32}$/);
		const byId = talon(['device', 'add', '--office', '1', '--kind', 'display', '--name', 'Board 2', '--json']);
		expect(json(byId.out).office).toBe('central');
		const list = json(talon(['device', 'list', '--json']).out);
		expect(list.devices.find((d: { id: number }) => d.id === device.id)).toMatchObject({ kind: 'kiosk', name: 'Киоск 2', active: true });
		expect(JSON.stringify(list)).not.toContain(device.token);
		expect(talon(['device', 'revoke', String(device.id)]).code).toBe(0);
		const after = json(talon(['device', 'list', '--office', 'central', '--json']).out);
		expect(after.devices.find((d: { id: number }) => d.id === device.id).active).toBe(false);
	});

	it('adds a user with a password from stdin, or generates one and prints it once', () => {
		const piped = talon(['user', 'add', '--login', 'ivanova', '--role', 'operator', '--office', 'central', '--json'], 'correct horse 1\n');
		expect(piped.code).toBe(0);
		expect(json(piped.out)).toMatchObject({ login: 'ivanova', role: 'operator', office: 'central' });
		expect(json(piped.out).password).toBeUndefined();
		const generated = talon(['user', 'add', '--login', 'petrov', '--role', 'supervisor', '--office', 'central', '--json']);
		expect(json(generated.out).password).toMatch(/^[A-Za-z0-9]{16}$/);
	});

	it('refuses bad input with one clear line and a non-zero exit, changing nothing', () => {
		const cases: [string[], RegExp][] = [
			[['device', 'add', '--office', 'nowhere', '--kind', 'kiosk', '--name', 'x'], /Office “nowhere” not found/],
			[['device', 'add', '--office', 'central', '--kind', 'printer', '--name', 'x'], /--kind must be kiosk or display/],
			[['user', 'add', '--login', 'ivanova', '--role', 'operator', '--office', 'central'], /login is taken/],
			[['user', 'add', '--login', 'x y', '--role', 'operator', '--office', 'central'], /--login/],
			[['user', 'add', '--login', 'sidorov', '--role', 'boss', '--office', 'central'], /--role must be/],
			[['device', 'revoke', 'abc'], /usage: talon device revoke ID/],
			[['frobnicate'], /unknown command/],
			[['device', 'add', '--bogus'], /Unknown option/]
		];
		const before = talon(['device', 'list', '--json']).out;
		for (const [args, message] of cases) {
			const r = talon(args);
			expect(r.code, args.join(' ')).toBe(1);
			expect(r.err, args.join(' ')).toMatch(message);
			expect(r.err.split('\n'), args.join(' ')).toHaveLength(1);
			expect(r.err).not.toMatch(/\n\s+at /); // never a stack trace
		}
		expect(talon(['device', 'list', '--json']).out).toBe(before);
	});

	it('an invalid setting is one line naming it, before the database is opened; TALON_LANG chooses the language', () => {
		const r = talon(['office', 'list'], '', false, { TALON_SESSION_IDLE_HOURS: 'forever' });
		expect(r.code).toBe(1);
		expect(r.err).toBe('talon: invalid setting TALON_SESSION_IDLE_HOURS="forever": expected a number of hours 0.25–168');
		const ru = talon(['device', 'add', '--office', 'nowhere', '--kind', 'kiosk', '--name', 'x'], '', false, { TALON_LANG: 'ru' });
		expect(ru.err).toMatch(/nowhere/);
		expect(ru.err).toMatch(/[а-я]/);
	});

	it('says what to do when a running server holds the embedded database', () => {
		// A live process's pid in the lock file is what a running server leaves there.
		mkdirSync(join(dir, 'data'), { recursive: true });
		writeFileSync(join(dir, 'data', 'talon.pid'), String(process.pid));
		const r = talon(['device', 'list'], '', true);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/held by a running Talon server \(pid \d+\)\. Stop the server/);
		rmSync(join(dir, 'data', 'talon.pid'));
		expect(talon(['office', 'list'], '', true).code).toBe(0);
	});
});
