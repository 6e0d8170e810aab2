import { z } from 'zod';

/** Input shapes of the Socket.IO commands and the JSON API, validated at the edge (zod). */
export const id = z.number().int().positive().max(2_147_483_647);
export const idParam = z.coerce.number().int().positive().max(2_147_483_647);
export const publicCode = z.string().regex(/^[a-z2-7]{16}$/);
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export const priorityReason = z.enum(['disabled', 'veteran', 'pregnant', 'infant']);
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
	source: z.enum(['desk', 'phone']).optional()
});
