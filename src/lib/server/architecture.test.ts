import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

/**
 * Keeps docs/architecture.md true: the arrows between the folders of src/lib/server that the
 * page lists (its ```deps block) are exactly the arrows the imports make.
 */
const root = 'src/lib/server';

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = join(dir, e.name);
		if (e.isDirectory()) return files(p);
		return /\.(ts|js|svelte)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
	});
}

/** `queue/call-next.ts` → `queue`; `app.ts` → `app`. */
const unitOf = (pathInServer: string) => pathInServer.split(sep)[0]!.replace(/\.(ts|js)$/, '');

function importsOf(file: string): string[] {
	return [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+'([^']+)'/g)].map((m) => m[1]!);
}

function actualGraph(): Map<string, Set<string>> {
	const graph = new Map<string, Set<string>>();
	for (const file of files(root)) {
		const from = unitOf(relative(root, file));
		for (const spec of importsOf(file)) {
			let to: string | null = null;
			if (spec.startsWith('$lib/server/')) to = unitOf(spec.slice('$lib/server/'.length).split('/').join(sep));
			else if (spec.startsWith('$lib/')) to = 'lib:' + spec.slice('$lib/'.length).split('/')[0]!.replace(/\.ts$/, '');
			else if (spec.startsWith('.')) {
				const target = relative(root, normalize(join(dirname(file), spec)));
				if (!target.startsWith('..')) to = unitOf(target);
			}
			if (to && to !== from) {
				if (!graph.has(from)) graph.set(from, new Set());
				graph.get(from)!.add(to);
			}
		}
	}
	return graph;
}

function documentedGraph(): Map<string, Set<string>> {
	const doc = readFileSync('docs/architecture.md', 'utf8');
	const block = doc.match(/```deps\n([\s\S]*?)```/)?.[1];
	if (!block) throw new Error('docs/architecture.md has no ```deps block');
	const graph = new Map<string, Set<string>>();
	for (const line of block.split('\n').filter((l) => l.trim())) {
		const [from, to] = line.split('->').map((s) => s.trim());
		graph.set(from!, new Set(to!.split(',').map((s) => s.trim())));
	}
	return graph;
}

const arrows = (g: Map<string, Set<string>>) => [...g].flatMap(([from, tos]) => [...tos].map((to) => `${from} -> ${to}`)).sort();

describe('docs/architecture.md', () => {
	it('lists exactly the dependencies between the folders of src/lib/server that the imports make', () => {
		const actual = arrows(actualGraph());
		const documented = arrows(documentedGraph());
		expect(
			actual.filter((a) => !documented.includes(a)),
			'imports the page does not list'
		).toEqual([]);
		expect(
			documented.filter((a) => !actual.includes(a)),
			'arrows the page lists that no import makes'
		).toEqual([]);
	});

	it('keeps the engine free of features and edges', () => {
		const engine = actualGraph().get('queue') ?? new Set();
		for (const upper of ['booking', 'kiosk', 'offices', 'display', 'demo', 'edge', 'realtime', 'app', 'engine-hooks']) {
			expect(engine.has(upper), `queue imports ${upper}`).toBe(false);
		}
	});

	it('keeps the pieces the sockets share below the app: nothing imports api, edge does not import app', () => {
		const graph = actualGraph();
		const importers = [...graph].filter(([, tos]) => tos.has('api')).map(([from]) => from);
		expect(importers, 'units that import api').toEqual([]);
		expect(graph.get('edge')?.has('app'), 'edge imports app').toBe(false);
	});

	it('keeps src/lib/domain pure: it imports only itself', () => {
		const outside = files('src/lib/domain').flatMap((f) =>
			importsOf(f)
				.filter((s) => !s.startsWith('./') && !s.startsWith('$lib/domain/'))
				// Time-zone arithmetic, the holiday calendar and phone-number parsing are pure libraries, not I/O.
				.filter((s) => !['@date-fns/tz', 'date-holidays', 'libphonenumber-js/max'].includes(s))
				.map((s) => `${f}: ${s}`)
		);
		expect(outside).toEqual([]);
	});
});
