import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { connect, type Database } from '$lib/server/db/connect';
import { DataDirBusy } from '$lib/server/db/embedded';
import { loadMigrations, migrate, MigrationError } from '$lib/server/db/migrate';
import { migrationsDir } from '$lib/server/db/paths';
import { ConfigError, readConfig, type Config } from '$lib/server/config';
import { findOffice, listOffices } from '$lib/server/offices/offices';
import { addDevice, listDevices, revokeDevice } from '$lib/server/auth/devices';
import { addStaffUser, generatePassword } from '$lib/server/auth/staff';
import { formatSeedResult, seedDemo } from '$lib/server/demo/seed';
import { seedHistory } from '$lib/server/demo/history';
import { isOneOf, DeviceKind, StaffRole } from '$lib/domain/states';
import { isTalonError } from '$lib/errors';
import { errorMessage } from '$lib/i18n/errors';
import { pickLocale } from '$lib/i18n/locale';
import { readStdinLine } from './stdin';
import { backupEmbedded, backupServer, BackupError, restoreEmbedded, restoreServer } from '$lib/server/ops/backup';
import { configuredSender } from '$lib/server/notices/start';

/**
 * `talon` — for the people who run a Talon server. Every command prints one readable result,
 * or with `--json` one JSON object; every failure is one line on stderr and a non-zero exit.
 */
const usage = `Usage: talon <command> [options]

  migrate                               apply database migrations
  seed                                  add the demo office "central" (prints passwords and tokens once)
  seed --history DAYS [--office O]      fill the past DAYS days (not today) of the demo office, or of O, with
                                        realistic traffic for the reports (replaces an earlier history)
  office list                           list offices
  user add --login L --role admin|supervisor|operator --office O [--name "Full Name"]
                                        password: read from standard input, or generated and printed once
  device add --office O --kind kiosk|display --name NAME
                                        prints the device token once (only its hash is stored)
  device revoke ID                      revoke a device's token
  device list [--office O]              list devices
  backup FILE                           a consistent copy of the database (pg_dump, or the embedded
                                        database's folder; works while the server runs)
  restore FILE                          replace the database with a backup (embedded: stop the server
                                        first; the current folder is kept beside it)
  notices send                          send the notices outbox until stopped (SIGTERM/Ctrl+C): a server
                                        with TALON_NOTICE_SENDER=off, or one process for several nodes;
                                        PostgreSQL only (DATABASE_URL)

  --office takes an office id or slug; --json prints one JSON object.
  Database: DATABASE_URL, or the embedded one in ./data (TALON_DATA_DIR).`;

class CliError extends Error {}

// English until the settings are read (an invalid setting is reported before anything else).
let locale = pickLocale('en');

export async function main(argv: string[]): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				json: { type: 'boolean', default: false },
				help: { type: 'boolean', short: 'h', default: false },
				office: { type: 'string' },
				login: { type: 'string' },
				role: { type: 'string' },
				name: { type: 'string' },
				kind: { type: 'string' },
				// reports (issue 12): `talon seed --history DAYS`
				history: { type: 'string' }
			}
		});
	} catch (e) {
		return fail((e as Error).message, false);
	}
	const { values: opts, positionals } = parsed;
	const command = positionals.slice(0, 2).join(' ');
	if (opts.help || positionals.length === 0) {
		console.log(usage);
		return 0;
	}
	let config: Config;
	try {
		config = readConfig();
	} catch (e) {
		if (e instanceof ConfigError) return fail(e.message, opts.json);
		throw e;
	}
	locale = pickLocale(config.TALON_LANG ?? (config.LANG?.startsWith('ru') ? 'ru' : 'en'));
	const known = [
		'migrate',
		'seed',
		'office list',
		'user add',
		'device add',
		'device revoke',
		'device list',
		'backup',
		'restore',
		'notices send'
	];
	const cmd = known.find((k) => command === k || command.startsWith(k + ' ') || positionals[0] === k);
	if (!cmd) return fail(`unknown command "${positionals.join(' ')}"; see talon --help`, opts.json);

	// ops: backup and restore work on the database as it is (no migration first).
	if (cmd === 'backup' || cmd === 'restore') {
		try {
			const result = await backupCommand(cmd, config, positionals[1]);
			console.log(opts.json ? JSON.stringify(result.json) : result.text);
			return 0;
		} catch (e) {
			return fail(describe(e), opts.json);
		}
	}

	if (cmd === 'notices send') return sendNotices(config);

	let db: Database | null = null;
	try {
		precheck(cmd, opts, positionals);
		const opened = await open(config);
		db = opened.db;
		if (cmd === 'migrate') {
			const result = migrated(opened.applied, opened.current);
			console.log(opts.json ? JSON.stringify(result.json) : result.text);
			return 0;
		}
		// Any command migrates first; say so on stderr, so `--json` output stays one object.
		if (opened.applied.length) console.error(`[talon] applied migrations: ${opened.applied.join(', ')}`);
		const result = await run(cmd, db, opts, positionals);
		if (opts.json) console.log(JSON.stringify(result.json));
		else console.log(result.text);
		return 0;
	} catch (e) {
		return fail(describe(e), opts.json);
	} finally {
		await db?.close().catch(() => {});
	}
}

