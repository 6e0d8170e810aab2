import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTemplate } from './database';

/**
 * The one build of a run, made before any test starts a server: every server then starts with
 * TALON_REBUILD=0, so none rebuilds in the middle of the run (slow, and racing edits that land
 * in src/ meanwhile). It builds only when there is no build yet or a source is newer than it.
 * TALON_BUILD_DIR / TALON_KIT_DIR keep two checkouts' or two people's builds apart.
 * Without TEST_DATABASE_URL it also makes the embedded database the servers start from a copy of.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function newest(path: string): number {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let t = st.mtimeMs;
	for (const entry of readdirSync(path)) t = Math.max(t, newest(join(path, entry)));
	return t;
}

export default async function globalSetup(): Promise<() => void> {
	build();
	if (process.env.TEST_DATABASE_URL) return () => {};
	const started = Date.now();
	const removeTemplate = await createTemplate();
	console.log(`[e2e] made the embedded template database in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return removeTemplate;
}

function build(): void {
	const buildDir = process.env.TALON_BUILD_DIR || 'build';
	const handler = join(root, buildDir, 'handler.js');
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts'].map((p) => newest(join(root, p)));
	const builtAt = existsSync(handler) ? statSync(handler).mtimeMs : 0;
	if (builtAt > Math.max(...sources)) {
		console.log(`[e2e] using the build in ${buildDir}/ (newer than the sources)`);
		return;
	}
	console.log(`[e2e] building the app into ${buildDir}/ once for this run...`);
	const started = Date.now();
	const built = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (built.status !== 0) throw new Error(`the build failed (vite build exited with ${built.status}); see above`);
	console.log(`[e2e] built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
