import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

/**
 * Keeps the edges thin (DESIGN: routes authenticate, validate, call a server module, map errors):
 * no SQL under src/routes, nothing a browser loads reaches into $lib/server (not even for a
 * type: view types live in $lib), and no route's server code swallows a failure.
 */
function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = join(dir, e.name);
		return e.isDirectory() ? files(p) : [p];
	});
}

const source = (f: string) => /\.(ts|js|svelte)$/.test(f);
const isTest = (f: string) => /\.test\.ts$/.test(f);

/** A postgres.js tagged template (`sql\`…\``, `db.sql<Row[]>\`…\``, `tx\`…\``) or its escape hatch. */
const SQL = /\b(?:sql|tx)(?:<[^`;]*>)?`|\bsql\.(?:unsafe|begin)\(/;

/** Every module a file imports, resolved to a path under src when it is `$lib/…` or relative. */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => {
		const spec = m[1]!;
		if (spec.startsWith('$lib/')) return join('src/lib', spec.slice('$lib/'.length));
		if (spec.startsWith('.')) return normalize(join(dirname(file), spec));
		return spec;
	});
}

const intoServer = (target: string) => target === join('src', 'lib', 'server') || target.startsWith(join('src', 'lib', 'server') + sep);

/** What runs in a browser: every component, universal loads, and $lib modules outside $lib/server. */
function browserFiles(): string[] {
	const components = files('src').filter((f) => f.endsWith('.svelte'));
	const universal = files('src/routes').filter((f) => /^\+(page|layout)\.(ts|js)$/.test(f.split(sep).pop()!));
	const shared = files('src/lib').filter((f) => source(f) && !isTest(f) && !f.endsWith('.svelte') && !intoServer(f));
	return [...components, ...universal, ...shared];
}

/** Server code of a route: `+page.server.ts`, `+layout.server.ts`, `+server.ts`. */
const routeServerFiles = () =>
	files('src/routes').filter((f) => /^\+(page\.server|layout\.server|server)\.(ts|js)$/.test(f.split(sep).pop()!));

describe('thin edges', () => {
	it('no file under src/routes holds SQL: queries live in $lib/server', () => {
		const offenders = files('src/routes')
			.filter(source)
			.flatMap((f) =>
				readFileSync(f, 'utf8')
					.split('\n')
					.flatMap((line, i) => (SQL.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : []))
			);
		expect(offenders).toEqual([]);
	});

	it('nothing a browser loads imports $lib/server, not even a type', () => {
		const offenders = browserFiles().flatMap((f) =>
			importsOf(f)
				.filter(intoServer)
				.map((t) => `${f} -> ${relative('src/lib', t)}`)
		);
		expect(offenders).toEqual([]);
	});

	it('no route swallows a failure with an empty .catch', () => {
		const swallow = /\.catch\(\s*\(\)\s*=>\s*(?:\{\s*\}|\[\]|null|undefined)\s*\)/;
		const offenders = routeServerFiles().filter((f) => swallow.test(readFileSync(f, 'utf8')));
		expect(offenders).toEqual([]);
	});

	it('the checks see what they look for', () => {
		// So an empty result above means a clean tree, not a broken pattern.
		expect(SQL.test('const [d] = await db.sql<{ officeId: number }[]>`select 1`')).toBe(true);
		expect(SQL.test('await tx`update desks set state = ${s}`')).toBe(true);
		expect(SQL.test('const sql = postgres(url)')).toBe(false);
		expect(browserFiles().some((f) => f.endsWith(join('routes', 'desk', '+page.svelte')))).toBe(true);
		expect(importsOf('src/routes/desk/+page.server.ts').some(intoServer)).toBe(true);
		expect(routeServerFiles().some((f) => f.endsWith(join('book', '[office]', '+page.server.ts')))).toBe(true);
	});
});
