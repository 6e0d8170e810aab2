import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { apiDocument } from '$lib/server/api/document';

/** The OpenAPI 3.1 document, generated from the operations the endpoints declare. */
export const GET = endpoint(
	{
		id: 'openApiDocument',
		summary: 'This document (OpenAPI 3.1)',
		tags: ['meta'],
		auth: 'public',
		responses: {
			200: z.looseObject({ openapi: z.literal('3.1.0'), paths: z.record(z.string(), z.unknown()) }).describe('The OpenAPI document')
		}
	},
	async () => apiDocument()
);
