import type { Plugin } from 'vite';
import { Server } from 'socket.io';

/**
 * `npm run dev`: Socket.IO on Vite's own HTTP server (one port, as in production). The app
 * (database, engine, socket handlers) is started through Vite's SSR loader, so it is the same
 * module instance SvelteKit's pages use. This file is loaded by vite.config.ts: relative
 * imports only.
 */
export function talonSocketDev(): Plugin {
	return {
		name: 'talon-socket-dev',
		apply: 'serve',
		configureServer(server) {
			if (!server.httpServer || process.env.VITEST) return;
			const io = new Server(server.httpServer);
			(globalThis as { __talonIo?: Server }).__talonIo = io;
			server.httpServer.once('listening', async () => {
				const app = (await server.ssrLoadModule('/src/lib/server/app.ts')) as { startTalon: () => Promise<unknown> };
				await app.startTalon();
			});
		}
	};
}
