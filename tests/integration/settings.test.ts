import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { settingsShape, settingsTable } from '../../src/lib/server/settings.js';

/**
 * Settings are read in one place (src/lib/server/settings.js), documented from there, and an
 * invalid one stops `npm start` with one line before anything else happens.
 */
const root = join(import.meta.dirname, '..', '..');

function files(dir: string, keep: (path: string) => boolean): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = join(dir, name);
		return statSync(p).isDirectory() ? files(p, keep) : keep(p) ? [p] : [];
	});
}

describe('settings are documented', () => {
	it("the README's table is the one generated from the settings (npm run settings:table)", () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		const block = readme.match(/<!-- settings:begin[^>]*-->\n([\s\S]*?)\n<!-- settings:end -->/)?.[1];
		expect(block, 'README.md has the settings block').toBeDefined();
		for (const name of Object.keys(settingsShape)) expect(block, `README lists ${name}`).toContain(`| \`${name}\` |`);
		expect(block, 'the README table is stale: run npm run settings:table').toBe(settingsTable());
	});

	it('no code of the server reads process.env itself: every variable goes through the settings', () => {
		const code = [
			...files(join(root, 'src'), (p) => /\.(ts|js|svelte)$/.test(p) && !/\.test\.ts$/.test(p)),
			...files(join(root, 'bin'), (p) => p.endsWith('.js')),
			join(root, 'server.js')
		];
		// Allowed: the settings themselves, and Vite's dev plugin asking whether it runs under Vitest.
		const allowed: Record<string, RegExp> = {
			'src/lib/server/config.ts': /process\.env\b/,
			'src/lib/server/realtime/vite-plugin.ts': /process\.env\.VITEST\b/,
			// server.js hands the checked values to adapter-node, which reads them itself.
			'server.js': /parseSettings\(process\.env\)|(delete )?process\.env\[name\]/
		};
		const stray: string[] = [];
		for (const file of code) {
			const rel = relative(root, file);
			readFileSync(file, 'utf8')
				.split('\n')
				.forEach((line, i) => {
					if (!/process\.env\b/.test(line) || line.trim().startsWith('//') || line.trim().startsWith('*')) return;
					if (allowed[rel] && allowed[rel]!.test(line)) return;
					stray.push(`${rel}:${i + 1}: ${line.trim()}`);
				});
		}
		expect(stray, 'read it with config().NAME and declare it in src/lib/server/settings.js').toEqual([]);
	});

	it('what the kiosk agent reads from the environment is documented', () => {
		const docs = readFileSync(join(root, 'README.md'), 'utf8') + readFileSync(join(root, 'kiosk', 'README.md'), 'utf8');
		const names = files(join(root, 'kiosk'), (p) => p.endsWith('.ts')).flatMap((f) =>
			[...readFileSync(f, 'utf8').matchAll(/\benv\.([A-Z0-9_]+)/g)].map((m) => m[1]!)
		);
		expect(names.length).toBeGreaterThan(0);
		// Hooks for the agent's own tests are not settings.
		for (const name of names.filter((n) => !/_TEST_/.test(n))) expect(docs, `${name} is documented`).toContain(name);
	});
});

describe('npm start with a bad setting', () => {
	const start = (env: Record<string, string>, cwd = root) =>
		spawnSync(process.execPath, ['server.js'], { cwd, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 30_000 });

	it('stops before anything else, with one line naming the variable, and exit code 1', () => {
		const r = start({ PORT: 'abc' });
		expect(r.status).toBe(1);
		expect(r.stderr).toBe('[talon] invalid setting PORT="abc": expected a port number 1–65535\n');
		expect(r.stdout).toBe('');
	});

	it('a password in an invalid DATABASE_URL is not printed', () => {
		const r = start({ DATABASE_URL: 'mysql://talon:s3cret@db/talon', XFF_DEPTH: '0' });
		expect(r.status).toBe(1);
		expect(r.stderr.trim().split('\n')).toEqual([
			'[talon] invalid setting XFF_DEPTH="0": expected a whole number 1–10',
			'[talon] invalid setting DATABASE_URL="mysql://talon:***@db/talon": expected a postgres:// or postgresql:// URL'
		]);
	});

	it('a production install without a build says where the build comes from instead of trying to build', () => {
		// server.js and what it imports, without Vite (a dev dependency) and without a build.
		const dir = mkdtempSync(join(tmpdir(), 'talon-nobuild-'));
		try {
			cpSync(join(root, 'server.js'), join(dir, 'server.js'));
			cpSync(join(root, 'package.json'), join(dir, 'package.json'));
			mkdirSync(join(dir, 'src', 'lib', 'server'), { recursive: true });
			cpSync(join(root, 'src', 'lib', 'server', 'settings.js'), join(dir, 'src', 'lib', 'server', 'settings.js'));
			mkdirSync(join(dir, 'node_modules'));
			for (const dep of ['zod', 'socket.io']) symlinkSync(join(root, 'node_modules', dep), join(dir, 'node_modules', dep));
			const r = start({ PORT: '5299' }, dir);
			expect(r.stderr).toContain('there is no build in');
			expect(r.stderr).toContain('docs/deploy.md');
			expect(r.stdout).not.toContain('building the app');
			expect(r.status).toBe(1);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
