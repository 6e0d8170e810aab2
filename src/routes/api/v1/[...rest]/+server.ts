import { TalonError } from '$lib/errors';
import { jsonEndpoint } from '$lib/server/api/endpoint';

/** Unknown API paths answer in the API's JSON error shape, not with an HTML page (not in the document). */
const notFound = jsonEndpoint(async () => {
	throw new TalonError('not_found');
});
export const GET = notFound;
export const POST = notFound;
