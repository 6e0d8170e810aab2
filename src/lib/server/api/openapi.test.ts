import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { Validator } from '@seriousme/openapi-schema-validator';
import { apiDocument } from './document';
import { buildOpenApi } from './openapi';
import type { Operation } from './operation';

/**
 * The document cannot leave a route out: this walks the route folders itself (not through the
 * generator's glob) and reads each file's exported methods.
 */
const apiRoot = 'src/routes/api/v1';
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'fallback'];
/** The JSON 404 for unknown paths: a catch-all, not an operation. */
const EXEMPT = ['[...rest]'];

function routeFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = join(dir, e.name);
		if (e.isDirectory()) return routeFiles(p);
		return e.name === '+server.ts' ? [p] : [];
	});
}

/** `offices/[office]/tickets/+server.ts` → `/offices/{office}/tickets`. */
const pathOf = (file: string) =>
	'/' +
	relative(apiRoot, file)
		.split(/[\\/]/)
		.slice(0, -1)
		.join('/')
		.replace(/\[(\w+)\]/g, '{$1}');

async function exportedMethods(file: string): Promise<string[]> {
	const module: Record<string, unknown> = await import(/* @vite-ignore */ resolve(file));
	return Object.keys(module).filter((k) => HTTP_METHODS.includes(k));
}

describe('the OpenAPI document', () => {
	it('has every method of every route under /api/v1, and nothing else', async () => {
		const doc = await apiDocument();
		const files = routeFiles(apiRoot).filter((f) => !EXEMPT.some((x) => f.includes(x)));
		expect(files.length).toBeGreaterThanOrEqual(11);
		const inFiles: string[] = [];
		for (const file of files) for (const method of await exportedMethods(file)) inFiles.push(`${method} ${pathOf(file)}`);
		const paths = doc.paths as Record<string, Record<string, unknown>>;
		const inDocument = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
		expect(
			inFiles.filter((r) => !inDocument.includes(r)),
			'routes missing from the document'
		).toEqual([]);
		expect(
			inDocument.filter((r) => !inFiles.includes(r)),
			'document paths with no route'
		).toEqual([]);
	});

	it('leaves out the catch-all explicitly, and only it', () => {
		const skipped = routeFiles(apiRoot).filter((f) => f.includes('[...'));
		expect(skipped.map((f) => relative(apiRoot, f))).toEqual(['[...rest]/+server.ts']);
	});

	it('is valid OpenAPI 3.1', async () => {
		const validator = new Validator();
		const result = await validator.validate(structuredClone(await apiDocument()));
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
		expect(validator.version).toBe('3.1');
	});

	it("is what the README's API summary lists", async () => {
		const readme = readFileSync('README.md', 'utf8');
		const summary = readme
			.slice(readme.indexOf('API summary'), readme.indexOf('\n\n', readme.indexOf('API summary')))
			.replace(/\{[^}]*\}/g, '{}');
		const missing = Object.keys((await apiDocument()).paths).filter((p) => !summary.includes(p.replace(/\{[^}]*\}/g, '{}')));
		expect(missing, 'paths the README does not mention').toEqual([]);
	});

	it('shows real shapes: named components, no bare objects for answers', async () => {
		const doc = await apiDocument();
		const schemas = doc.components.schemas;
		for (const name of [
			'Ticket',
			'Desk',
			'Service',
			'Office',
			'OfficeSnapshot',
			'IssuedTicket',
			'TicketStatus',
			'Booking',
			'Error',
			'ErrorBody',
			'ErrorParams'
		]) {
			expect(schemas, name).toHaveProperty(name);
		}
		const issue = (
			doc.paths['/offices/{office}/tickets'] as { post: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }
		).post;
		expect(issue.responses['201']!.content['application/json']!.schema).toMatchObject({ $ref: '#/components/schemas/IssuedTicket' });
		expect(Object.keys(issue.responses).sort()).toEqual(['200', '201', '400', '401', '403', '404', '409', '500', '503']);
		// The error schema lists every code and the params the server really sends.
		const body = schemas.ErrorBody as { properties: { code: { enum: string[] }; params: unknown } };
		expect(body.properties.code.enum).toContain('booking_too_early');
		expect(schemas.ErrorParams).toMatchObject({ properties: { opensAt: { format: 'date-time' }, seconds: { type: 'integer' } } });
	});
});

describe('buildOpenApi', () => {
	const op = (o: Partial<Operation>): Operation => ({ id: 'x', summary: 'x', auth: 'public', responses: { 200: z.object({}) }, ...o });

	it('refuses a params schema that does not match the path', () => {
		expect(() =>
			buildOpenApi([{ path: '/offices/{office}', method: 'GET', operation: op({ params: z.object({ id: z.string() }) }) }])
		).toThrow(/params/);
	});

	it('refuses one operationId for two operations', () => {
		expect(() =>
			buildOpenApi([
				{ path: '/a', method: 'GET', operation: op({}) },
				{ path: '/b', method: 'GET', operation: op({}) }
			])
		).toThrow(/operationId x/);
	});

	it('refuses one component id for two different schemas', () => {
		const a = z.object({ n: z.int() }).meta({ id: 'Thing' });
		const b = z.object({ s: z.string() }).meta({ id: 'Thing' });
		expect(() =>
			buildOpenApi([
				{ path: '/a', method: 'GET', operation: op({ id: 'a', responses: { 200: z.object({ a }) } }) },
				{ path: '/b', method: 'GET', operation: op({ id: 'b', responses: { 200: z.object({ b }) } }) }
			])
		).toThrow(/Thing/);
	});
});
