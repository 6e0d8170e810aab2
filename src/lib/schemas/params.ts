import { z } from 'zod';

/** Path parameters of the JSON API (strings in the URL). */
export const officeKey = z
	.string()
	.regex(/^[A-Za-z0-9-]{1,100}$/)
	.describe('Office id or slug, e.g. `central`');
export const officePath = z.object({ office: officeKey });
