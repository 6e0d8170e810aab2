// Talon in production: one HTTP server carrying the SvelteKit app (adapter-node's handler) and
// Socket.IO, on PORT (default 3000) and HOST (default 0.0.0.0). Serves the build in `build/`;
// where the build tools are installed (a clone after `npm install`) it builds first when the
// build is missing or older than the sources, so a newcomer's `npm install && npm start` works.
// A production install (`npm install --omit=dev`) has no build tools and never builds.
import { createServer } from 'node:http';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { Server } from 'socket.io';
// Plain JavaScript shared with the app: the settings are checked before anything starts.
import { parseSettings, SettingsError } from './src/lib/server/settings.js';

/** @type {import('./src/lib/server/settings.js').Settings} */
let settings;
try {
	settings = parseSettings(process.env);
} catch (e) {
	if (!(e instanceof SettingsError)) throw e;
	for (const line of e.lines) console.error(`[talon] ${line}`);
	process.exit(1);
}

// Signals are handled from the first line: a stop requested while the database is opening
// still closes it cleanly (some libraries install signal handlers of their own during start).
let markStarted;
let stopping = false;
const started = new Promise((r) => (markStarted = r));
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

const root = dirname(fileURLToPath(import.meta.url));
process.chdir(root);
const { PORT: port, HOST: host } = settings;
// adapter-node reads these itself when its handler is imported: hand it the checked values
// (ORIGIN defaults to what a newcomer opens, so form posts pass its origin check).
for (const name of ['ORIGIN', 'ADDRESS_HEADER', 'XFF_DEPTH', 'PROTOCOL_HEADER', 'HOST_HEADER', 'PORT_HEADER', 'BODY_SIZE_LIMIT']) {
	const value = settings[name];
	if (value === undefined) delete process.env[name];
	else process.env[name] = String(value);
}

/** Newest modification time under a folder (a source change after the last build means rebuild). */
function newest(dir) {
	let t = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, entry.name);
		t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
	}
	return t;
}
const buildDir = resolve(root, settings.TALON_BUILD_DIR);
const handlerFile = join(buildDir, 'handler.js');
// Vite is a dev dependency: present in a developer's clone, absent from a production install.
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const canBuild = existsSync(vite);
if (!existsSync(handlerFile) && !canBuild) {
	console.error(
		`[talon] there is no build in ${buildDir} and the build tools are not installed (npm install --omit=dev). ` +
			'Build where the dev dependencies are (npm install && npm run build) and ship the build with the app: see docs/deploy.md'
	);
	process.exit(1);
}
const stale =
	!existsSync(handlerFile) ||
	(canBuild && settings.TALON_REBUILD && existsSync(join(root, 'src')) && newest(join(root, 'src')) > statSync(handlerFile).mtimeMs);
if (stale) {
	console.log('[talon] building the app (first start or changed sources; about a minute)...');
	const built = spawnSync(process.execPath, [vite, 'build'], { stdio: 'inherit' });
	if (built.status !== 0) {
		console.error('[talon] the build failed; see the messages above');
		process.exit(1);
	}
}

let sveltekit = (req, res) => {
	// ops: while starting, the process answers (liveness) but is not ready (see src/routes/readyz).
	if (req.url === '/healthz') {
		res.setHeader('content-type', 'application/json');
		res.end('{"status":"starting"}');
		return;
	}
	res.statusCode = 503;
	res.setHeader('retry-after', '2');
	res.end('Talon is starting');
};
const httpServer = createServer((req, res) => sveltekit(req, res));
const io = new Server(httpServer, { serveClient: false });
globalThis.__talonIo = io;

try {
	// Importing the handler runs SvelteKit's init hook: database, migrations, demo data, sockets.
	const { handler } = await import(pathToFileURL(handlerFile).href);
	sveltekit = handler;
} catch (e) {
	console.error(`[talon] cannot start: ${e?.message ?? e}`);
	process.exit(1);
}

httpServer.listen(port, host, () => {
	console.log(`[talon] listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
	markStarted();
});
httpServer.on('error', (e) => {
	console.error(`[talon] cannot listen on ${host}:${port}: ${e.message}`);
	process.exit(1);
});

async function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`[talon] ${signal}: finishing running commands and stopping`);
	// A signal during start-up waits for the start to finish, then stops cleanly.
	await started;
	const force = setTimeout(() => {
		console.error('[talon] stop took longer than 15 s; exiting');
		process.exit(1);
	}, 15_000);
	force.unref();
	httpServer.close();
	httpServer.closeIdleConnections?.();
	try {
		await globalThis.__talonStop?.();
	} catch (e) {
		console.error(`[talon] error while stopping: ${e?.message ?? e}`);
	}
	process.exit(0);
}
