// The desk/login tests' own server: server.js without its "rebuild when src changed" step, so a
// run is not slowed down (or raced) by edits landing in src/ meanwhile; it serves the build the
// Playwright webServer has just made (TALON_BUILD_DIR).
import { createServer } from 'node:http';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Server } from 'socket.io';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(root);
const port = Number(process.env.PORT);
let sveltekit = (_req, res) => {
	res.statusCode = 503;
	res.end('starting');
};
const httpServer = createServer((req, res) => sveltekit(req, res));
const io = new Server(httpServer, { serveClient: false });
globalThis.__talonIo = io;
const { handler } = await import(pathToFileURL(join(root, process.env.TALON_BUILD_DIR || 'build', 'handler.js')).href);
sveltekit = handler;
httpServer.listen(port, '127.0.0.1');
const stop = async () => {
	httpServer.close();
	await globalThis.__talonStop?.();
	process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