/**
 * `talon notices send`: the outbox sender as a process of its own (src/lib/server/notices/start.ts
 * starts it as a child with TALON_NOTICE_SENDER=process). Runs until SIGTERM or SIGINT, then
 * finishes the round in flight and exits 0.
 */
async function sendNotices(config: Config): Promise<number> {
	if (!config.DATABASE_URL) {
		return fail(
			'talon notices send needs a PostgreSQL server (DATABASE_URL): on the embedded database the Talon server sends the notices itself',
			false
		);
	}
	let db: Database | null = null;
	try {
		db = await connect({ url: config.DATABASE_URL, max: 4 });
		const sender = await configuredSender(db.sql, config);
		sender.start();
		console.error(`[talon] sending notices (pid ${process.pid}); stop with SIGTERM or Ctrl+C`);
		await new Promise<void>((resolve) => {
			process.once('SIGTERM', resolve);
			process.once('SIGINT', resolve);
		});
		await sender.stop();
		return 0;
	} catch (e) {
		return fail(describe(e), false);
	} finally {
		await db?.close().catch(() => {});
	}
}

/** `talon backup FILE` / `talon restore FILE` (src/lib/server/ops/backup.ts). */
async function backupCommand(
	cmd: 'backup' | 'restore',
	config: Config,
	file: string | undefined
): Promise<{ text: string; json: unknown }> {
	if (!file) throw new CliError(`usage: talon ${cmd} FILE`);
	try {
		if (cmd === 'backup') {
			const r = config.DATABASE_URL ? await backupServer(config.DATABASE_URL, file) : await backupEmbedded(config.TALON_DATA_DIR, file);
			return { text: `backup written to ${r.file} (${r.bytes} bytes, ${r.how})`, json: { ok: true, ...r } };
		}
		if (config.DATABASE_URL) {
			await restoreServer(config.DATABASE_URL, file);
			return { text: `restored ${resolve(file)} into the PostgreSQL server`, json: { ok: true, file: resolve(file) } };
		}
		const { keptAs } = await restoreEmbedded(config.TALON_DATA_DIR, file);
		return {
			text: `restored ${resolve(file)} into ${resolve(config.TALON_DATA_DIR)}${keptAs ? `; the previous database is kept in ${keptAs}` : ''}`,
			json: { ok: true, file: resolve(file), keptAs }
		};
	} catch (e) {
		if (e instanceof DataDirBusy)
			throw new CliError(
				`the embedded database in ${resolve(config.TALON_DATA_DIR)} is held by a running Talon server${e.pid ? ` (pid ${e.pid})` : ''}: stop it to restore`
			);
		if (e instanceof BackupError) throw new CliError(e.message);
		throw e;
	}
}

