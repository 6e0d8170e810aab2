import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createScratchDatabase, NEEDS_SERVER, usingServer } from '../helpers/db';
import { startSmsSink, type SmsSink } from '../helpers/sms-sink';
import { connect, type Database } from '../../src/lib/server/db/connect';
import { loadMigrations, migrate } from '../../src/lib/server/db/migrate';
import { migrationsDir } from '../../src/lib/server/db/paths';
import { readConfig } from '../../src/lib/server/config';
import { enqueue, type NewNotice } from '../../src/lib/server/notices/outbox';
import { NoticeSenderError, startNotices } from '../../src/lib/server/notices/start';

/**
 * TALON_NOTICE_SENDER=process: the server starts `talon notices send` as a child process with its
 * settings, the child delivers the outbox (once per notice), is started again after a kill -9, and
 * ends with the server. The embedded database refuses the mode, and the command, in words.
 */
const sms = (text: string): NewNotice => ({
	officeId: null,
	kind: 'ticket_called',
	channel: 'sms',
	recipient: '+79161234567',
	locale: 'ru',
	body: { text }
});

describe('the notice sender in a process of its own', () => {
	it('is refused on the embedded database, by the server and by the command', async () => {
		const config = readConfig({ TALON_NOTICE_SENDER: 'process' });
		await expect(startNotices(null as never, config, 'embedded')).rejects.toThrow(NoticeSenderError);
		await expect(startNotices(null as never, config, 'embedded')).rejects.toThrow(/needs a PostgreSQL server \(DATABASE_URL\)/);
		const r = spawnSync(process.execPath, ['bin/talon.js', 'notices', 'send'], {
			env: { ...process.env, DATABASE_URL: '', LANG: 'en_US.UTF-8' },
			encoding: 'utf8',
			timeout: 120_000
		});
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('talon notices send needs a PostgreSQL server (DATABASE_URL)');
	}, 150_000);

	describe.skipIf(!usingServer())(`on PostgreSQL ${usingServer() ? '' : NEEDS_SERVER}`, () => {
		let db: Database;
		let sink: SmsSink;
		let url = '';
		let drop = async () => {};
		beforeAll(async () => {
			// A database of its own: the child process connects with DATABASE_URL alone (no test schema).
			const scratch = await createScratchDatabase('talon_sender');
			url = scratch.url;
			drop = scratch.drop;
			db = await connect({ url, max: 2 });
			await migrate(db.sql, loadMigrations(migrationsDir()));
			sink = await startSmsSink();
		});
		afterAll(async () => {
			await sink?.close();
			await db?.close();
			await drop();
		});

		it('delivers each notice once, comes back after kill -9, and ends with the server', { timeout: 240_000 }, async () => {
			const config = readConfig({
				DATABASE_URL: url,
				TALON_NOTICE_SENDER: 'process',
				SMS_PROVIDER: 'webhook',
				SMS_URL: sink.url,
				SMS_SECRET: sink.secret,
				TALON_NOTICE_POLL_MS: '200'
			});
			const { sending } = await startNotices(db.sql, config, 'server');
			try {
				const first = sending.pid!();
				expect(first).toBeGreaterThan(0);
				expect(first).not.toBe(process.pid);
				await enqueue(db.sql, [sms('Талон П001: Вас вызывают к окну 1'), sms('Талон П002: Вас вызывают к окну 2')], new Date());
				// The child starts through tsx: seconds on a busy machine.
				await expect.poll(() => sink.accepted.length, { timeout: 120_000, interval: 250 }).toBe(2);
				await expect
					.poll(async () => (await db.sql<{ n: number }[]>`select count(*)::int as n from notifications where state = 'sent'`)[0]!.n)
					.toBe(2);

				process.kill(first!, 'SIGKILL');
				await expect.poll(() => sending.pid!() !== undefined && sending.pid!() !== first, { timeout: 30_000 }).toBe(true);
				await enqueue(db.sql, [sms('Талон П003: Вас вызывают к окну 3')], new Date());
				await expect.poll(() => sink.accepted.length, { timeout: 120_000, interval: 250 }).toBe(3);
				expect(new Set(sink.accepted.map((m) => m.id)).size).toBe(3);
				expect(sink.received).toHaveLength(3);
			} finally {
				const last = sending.pid!();
				await sending.stop();
				if (last) expect(() => process.kill(last, 0)).toThrow();
			}
		});
	});
});
