import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Sql } from '$lib/server/db/connect';
import type { Config } from '$lib/server/config';
import type { Job } from '$lib/server/jobs/scheduler';
import { log } from '$lib/server/log';
import { projectRoot } from '$lib/server/db/paths';
import { channelsFromConfig } from './channels';
import { createSender, type Sender } from './sender';
import { noticeJobs } from './jobs';
import { vapidKeys, vapidSubject, webPush } from './channels/web-push';

/** What the server holds of the sending: a wake-up after commands, and a stop. */
export interface NoticeSending {
	/** A command may have written notices: send them now (where the sender is in this process). */
	kick(): void;
	stop(): Promise<void>;
	/** The sender process's pid, where it runs in one of its own (`process`). */
	pid?(): number | undefined;
}

export class NoticeSenderError extends Error {}

/** The sender the settings describe, on this database; not started. */
export async function configuredSender(sql: Sql, config: Config): Promise<Sender> {
	const push = webPush({ keys: await vapidKeys(sql), subject: vapidSubject(config.ORIGIN) });
	const channels = channelsFromConfig(sql, config, { push });
	log.info({ sms: channels.sms?.provider, email: channels.email?.provider, push: push.provider }, 'notices');
	return createSender({
		sql,
		channels,
		pollMs: config.TALON_NOTICE_POLL_MS,
		ratePerSecond: config.TALON_NOTICE_RATE,
		node: `${hostname()}:${process.pid}`
	});
}

/**
 * The notices of the running server: the reminder job, and the sending as `TALON_NOTICE_SENDER`
 * says — in this process (`inline`), in a child process this one starts and restarts
 * (`process`), or elsewhere (`off`). The outbox's claim (`for update skip locked`) makes any
 * number of senders safe on one PostgreSQL; the embedded database is one process, so only
 * `inline` works there.
 */
export async function startNotices(
	sql: Sql,
	config: Config,
	database: 'server' | 'embedded'
): Promise<{ sending: NoticeSending; jobs: Job[] }> {
	const mode = config.TALON_NOTICE_SENDER;
	if (mode !== 'inline' && database === 'embedded') {
		throw new NoticeSenderError(
			`TALON_NOTICE_SENDER=${mode} needs a PostgreSQL server (DATABASE_URL): the embedded database is one process, so its server sends the notices itself (TALON_NOTICE_SENDER=inline)`
		);
	}
	if (mode === 'off') {
		log.info('notices are written here and sent by another process (TALON_NOTICE_SENDER=off: run `talon notices send`)');
		return { sending: { kick() {}, async stop() {} }, jobs: noticeJobs };
	}
	if (mode === 'process') return { sending: senderChild(config), jobs: noticeJobs };
	const sender = await configuredSender(sql, config);
	sender.start();
	return { sending: sender, jobs: noticeJobs };
}

/**
 * `talon notices send` as a child of this server, with the same settings (the environment).
 * Restarted when it exits (1 s, doubling to 30 s, back to 1 s after a minute of running);
 * stopped with SIGTERM, which lets it finish the round in flight (its claims commit before each
 * send, so a kill loses nothing and sends nothing twice: sender.ts). It wakes every
 * `TALON_NOTICE_POLL_MS`: a command's notice leaves within that, not at once as inline.
 */
function senderChild(config: Config): NoticeSending {
	const bin = resolve(projectRoot(), 'bin/talon.js');
	// The child reads its settings from its environment: exactly this server's settings (all of
	// them scalars that read back as they were given).
	const env = Object.fromEntries(
		Object.entries(config)
			.filter(([, v]) => v !== undefined && v !== null)
			.map(([k, v]) => [k, String(v)])
	);
	let child: ChildProcess | null = null;
	let stopping = false;
	let delay = 1000;
	let restart: ReturnType<typeof setTimeout> | null = null;
	const run = () => {
		const startedAt = Date.now();
		const c = spawn(process.execPath, [bin, 'notices', 'send'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
		child = c;
		log.info({ pid: c.pid }, 'notice sender process started');
		c.once('exit', (code, signal) => {
			child = null;
			if (stopping) return;
			if (Date.now() - startedAt > 60_000) delay = 1000;
			log.warn({ code, signal, restartInSec: delay / 1000 }, 'the notice sender process ended; starting it again');
			restart = setTimeout(run, delay);
			delay = Math.min(delay * 2, 30_000);
		});
	};
	run();
	return {
		kick() {},
		pid: () => child?.pid,
		async stop() {
			stopping = true;
			if (restart) clearTimeout(restart);
			const c = child;
			if (!c) return;
			const ended = new Promise<void>((r) => c.once('exit', () => r()));
			c.kill('SIGTERM');
			const killer = setTimeout(() => c.kill('SIGKILL'), 10_000);
			await ended;
			clearTimeout(killer);
		}
	};
}
