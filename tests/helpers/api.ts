import type { RequestEvent } from '@sveltejs/kit';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Database } from '../../src/lib/server/db/connect';
import type { TalonApp } from '../../src/lib/server/app';
import type { StaffPrincipal } from '../../src/lib/server/auth/sessions';
import { engineHooks } from '../../src/lib/server/engine-hooks';
import { apiDocument } from '../../src/lib/server/api/document';
import type { OpenApiDocument } from '../../src/lib/server/api/openapi';
import type { Locale } from '../../src/lib/i18n/locale';
import { apiAreas, type ApiArea } from './api-areas';

/**
 * Calls the /api/v1 handlers in-process, as SvelteKit would, against a test database, and checks
 * every answer against the OpenAPI document: its status must be documented for the operation and
 * its body must validate against the documented JSON Schema (Ajv, draft 2020-12, as an
 * integrator's validator reads it — not through our zod schemas).
 */
export interface ApiCall {
	token?: string;
	staff?: StaffPrincipal;
	body?: unknown;
	/** A body that is not JSON (a file upload), sent as it is with `headers['content-type']`. */
	raw?: Uint8Array | string;
	headers?: Record<string, string>;
	ip?: string;
	locale?: Locale;
}
export interface ApiAnswer {
	status: number;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- checked against the document instead
	headers: Headers;
	/** `GET /offices/{office}` — the operation as the document names it. */
	operation: string;
}

const ORIGIN = 'http://talon.test';

export async function apiClient(db: Database) {
	// The handlers reach the database through `app()`: give them this one (see src/lib/server/app.ts).
	const app: TalonApp = { db, ctx: { sql: db.sql, publish: () => {}, hooks: engineHooks }, stop: async () => {} };
	(globalThis as { __talonApp?: Promise<TalonApp> }).__talonApp = Promise.resolve(app);
	const doc = await apiDocument();
	const ajv = new Ajv2020({ strict: false, allErrors: true });
	addFormats.default(ajv);
	ajv.addSchema({ $id: 'talon', components: doc.components });
	const exercised = new Set<string>();

	async function call(method: string, url: string, opts: ApiCall = {}): Promise<ApiAnswer> {
		const { template, params } = match(doc, url);
		const file = `../../src/routes/api/v1${template.replace(/\{(\w+)\}/g, '[$1]')}/+server.ts`;
		const module: Record<string, (e: RequestEvent) => Promise<Response>> = await import(/* @vite-ignore */ file);
		const handler = module[method];
		if (!handler) throw new Error(`${method} ${template}: no such handler`);
		const headers = new Headers(opts.headers);
		if (opts.token) headers.set('authorization', `Bearer ${opts.token}`);
		if (opts.body !== undefined) headers.set('content-type', 'application/json');
		const request = new Request(ORIGIN + '/api/v1' + url, {
			method,
			headers,
			body: opts.raw !== undefined ? (opts.raw as BodyInit) : opts.body === undefined ? undefined : JSON.stringify(opts.body)
		});
		const event = {
			request,
			url: new URL(request.url),
			params,
			locals: { locale: opts.locale ?? 'ru', staff: opts.staff ?? null },
			getClientAddress: () => opts.ip ?? '127.0.0.1'
		} as unknown as RequestEvent;
		const res = await handler(event);
		// A file answer (`text/csv`, XLSX…) comes back as bytes; anything else is JSON.
		const type = res.headers.get('content-type') ?? '';
		const body = type.includes('application/json') ? await res.json() : new Uint8Array(await res.arrayBuffer());
		const operation = `${method} ${template}`;
		conform(operation, res.status, body);
		if (res.ok) exercised.add(operation);
		return { status: res.status, body, headers: res.headers, operation };
	}

	function conform(operation: string, status: number, body: unknown) {
		const [method, path] = operation.split(' ') as [string, string];
		const responses = (
			doc.paths[path] as Record<string, { responses: Record<string, { content: { 'application/json': { schema: unknown } } }> }>
		)[method.toLowerCase()]!.responses;
		const documented = responses[String(status)];
		if (!documented) throw new Error(`${operation} answered ${status}, which the document does not list: ${JSON.stringify(body)}`);
		if (body instanceof Uint8Array) {
			if (documented.content['application/json']) throw new Error(`${operation} ${status}: a file answer where the document says JSON`);
			return;
		}
		const schema = JSON.parse(
			JSON.stringify(documented.content['application/json'].schema).replaceAll('"#/components/', '"talon#/components/')
		);
		const validate = ajv.compile(schema);
		if (!validate(body))
			throw new Error(
				`${operation} ${status}: the body does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`
			);
	}

	/**
	 * Operations of the document no call has answered with success yet: of one area
	 * (`tests/helpers/api-areas.ts`), or with no area given, those of no area.
	 */
	const unexercised = (area?: ApiArea) =>
		Object.entries(doc.paths)
			.flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`))
			.filter((o) => (area ? apiAreas[area].test(o) : !Object.values(apiAreas).some((re) => re.test(o))))
			.filter((o) => !exercised.has(o));

	return { call, unexercised, origin: ORIGIN, doc };
}

/** `/offices/central/tickets` → the document's `/offices/{office}/tickets` and `{ office: 'central' }`. */
function match(doc: OpenApiDocument, url: string): { template: string; params: Record<string, string> } {
	const path = url.split('?')[0]!;
	// As SvelteKit routes: a static segment wins over a parameter (`/services/import` before `/services/{id}`).
	const params = (t: string) => (t.match(/\{/g) ?? []).length;
	for (const template of Object.keys(doc.paths).sort((a, b) => params(a) - params(b))) {
		const names: string[] = [];
		const re = new RegExp('^' + template.replace(/\{(\w+)\}/g, (_, n: string) => (names.push(n), '([^/]+)')) + '$');
		const m = path.match(re);
		if (m) return { template, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
	}
	throw new Error(`${path}: no such path in the document`);
}
