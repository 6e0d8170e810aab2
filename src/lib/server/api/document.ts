import { buildOpenApi, METHODS, openApiPath, type OpenApiDocument, type RouteOperation } from './openapi';
import type { ApiHandler } from './endpoint';

/**
 * The operations of every `src/routes/api/v1/**\/+server.ts`, found by Vite's glob at build time:
 * a new route file is in the document without being listed anywhere. The modules are loaded
 * lazily, so the document's own route may be among them.
 */
const routeModules = import.meta.glob<Record<string, unknown>>('/src/routes/api/v1/**/+server.ts');

export async function apiOperations(): Promise<RouteOperation[]> {
	const found: RouteOperation[] = [];
	for (const [file, load] of Object.entries(routeModules)) {
		const path = openApiPath(file);
		if (path === null) continue;
		const module = await load();
		for (const method of METHODS) {
			const handler = module[method] as Partial<ApiHandler> | undefined;
			if (handler?.operation) found.push({ path, method, operation: handler.operation });
		}
	}
	return found;
}

let built: Promise<OpenApiDocument> | undefined;

/** The document served at /api/v1/openapi.json, built once per process. */
export function apiDocument(): Promise<OpenApiDocument> {
	built ??= apiOperations()
		.then(buildOpenApi)
		.catch((e) => {
			built = undefined;
			throw e;
		});
	return built;
}
