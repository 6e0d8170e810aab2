import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { openapi } from '$lib/server/openapi';

export const GET: RequestHandler = () => json(openapi);
