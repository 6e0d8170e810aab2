// Talon in production: one HTTP server carrying the SvelteKit app (adapter-node's handler) and
// Socket.IO, on PORT (default 3000) and HOST (default 0.0.0.0). Builds the app first when
// `build/` is missing, so `npm install && npm start` works on a fresh clone.
import { createServer } from 'node:http';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { Server } from 'socket.io';

// Signals are handled from the first line: a stop requested while the database is opening
// still closes it cleanly (some libraries install signal handlers of their own during start).
let markStarted;
let stopping = false;
const started = new Promise((r) => (markStarted = r));
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

const root = dirname(fileURLToPath(import.meta.url));
process.chdir(root);
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
// adapter-node checks form posts against ORIGIN; default to what a newcomer opens.
process.env.ORIGIN ??= `http://localhost:${port}`;

/** Newest modification time under a folder (a source change after the last build means rebuild). */
function newest(dir) {
	let t = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, entry.name);
		t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
	}
	return t;
}
const buildDir = join(root, process.env.TALON_BUILD_DIR || 'build');
const handlerFile = join(buildDir, 'handler.js');
// TALON_REBUILD=0 uses whatever build exists (e.g. a test starting a second server from the same build).
const stale =
	!existsSync(handlerFile) ||
	(process.env.TALON_REBUILD !== '0' && existsSync(join(root, 'src')) && newest(join(root, 'src')) > statSync(handlerFile).mtimeMs);
if (stale) {
	console.log('[talon] building the app (first start or changed sources; about a minute)...');
	const built = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { stdio: 'inherit' });
	if (built.status !== 0) {
		console.error('[talon] the build failed; see the messages above');
		process.exit(1);
	}
}

let sveltekit = (_req, res) => {
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
