import { z } from 'zod';
import { TicketState } from '$lib/domain/states';
import { officeView, ticketView } from './views';
import { id, idempotencyKey, priorityReason, publicCode } from './common';

/** Shapes of the ticket endpoints (`/offices/{office}/tickets`, `/check-ins`, `/tickets/{code}`). */

export const issueTicketBody = z.object({
	serviceId: id,
	priorityReason: priorityReason.nullish().describe("A priority visitor's reason; makes the ticket `priority`"),
	idempotencyKey: idempotencyKey.optional().describe('The same as the `Idempotency-Key` header (the header wins)')
});

export const checkInBody = z.object({
	code: z.string().min(1).max(200).describe('The booking code as typed or scanned (case and separators do not matter)'),
	idempotencyKey: idempotencyKey.optional().describe('The same as the `Idempotency-Key` header (the header wins)')
});

export const idempotencyHeaders = z.object({
	'idempotency-key': idempotencyKey
		.optional()
		.describe('8–64 characters `[A-Za-z0-9_-]`: a retry with the same key returns the same ticket (200, `duplicate: true`)')
});

/**
 * A ticket as its issuer gets it back: the API (`POST .../tickets`, `POST .../check-ins`) and the
 * sockets (`ticket:issue`, `kiosk:issue`) all answer with this shape (`server/edge/issued-ticket.ts`).
 */
export const issuedTicket = z
	.object({
		ticket: ticketView,
		publicCode: publicCode.describe("Secret code of the ticket's status page; given only to whoever issued the ticket"),
		statusUrl: z.url().describe('The page a visitor follows the ticket on (the QR printed on it)'),
		ahead: z.int().nonnegative().describe('Visitors of the same service who go first'),
		estimatedWaitSec: z.int().nonnegative().nullable().describe('Estimated seconds until called; null when no desk serves the service'),
		appointmentAt: z.iso
			.datetime()
			.nullable()
			.describe(
				'The booked slot start when a checked-in booking is served as an appointment; null for a late visitor (an ordinary ticket) and for tickets without a booking'
			),
		duplicate: z.boolean().describe('True when the idempotency key had been used: this is the ticket issued the first time')
	})
	.meta({ id: 'IssuedTicket' });
export type IssuedTicketReply = z.output<typeof issuedTicket>;

export const ticketStatus = z
	.object({
		publicCode,
		number: z.string(),
		state: z.enum(TicketState),
		office: officeView.pick({ id: true, slug: true, nameRu: true, nameEn: true, timeZone: true }),
		service: z.object({ id: z.int(), nameRu: z.string(), nameEn: z.string() }),
		ahead: z.int().nonnegative().describe('Visitors of the same service who go first; 0 once called'),
		estimatedWaitSec: z.int().nonnegative().nullable(),
		deskNumber: z.int().nullable().describe('The desk number once called or being served'),
		issuedAt: z.iso.datetime(),
		calledAt: z.iso.datetime().nullable(),
		checkinCode: z
			.string()
			.nullable()
			.describe(
				'A ticket taken from a phone and waiting for its visitor: the code to type at the kiosk (or show as a QR to its scanner) on arrival; null otherwise'
			)
	})
	.meta({ id: 'TicketStatus', description: 'What a visitor may know about their own ticket. No names.' });
