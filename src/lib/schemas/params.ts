import { z } from 'zod';

/** Path parameters of the JSON API (strings in the URL). */
export const officeKey = z.string().min(1).max(100).describe('Office id or slug, e.g. `central`');
export const officePath = z.object({ office: officeKey });
