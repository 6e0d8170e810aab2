import { z } from 'zod';
import { errorResponse } from '$lib/schemas/errors';
import { errorsByStatus, fileOnly, type Caller, type Operation } from './operation';

/**
 * The OpenAPI 3.1 document of /api/v1, written from the operations the endpoints declare
 * (`Operation`): every request and response schema is a zod schema converted by zod's own
 * `z.toJSONSchema` (JSON Schema 2020-12, the dialect of OpenAPI 3.1). Schemas with a
 * `meta({ id })` become named components. `openapi.test.ts` walks the route folders and fails
 * when a route or a method is missing here, and validates the document as OpenAPI 3.1.
 */
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];

export interface RouteOperation {
	/** The OpenAPI path under `/api/v1`, e.g. `/offices/{office}/tickets`. */
	path: string;
	method: Method;
	operation: Operation;
}

type JsonSchema = Record<string, unknown>;

/**
 * A route file's path → its OpenAPI path: `src/routes/api/v1/offices/[office]/tickets/+server.ts`
 * → `/offices/{office}/tickets`. Route groups `(x)` vanish, `[id=matcher]` is `{id}`; `[...rest]`
 * (the JSON 404 for unknown paths) and `[[optional]]` have no OpenAPI form: `null`.
 */
export function openApiPath(file: string): string | null {
	const dir = file
		.replace(/\\/g, '/')
		.replace(/^.*?src\/routes\/api\/v1/, '')
		.replace(/\/\+server\.[jt]s$/, '');
	const segments = dir.split('/').filter((s) => s && !/^\(.*\)$/.test(s));
	if (segments.some((s) => s.includes('[...') || s.includes('[['))) return null;
	return '/' + segments.map((s) => s.replace(/\[([^\]=]+)(?:=[^\]]+)?\]/g, '{$1}')).join('/');
}

export function buildOpenApi(routes: readonly RouteOperation[]) {
	const components = new Components();
	const paths: Record<string, Record<string, unknown>> = {};
	const ids = new Set<string>();
	for (const { path, method, operation: op } of [...routes].sort(
		(a, b) => a.path.localeCompare(b.path) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method)
	)) {
		if (ids.has(op.id)) throw new Error(`operationId ${op.id} is used twice`);
		ids.add(op.id);
		const named = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).sort();
		const declared = Object.keys(op.params?.shape ?? {}).sort();
		if (named.join() !== declared.join()) throw new Error(`${method} ${path}: params schema has [${declared}], the path {${named}}`);
		(paths[path] ??= {})[method.toLowerCase()] = {
			operationId: op.id,
			summary: op.summary,
			description: [op.description, callersLine(op)].filter(Boolean).join('\n\n'),
			...(op.tags?.length && { tags: op.tags }),
			...(op.auth !== 'public' && { security: securityOf(op.auth) }),
			...withParameters([
				...parameters(components, op.params, 'path'),
				...parameters(components, op.query, 'query'),
				...parameters(components, op.headers, 'header')
			]),
			...(op.body && {
				requestBody: { required: true, content: { 'application/json': { schema: components.schema(op.body, 'input') } } }
			}),
			...(op.upload && {
				requestBody: {
					required: true,
					content: Object.fromEntries(op.upload.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]))
				}
			}),
			responses: {
				...Object.fromEntries(
					Object.entries(op.responses).map(([status, schema]) => [
						status,
						{
							description: schema!.description ?? statusText[status] ?? 'OK',
							content: {
								...(schema !== fileOnly && { 'application/json': { schema: components.schema(schema!, 'output') } }),
								...(status === '200' &&
									Object.fromEntries(
										Object.entries(op.files ?? {}).map(([type, when]) => [
											type,
											{ schema: { type: 'string', contentMediaType: type, description: when } }
										])
									))
							}
						}
					])
				),
				...Object.fromEntries([...errorsByStatus(op)].map(([status, codes]) => [String(status), refusalResponse(status, codes)]))
			}
		};
	}
	const errorRef = components.schema(errorResponse, 'output');
	if (errorRef.$ref !== '#/components/schemas/Error') throw new Error('the error schema must be the component Error');
	return {
		openapi: '3.1.0' as const,
		info: {
			title: 'Talon API',
			version: '1.0.0',
			description: [
				'Queue and appointment API of Talon for kiosks, boards and integrations.',
				'Refusals are `{ "error": { "code", "message", "fields"?, "params"? } }` (the `Error` schema) with a 4xx status, 500 for our own bugs, or 503 when the server cannot take the request now (retry after `Retry-After` seconds). `code` is stable; `message` follows `Accept-Language` (Russian by default, English).',
				'Devices (kiosks, boards) authenticate with their token as `Authorization: Bearer`; staff with their session cookie. The live queue (events after a snapshot) is on Socket.IO: see docs/realtime.md.'
			].join('\n\n')
		},
		servers: [{ url: '/api/v1' }],
		tags: [...new Set(routes.flatMap((r) => r.operation.tags ?? []))].sort().map((name) => ({ name })),
		paths,
		components: {
			securitySchemes: {
				device: { type: 'http', scheme: 'bearer', description: 'Device token from `talon device add` (a kiosk or a board).' },
				session: { type: 'apiKey', in: 'cookie', name: 'talon_session', description: 'Staff session cookie (`/login`).' }
			},
			schemas: components.all()
		}
	};
}
export type OpenApiDocument = ReturnType<typeof buildOpenApi>;