/** What `talon migrate` says: what it applied just now, and where the database stands. */
export function migrated(applied: string[], current: string | null): { text: string; json: unknown } {
	const text = applied.length
		? `applied ${applied.length} migration${applied.length === 1 ? '' : 's'}: ${applied.join(', ')}\nthe database is now at ${current}`
		: `nothing to apply: the database is already at ${current ?? '(no migrations)'}`;
	return { text, json: { ok: true, applied, current } };
}

async function open(config: Config): Promise<{ db: Database; applied: string[]; current: string | null }> {
	try {
		const db = config.DATABASE_URL
			? await connect({ url: config.DATABASE_URL, max: 2 })
			: await connect({ dataDir: config.TALON_DATA_DIR });
		const migrations = loadMigrations(migrationsDir());
		const { applied } = await migrate(db.sql, migrations);
		return { db, applied, current: migrations.at(-1)?.name ?? null };
	} catch (e) {
		if (e instanceof DataDirBusy) {
			throw new CliError(
				`the embedded database in ${resolve(config.TALON_DATA_DIR)} is held by a running Talon server${e.pid ? ` (pid ${e.pid})` : ''}. ` +
					`Stop the server (Ctrl+C), run this command, then start it again; or run Talon on PostgreSQL (DATABASE_URL) to use the CLI alongside it.`
			);
		}
		throw e;
	}
}

type Opts = { json?: boolean; office?: string; login?: string; role?: string; name?: string; kind?: string; history?: string };

async function run(cmd: string, db: Database, opts: Opts, positionals: string[]): Promise<{ text: string; json: unknown }> {
	const sql = db.sql;
	switch (cmd) {
		case 'seed': {
			if (opts.history !== undefined) return history(sql, opts);
			const r = await seedDemo(sql);
			return { text: formatSeedResult(r), json: r };
		}
		case 'office list': {
			const offices = await listOffices(sql);
			return {
				text:
					offices.map((o) => `${String(o.id).padStart(4)}  ${o.slug.padEnd(16)} ${o.nameRu}  (${o.timeZone})`).join('\n') || 'no offices',
				json: { offices }
			};
		}
		case 'user add': {
			const login = required(opts.login, '--login');
			const role = required(opts.role, '--role');
			if (!isOneOf(StaffRole, role)) throw new CliError(`--role must be admin, supervisor or operator, not "${role}"`);
			if (!/^[a-z0-9._-]{2,40}$/.test(login)) throw new CliError('--login: 2–40 characters a–z, 0–9, dot, dash, underscore');
			const office = await findOffice(sql, required(opts.office, '--office'));
			const piped = await readStdinLine();
			const password = piped || generatePassword();
			if (piped && piped.length < 8) throw new CliError('the password from standard input is shorter than 8 characters');
			const user = await addStaffUser(sql, { login, password, roles: [role], officeIds: [office.id], displayName: opts.name });
			const generated = !piped;
			return {
				text: `user ${login} (${role}) added to ${office.slug}` + (generated ? `\npassword (shown once): ${password}` : ''),
				json: { id: user.id, login, role, office: office.slug, ...(generated ? { password } : {}) }
			};
		}
		case 'device add': {
			const kind = required(opts.kind, '--kind');
			if (!isOneOf(DeviceKind, kind)) throw new CliError(`--kind must be kiosk or display, not "${kind}"`);
			const name = required(opts.name, '--name').trim();
			if (name.length < 1 || name.length > 100) throw new CliError('--name: 1–100 characters');
			const office = await findOffice(sql, required(opts.office, '--office'));
			const device = await addDevice(sql, { officeId: office.id, kind, name });
			return {
				text: `${kind} "${name}" added to ${office.slug} (id ${device.id})\ntoken (shown once): ${device.token}`,
				json: { id: device.id, kind, name, office: office.slug, token: device.token }
			};
		}
		case 'device revoke': {
			const raw = positionals[2];
			if (!raw || !/^\d{1,9}$/.test(raw)) throw new CliError('usage: talon device revoke ID (see talon device list)');
			await revokeDevice(sql, Number(raw));
			return { text: `device ${raw} revoked`, json: { id: Number(raw), revoked: true } };
		}
		case 'device list': {
			const office = opts.office ? await findOffice(sql, opts.office) : null;
			const devices = await listDevices(sql, office?.id);
			const text = devices
				.map(
					(d) =>
						`${String(d.id).padStart(4)}  ${d.kind.padEnd(8)} ${d.officeSlug.padEnd(12)} ${d.revokedAt ? 'revoked ' : 'active  '} ${d.name}`
				)
				.join('\n');
			return {
				text: text || 'no devices',
				json: {
					devices: devices.map((d) => ({
						id: d.id,
						kind: d.kind,
						office: d.officeSlug,
						name: d.name,
						active: !d.revokedAt,
						lastSeenAt: d.lastSeenAt
					}))
				}
			};
		}
	}
	throw new CliError(`unknown command ${cmd}`);
}

