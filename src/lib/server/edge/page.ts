import { error, type ServerLoadEvent } from '@sveltejs/kit';
import { TalonError } from '$lib/errors';
import { toErrorBody } from './errors';

/**
 * Wraps a page's `load`: a typed error (an office that does not exist, a service that cannot be
 * booked) becomes the error page with its status and message in the reader's language, through
 * the same mapping as forms and the API. Anything else goes on to SvelteKit's `handleError`.
 *
 * `export const load = pageLoad(async ({ params }) => ({ … })) satisfies PageServerLoad;`
 */
export function pageLoad<E extends ServerLoadEvent, R>(load: (event: E) => Promise<R>): (event: E) => Promise<R> {
	return async (event) => {
		try {
			return await load(event);
		} catch (e) {
			if (!(e instanceof TalonError)) throw e;
			const { status, body } = toErrorBody(e, event.locals.locale);
			error(status, { message: body.message, code: body.code });
		}
	};
}
