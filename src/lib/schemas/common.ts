import { z } from 'zod';
import { PriorityReason, TicketSource } from '$lib/domain/states';

/**
 * Input shapes of the Socket.IO commands, the JSON API and the forms, validated at the edge (zod).
 * Enumerations are built from the `as const` objects of src/lib/domain, never restated.
 */

/** The largest id a PostgreSQL `integer` column holds. */
const MAX_ID = 2_147_483_647;
/** A row id in a JSON body or a socket payload. */
export const id = z.number().int().positive().max(MAX_ID);
/** A row id in a URL, a query string or a form field (text, coerced). */
export const idParam = z.coerce.number().int().positive().max(MAX_ID);
export const publicCode = z.string().regex(/^[a-z2-7]{16}$/);
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export const priorityReason = z.enum(PriorityReason);
const comment = z.string().trim().max(500);

export const officeRequest = z.object({ officeId: id });
export const deskRequest = z.object({ deskId: id });
export const ticketJoinRequest = z.object({ publicCode });
export const deskTicketRequest = z.object({ deskId: id, ticketId: id });
export const returnRequest = deskTicketRequest.extend({ comment: comment.optional() });
export const transferRequest = deskTicketRequest
	.extend({ toServiceId: id.optional(), toDeskId: id.optional(), comment: comment.optional() })
	.refine((r) => r.toServiceId !== undefined || r.toDeskId !== undefined, { message: 'toServiceId or toDeskId', path: ['toServiceId'] });
export const issueRequest = z.object({
	officeId: id,
	serviceId: id,
	priorityReason: priorityReason.nullish(),
	idempotencyKey: idempotencyKey.optional(),
	// Staff issue a ticket for a visitor at the desk or a caller on the phone.
	source: z.enum([TicketSource.desk, TicketSource.phone]).optional()
});