/** `seed --history DAYS [--office O]`: the demo office (created when missing) or O. */
async function history(sql: Database['sql'], opts: Opts): Promise<{ text: string; json: unknown }> {
	const days = historyDays(opts.history);
	let text = '';
	let seeded: unknown = null;
	if (!opts.office && !(await sql`select 1 from offices where slug = 'central'`).length) {
		const r = await seedDemo(sql);
		text = formatSeedResult(r) + '\n\n';
		seeded = r;
	}
	const office = await findOffice(sql, opts.office ?? 'central');
	const r = await seedHistory(sql, { officeId: office.id, days });
	text += `history of ${office.slug}: ${r.days} days (${r.openDays} open), ${r.tickets} tickets, ${r.legs} legs, ${r.bookings} bookings, ${r.ratings} ratings in ${(r.ms / 1000).toFixed(1)} s`;
	return { text, json: { office: office.slug, ...r, ...(seeded ? { seeded } : {}) } };
}

function historyDays(raw: string | undefined): number {
	if (!raw || !/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > 3660)
		throw new CliError('--history takes a number of days, 1–3660');
	return Number(raw);
}

/** Checks what needs no database first: a typo costs no database start. */
function precheck(cmd: string, opts: Opts, positionals: string[]): void {
	if (cmd === 'user add') {
		const role = required(opts.role, '--role');
		if (!isOneOf(StaffRole, role)) throw new CliError(`--role must be admin, supervisor or operator, not "${role}"`);
		if (!/^[a-z0-9._-]{2,40}$/.test(required(opts.login, '--login')))
			throw new CliError('--login: 2–40 characters a–z, 0–9, dot, dash, underscore');
		required(opts.office, '--office');
	}
	if (cmd === 'device add') {
		const kind = required(opts.kind, '--kind');
		if (!isOneOf(DeviceKind, kind)) throw new CliError(`--kind must be kiosk or display, not "${kind}"`);
		const name = required(opts.name, '--name');
		if (name.length > 100) throw new CliError('--name: 1–100 characters');
		required(opts.office, '--office');
	}
	if (cmd === 'seed' && opts.history !== undefined) historyDays(opts.history);
	if (cmd === 'device revoke' && !/^\d{1,9}$/.test(positionals[2] ?? ''))
		throw new CliError('usage: talon device revoke ID (see talon device list)');
}

function required(v: string | undefined, flag: string): string {
	if (!v || !v.trim()) throw new CliError(`${flag} is required; see talon --help`);
	return v.trim();
}

function describe(e: unknown): string {
	if (e instanceof CliError || e instanceof MigrationError) return e.message;
	if (isTalonError(e)) {
		if (e.code === 'invalid_input' && e.params.field === 'login') return `login is taken`;
		return errorMessage(locale, e.code, e.params);
	}
	const err = e as { code?: string; message?: string };
	if (err?.code === 'ECONNREFUSED') return `cannot reach the database at DATABASE_URL (connection refused)`;
	if (err?.code === '23505') return `already exists (${err.message ?? 'unique constraint'})`;
	return `unexpected error: ${err?.message ?? String(e)}`;
}

function fail(message: string, json: boolean | undefined): number {
	if (json) console.log(JSON.stringify({ error: { message } }));
	console.error(`talon: ${message}`);
	return 1;
}
