import { z } from 'zod';
import { officeKey } from './params';

/** Path parameters of `/api/v1/admin/offices/{office}/categories|services|desks/{id}`. */
export const entityId = z
	.string()
	.regex(/^[1-9]\d{0,8}$/)
	.transform(Number)
	.describe('Numeric id');
export const officeEntityPath = z.object({ office: officeKey, id: entityId });
