import type { RequestHandler } from './$types';
import { TalonError } from '$lib/errors';
import { endpoint } from '$lib/server/edge/api';

/** Unknown API paths answer in the API's JSON error shape, not with an HTML page. */
const notFound: RequestHandler = endpoint(async () => {
	throw new TalonError('not_found');
});
export const GET = notFound;
export const POST = notFound;
