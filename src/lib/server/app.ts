import { resolve } from 'node:path';
import type { Server } from 'socket.io';
import { connect, type Database } from './db/connect';
import { DataDirBusy } from './db/embedded';
import { loadMigrations, migrate } from './db/migrate';
import { migrationsDir } from './db/paths';
import { config as readSettings, ConfigError, type Config } from './config';
import { trustProxyOnSockets } from './client-address';
import { drainCommands, type EngineContext } from './queue';
import { createPublisher, socketSender } from './realtime/publisher';
import { attachRealtime } from './realtime/server';
import { formatSeedResult, isEmpty, seedDemo } from './demo/seed';
import { seedHistory } from './demo/history';
import { log } from './log';
import { bookingJobs } from './booking/jobs';
import { startJobs } from './jobs/scheduler';
import { engineHooks } from './engine-hooks';
// reports (issue 12): the nightly expiry of tickets left over from a past day
import { reportJobs } from './reports/jobs';
import { installCrashGuards } from './crash-guard';

/**
 * The running server's shared pieces: the database, the engine context (with the publisher
 * that sends committed events to Socket.IO) and the stop sequence. Started once per process,
 * from SvelteKit's `init` hook (production) or the Vite plugin (dev).
 */
export interface TalonApp {
	db: Database;
	ctx: EngineContext;
	stop(): Promise<void>;
}

type Globals = { __talonIo?: Server; __talonApp?: Promise<TalonApp>; __talonStop?: () => Promise<void> };
const g = globalThis as Globals;

export class StartupError extends Error {}

export function startTalon(): Promise<TalonApp> {
	g.__talonApp ??= boot().catch((e) => {
		g.__talonApp = undefined;
		throw e;
	});
	return g.__talonApp;
}

/** The app, for routes: awaits the start that the server began. */
export const app = startTalon;

async function boot(): Promise<TalonApp> {
	installCrashGuards();
	let config: Config;
	try {
		config = readSettings();
	} catch (e) {
		throw e instanceof ConfigError ? new StartupError(e.message) : e;
	}
	let db: Database;
	try {
		const txWaitMs = config.TALON_TX_WAIT_MS;
		db = await connect(
			config.DATABASE_URL ? { url: config.DATABASE_URL, max: config.TALON_DB_POOL, txWaitMs } : { dataDir: config.TALON_DATA_DIR, txWaitMs }
		);
		await db.sql`select 1`;
	} catch (e) {
		if (e instanceof DataDirBusy) {
			throw new StartupError(
				`The embedded database in ${resolve(config.TALON_DATA_DIR)} is held by another Talon process. Stop it, or set DATABASE_URL.`
			);
		}
		throw new StartupError(
			`Cannot open the database (${config.DATABASE_URL ? 'DATABASE_URL' : config.TALON_DATA_DIR}): ${(e as Error).message}`
		);
	}
	log.info(
		db.kind === 'embedded'
			? { database: 'embedded PostgreSQL (PGlite)', data: resolve(db.location) }
			: { database: 'PostgreSQL server', url: db.location },
		'database'
	);
	try {
		const { applied } = await migrate(db.sql, loadMigrations(migrationsDir()));
		if (applied.length) log.info({ applied: applied.join(', ') }, 'migrations applied');
	} catch (e) {
		await db.close().catch(() => {});
		throw new StartupError((e as Error).message);
	}
	if (await isEmpty(db.sql)) {
		if (db.kind === 'embedded' && config.TALON_DEMO) {
			const seeded = await seedDemo(db.sql);
			console.log(formatSeedResult(seeded));
			// reports (issue 12): two past weeks, so a newcomer's reports are filled at once
			// (~2,200 tickets in bulk; 21 days took 4.5 s on PGlite on a machine at load 17).
			const history = await seedHistory(db.sql, { officeId: seeded.officeId, days: 14 });
			log.info({ tickets: history.tickets, days: history.days, ms: history.ms }, 'demo history');
		} else {
			log.warn('the database has no office yet: run `npx talon seed` for demo data');
		}
	}

	const io = g.__talonIo;
	const publisher = createPublisher(io ? socketSender(io) : () => {});
	for (const o of await db.sql<{ id: number; lastSeq: number }[]>`select id, last_seq from offices`) publisher.prime(o.id, o.lastSeq);
	const ctx: EngineContext = { sql: db.sql, publish: (events) => publisher.publish(events), hooks: engineHooks };
	if (io) {
		// First, so every socket handler sees the client's address behind a proxy too.
		trustProxyOnSockets(io);
		attachRealtime(io, { sql: db.sql, ctx });
	}
	// Scheduled jobs (croner), each run once across nodes under its advisory lock.
	const jobs = startJobs(db.sql, [...bookingJobs, ...reportJobs(ctx.publish)]);

	let stopping: Promise<void> | null = null;
	const stop = () =>
		(stopping ??= (async () => {
			jobs.stop();
			await drainCommands();
			if (io) await new Promise<void>((r) => io.close(() => r()));
			await db.close();
		})());
	g.__talonStop = stop;
	return { db, ctx, stop };
}