const statusText: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted' };

const callerText: Record<Caller, string> = {
	staff: 'staff (session)',
	device: 'a paired device (token)',
	kiosk: 'a kiosk (token)',
	display: 'a board (token)'
};
function callersLine(op: Operation): string {
	return op.auth === 'public' ? 'Callers: anyone.' : `Callers: ${op.auth.map((c) => callerText[c]).join(' or ')}.`;
}

function securityOf(auth: readonly Caller[]) {
	const schemes = new Set(auth.map((c) => (c === 'staff' ? 'session' : 'device')));
	return [...schemes].sort().map((s) => ({ [s]: [] }));
}

function refusalResponse(status: number, codes: string[]) {
	const retry = status === 429 || status === 503;
	return {
		description: `Refused: ${codes.map((c) => `\`${c}\``).join(', ')}`,
		...(retry && {
			headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } } }
		}),
		content: {
			'application/json': {
				schema: { allOf: [{ $ref: '#/components/schemas/Error' }, { properties: { error: { properties: { code: { enum: codes } } } } }] }
			}
		}
	};
}

const withParameters = (list: unknown[]) => (list.length ? { parameters: list } : {});

/** Each property of a params/query/headers object becomes one OpenAPI parameter. */
function parameters(components: Components, schema: z.ZodObject | undefined, where: 'path' | 'query' | 'header') {
	if (!schema) return [];
	const object = components.schema(schema, 'input');
	const required = new Set((object.required as string[] | undefined) ?? []);
	return Object.entries((object.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => {
		const { description, ...rest } = property;
		return {
			name: where === 'header' ? name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase()) : name,
			in: where,
			required: where === 'path' || required.has(name),
			...(description !== undefined && { description }),
			schema: rest
		};
	});
}

/**
 * The named schemas of the document. Each conversion's `$defs` (the schemas with an id) move
 * here; one id must mean one schema, in requests and responses alike.
 */
class Components {
	private readonly named = new Map<string, string>();
	private readonly schemas: Record<string, JsonSchema> = {};

	/** A schema for the document: a `$ref` when it has an id, else inline (refs to named ones inside). */
	schema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
		const converted = z.toJSONSchema(schema, {
			io,
			target: 'draft-2020-12',
			unrepresentable: 'throw',
			override: (ctx) => tidy(ctx.jsonSchema, io)
		});
		const { $schema: _, $defs, ...root } = converted as JsonSchema & { $defs?: Record<string, JsonSchema> };
		for (const [id, def] of Object.entries($defs ?? {})) this.add(id, relink(def) as JsonSchema);
		return relink(root) as JsonSchema;
	}

	private add(id: string, def: JsonSchema) {
		const text = JSON.stringify(def);
		const seen = this.named.get(id);
		if (seen !== undefined && seen !== text)
			throw new Error(`schema id ${id} stands for two different schemas (its request and response forms differ?)`);
		this.named.set(id, text);
		this.schemas[id] = def;
	}

	all(): Record<string, JsonSchema> {
		return Object.fromEntries(Object.entries(this.schemas).sort(([a], [b]) => a.localeCompare(b)));
	}
}

/** `#/$defs/X` (one conversion's) → `#/components/schemas/X` (the document's). */
function relink(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(relink);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [
				k,
				k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : relink(v)
			])
		);
	}
	return value;
}

/**
 * What zod writes that helps no reader: the safe-integer bounds of every `z.int()`, the long
 * regular expression behind a `format` (the format says it), and, in answers, `additionalProperties:
 * false` (a field added later must not break a strict client).
 */
function tidy(s: JsonSchema, io: 'input' | 'output') {
	if (s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum;
	if (s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum;
	if (typeof s.format === 'string' && typeof s.pattern === 'string') delete s.pattern;
	if (io === 'output' && s.additionalProperties === false) delete s.additionalProperties;
}
