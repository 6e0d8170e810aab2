import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStore, prepareStore, withStore, type SeedResult, type Sql, type Store, type StoreOptions } from './database';

/**
 * One Talon server for an end-to-end test: the production server (`server.js`) on a port the OS
 * chose, on a database of its own, from the one build the suite made before the run
 * (global-setup.ts; `TALON_REBUILD=0`, so no start ever rebuilds). Everything it prints is kept,
 * so a failing test can show it (fixture.ts).
 */
export interface TalonOptions<T> extends StoreOptions {
	/**
	 * Prepares the database before the first start: migrations, the demo office, then this.
	 * `false`: leave it untouched, so the server's own first start does it (embedded: migrations
	 * and the demo office, whose tokens it prints).
	 */
	seed?: ((sql: Sql, demo: SeedResult) => Promise<T>) | false;
	/** More environment for the server (after the harness's own: PORT, ORIGIN, the database...). */
	env?: Record<string, string>;
	/** How long a start may take before it counts as failed. Default 120 s (a busy 2-core machine). */
	startTimeoutMs?: number;
}

export interface TalonServer<T = undefined> {
	/** `http://127.0.0.1:<port>`; the same across restarts, so open pages reconnect by themselves. */
	readonly url: string;
	readonly port: number;
	readonly store: Store;
	/** The demo office the harness seeded (passwords, device tokens); null with `seed: false`. */
	readonly demo: SeedResult | null;
	/** What the test's seed returned. */
	readonly data: T;
	readonly running: boolean;
	/** Everything the server printed (stdout and stderr), across its starts. */
	log(): string;
	/** SIGTERM, as a service manager stops it; resolves with the exit code. */
	stop(): Promise<number | null>;
	/** SIGKILL: a power cut. */
	kill9(): Promise<void>;
	/** Starts it again (after stop or kill9) on the same port and data. */
	start(): Promise<void>;
	restart(): Promise<void>;
	/** Runs `fn` on the server's database; an embedded one is held by the server, so it is stopped meanwhile. */
	withDatabase<R>(fn: (sql: Sql) => Promise<R>): Promise<R>;
	/** Stops it and removes the database or temp folder the harness made for it. */
	dispose(): Promise<void>;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Every server this process started, so a failing test can print the logs of those it used. */
export const startedServers: TalonServer<unknown>[] = [];

const live = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of live) child.kill('SIGKILL');
});

/** A port the OS has just handed out (listen on 0). Another process may take it before the server binds it: see `launch`. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

export async function startTalon<T = undefined>(opts: TalonOptions<T> = {}): Promise<TalonServer<T>> {
	const began = Date.now();
	const prepared = await createStore(opts);
	let demo: SeedResult | null = null;
	let data = undefined as T;
	try {
		if (opts.seed !== false) ({ demo, data } = await prepareStore(prepared.store, opts.seed || undefined));
	} catch (e) {
		await prepared.remove();
		throw e;
	}
	const store = prepared.store;
	const timeoutMs = opts.startTimeoutMs ?? 120_000;
	const where = store.kind === 'server' ? `database ${new URL(store.url).pathname.slice(1)}` : `embedded database in ${store.dataDir}`;
	let out = `--- [e2e harness] ${where}${opts.seed === false ? '' : `, prepared in ${((Date.now() - began) / 1000).toFixed(1)} s`} ---`;
	let child: ChildProcess | null = null;
	let exited: Promise<number | null> = Promise.resolve(null);
	let port = 0;

	const env = (): NodeJS.ProcessEnv => {
		const url = `http://127.0.0.1:${port}`;
		const e: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: url, TALON_REBUILD: '0' };
		delete e.TEST_DATABASE_URL;
		if (store.kind === 'server') Object.assign(e, { DATABASE_URL: store.url });
		else Object.assign(e, { DATABASE_URL: '', TALON_DATA_DIR: store.dataDir });
		// A database the harness prepared already holds the demo office; never seed a second one.
		if (opts.seed !== false) e.TALON_DEMO = '0';
		return { ...e, ...opts.env };
	};

	/** Starts the process; resolves once the app answers, or fails with its log. */
	async function launch(): Promise<void> {
		const from = out.length;
		const launched = Date.now();
		out += `\n--- [e2e harness] starting the server on port ${port} ---\n`;
		const proc = spawn(process.execPath, ['server.js'], { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
		child = proc;
		live.add(proc);
		const echo = process.env.TALON_E2E_ECHO === '1';
		for (const stream of [proc.stdout!, proc.stderr!]) {
			stream.setEncoding('utf8');
			stream.on('data', (d: string) => {
				out += d;
				if (echo) process.stderr.write(d);
			});
		}
		exited = new Promise((resolve) =>
			proc.once('exit', (code, signal) => {
				live.delete(proc);
				out += `--- [e2e harness] the server exited (${signal ?? `code ${code}`}) ---\n`;
				resolve(code);
			})
		);
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (proc.exitCode !== null || proc.signalCode !== null) {
				await exited;
				throw new StartFailed(out.slice(from));
			}
			// The app answers 503 while it opens the database; 200 once SvelteKit's init is done.
			const ok = await fetch(`http://127.0.0.1:${port}/api/v1/offices`, { signal: AbortSignal.timeout(5000) }).then(
				(r) => r.ok,
				() => false
			);
			if (ok) {
				out += `--- [e2e harness] the server answered after ${((Date.now() - launched) / 1000).toFixed(1)} s ---\n`;
				return;
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		proc.kill('SIGKILL');
		await exited;
		throw new Error(`the Talon test server did not answer within ${timeoutMs / 1000} s; its log:\n${tail(out.slice(from))}`);
	}

	const server: TalonServer<T> = {
		get url() {
			return `http://127.0.0.1:${port}`;
		},
		get port() {
			return port;
		},
		store,
		demo,
		data,
		get running() {
			return child !== null && child.exitCode === null && child.signalCode === null;
		},
		log: () => out,
		stop() {
			if (!server.running) return exited;
			child!.kill('SIGTERM');
			return exited;
		},
		async kill9() {
			if (!server.running) return;
			child!.kill('SIGKILL');
			await exited;
		},
		async start() {
			if (server.running) throw new Error('the Talon test server is already running');
			await launch();
		},
		async restart() {
			await server.stop();
			await launch();
		},
		async withDatabase(fn) {
			if (store.kind === 'server') return withStore(store, fn);
			const wasRunning = server.running;
			await server.stop();
			try {
				return await withStore(store, fn);
			} finally {
				if (wasRunning) await launch();
			}
		},
		async dispose() {
			await server.stop();
			await prepared.remove();
		}
	};

	// The OS named a free port a moment ago; if someone took it meanwhile, take another.
	for (let attempt = 1; ; attempt++) {
		port = await freePort();
		try {
			await launch();
			break;
		} catch (e) {
			if (e instanceof StartFailed && /EADDRINUSE/.test(e.log) && attempt < 5) continue;
			await prepared.remove();
			throw e;
		}
	}
	startedServers.push(server as TalonServer<unknown>);
	return server;
}

class StartFailed extends Error {
	constructor(public log: string) {
		super(`the Talon test server exited before it answered; its log:\n${tail(log)}`);
	}
}

/** The last lines of a log, enough to see why a start failed without flooding the report. */
export function tail(log: string, lines = 80): string {
	const all = log.trimEnd().split('\n');
	return (all.length > lines ? [`[… ${all.length - lines} earlier lines]`, ...all.slice(-lines)] : all).join('\n');
}
