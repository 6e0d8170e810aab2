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
import { startPresenceStore } from './live/presence-store';
import { startCluster, type Cluster } from './realtime/cluster';
import { formatSeedResult, isEmpty, seedDemo } from './demo/seed';
import { seedHistory } from './demo/history';
import { log } from './log';
import { bookingJobs } from './booking/jobs';
import { rateLimitJobs, shareBookingLimits } from './booking/rate-limit';
import { startJobs } from './jobs/scheduler';
import { engineHooks } from './engine-hooks';
// reports (issue 12): the nightly expiry of tickets left over from a past day
import { reportJobs } from './reports/jobs';
import { installCrashGuards } from './crash-guard';
// admin: revoking a device or disabling a user ends its open sockets
import { noSockets, socketControl, type SocketControl } from './realtime/control';
// notices (issue 13)
import { startNotices } from './notices/start';
// ops (issue 14): metrics, the database watch, backups of the embedded database
import { setLiveSources } from './ops/metrics';
import { watchDatabase } from './ops/db-watch';
import { serveBackupRequests } from './ops/backup';
import { printers } from './kiosk/printer-status';
import { isKioskAgent, type TalonServer } from './realtime/on';

/**
 * The running server's shared pieces: the database, the engine context (with the publisher
 * that sends committed events to Socket.IO) and the stop sequence. Started once per process,
 * from SvelteKit's `init` hook (production) or the Vite plugin (dev).
 */
export interface TalonApp {
	db: Database;
	ctx: EngineContext;
	stop(): Promise<void>;
	/** admin: the open connections (none without a Socket.IO server). */
	sockets?: SocketControl;
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
		const connectTimeoutMs = config.TALON_DB_CONNECT_TIMEOUT_MS;
		db = await connect(
			config.DATABASE_URL
				? { url: config.DATABASE_URL, max: config.TALON_DB_POOL, txWaitMs, connectTimeoutMs }
				: { dataDir: config.TALON_DATA_DIR, txWaitMs }
		);
		await db.sql`select 1`;
	} catch (e) {
		if (e instanceof DataDirBusy) {
			throw new StartupError(
				`The embedded database in ${resolve(config.TALON_DATA_DIR)} is held by another Talon process${e.pid ? ` (pid ${e.pid})` : ''}. ` +
					'The embedded database serves one process only: stop the other one, or run several nodes on a PostgreSQL server (DATABASE_URL; see docs/deploy.md).'
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
	// scale (issue 14): on a PostgreSQL server every node follows the event log (./realtime/cluster.ts),
	// so a gap is filled from the log at once; the embedded database is one process.
	let cluster: Cluster | null = null;
	const publisher = createPublisher(io ? socketSender(io) : () => {}, { onGap: (officeId) => void cluster?.catchUp(officeId) });
	for (const o of await db.sql<{ id: number; lastSeq: number }[]>`select id, last_seq from offices`) publisher.prime(o.id, o.lastSeq);
	// notices (issue 13): the outbox sender; a command's commit wakes it (it may have written notices).
	let notices: Awaited<ReturnType<typeof startNotices>>;
	try {
		notices = await startNotices(db.sql, config, db.kind);
	} catch (e) {
		await db.close().catch(() => {});
		throw new StartupError((e as Error).message);
	}
	const ctx: EngineContext = {
		sql: db.sql,
		publish: (events) => {
			publisher.publish(events);
			notices.sending.kick();
		},
		hooks: engineHooks
	};
	if (db.kind === 'server') cluster = await startCluster({ sql: db.sql, io: io ?? null, publisher });
	// scale (issue 14): which devices are connected here, written for every node's live dashboard.
	const presenceStore = startPresenceStore(db.sql, { node: cluster?.nodeId });
	if (io) {
		// First, so every socket handler sees the client's address behind a proxy too.
		trustProxyOnSockets(io);
		attachRealtime(io, { sql: db.sql, ctx, emit: cluster?.emit, presenceStore });
	}
	// ops: what /metrics reads from this process (its sockets, the printers its agents report).
	setLiveSources({
		sockets: () =>
			io
				? [...(io as TalonServer).of('/').sockets.values()].map((s) => {
						const p = s.data.principal;
						if (!p) return { kind: 'connecting' };
						if (p.kind !== 'device') return { kind: p.kind };
						const kind = p.device.kind === 'kiosk' && isKioskAgent(s) ? 'kiosk_agent' : p.device.kind;
						return { kind, deviceId: p.device.deviceId };
					})
				: [],
		printerState: (deviceId) => printers.get(deviceId).state
	});
	// ops: open screens hear when a database server goes out of reach and when it is back.
	const dbWatch =
		db.kind === 'server'
			? watchDatabase(db.sql, {
					onChange: (up) => {
						if (up) log.info('the database answers again');
						else log.warn('the database is unreachable: screens are told they are offline');
						io?.emit('server:database', { up });
					}
				})
			: null;
	// ops: `talon backup` of the embedded database while this server holds it (SIGUSR2).
	const dump = db.dump;
	const stopBackups = dump && !db.location.startsWith('memory://') ? serveBackupRequests(db.location, dump, (m) => log.info(m)) : null;
	// Scheduled jobs (croner), each run once across nodes under its advisory lock.
	// scale (issue 14): booking rate limits counted in the database, shared by every node.
	shareBookingLimits(db.sql);
	const jobs = startJobs(db.sql, [...bookingJobs, ...rateLimitJobs, ...reportJobs(ctx.publish), ...notices.jobs]);

	let stopping: Promise<void> | null = null;
	const stop = () =>
		(stopping ??= (async () => {
			jobs.stop();
			dbWatch?.stop();
			stopBackups?.();
			await drainCommands();
			await notices.sending.stop();
			await presenceStore.stop();
			await cluster?.stop();
			if (io) await new Promise<void>((r) => io.close(() => r()));
			await db.close();
		})());
	g.__talonStop = stop;
	return { db, ctx, stop, sockets: io ? socketControl(io, cluster?.end) : noSockets };
}
