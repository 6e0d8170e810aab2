import { z } from 'zod';
import { DeskState, PriorityReason, TicketCategory, TicketSource, TicketState } from '$lib/domain/states';

/**
 * What clients see of the queue, as zod schemas: the API answers through them (so a response is
 * exactly what the OpenAPI document says) and `$lib/realtime/types` infers its view types from
 * them (so the socket contract and the API cannot disagree). Nothing here names a person: boards,
 * kiosks and the public ticket page all render from these shapes. Times are ISO strings (UTC).
 * A `meta({ id })` makes a shape a named component of the OpenAPI document.
 */
const instant = z.iso.datetime();
const count = z.int().nonnegative();

export const ticketView = z
	.object({
		id: z.int(),
		number: z.string().meta({ description: 'Prefix letter and three digits', examples: ['П042'] }),
		serviceId: z.int(),
		state: z.enum(TicketState),
		category: z.enum(TicketCategory),
		priorityReason: z.enum(PriorityReason).nullable(),
		source: z.enum(TicketSource),
		arrivedAt: instant.describe('First arrival in the queue, kept across transfers'),
		queuedAt: instant.describe('Last time it (re)entered the waiting state'),
		appointmentAt: instant.nullable().describe('The booked slot start for a checked-in booking'),
		deskId: z.int().nullable().describe('The desk it is called to or served at (null while waiting)'),
		targetDeskId: z.int().nullable().describe('When transferred to one desk: only that desk gets it'),
		calledAt: instant.nullable(),
		startedAt: instant.nullable(),
		finishedAt: instant.nullable(),
		callCount: count,
		awaitingCheckIn: z
			.boolean()
			.describe(
				'A ticket taken from a phone (source `remote`) whose visitor has not checked in at the kiosk yet: it keeps its place but is not called unless the office calls such tickets before arrival'
			)
	})
	.meta({ id: 'Ticket', description: 'A ticket (талон) as queue clients see it; never carries a name.' });

export const deskView = z
	.object({
		id: z.int(),
		number: z.int(),
		name: z.string(),
		state: z.enum(DeskState),
		staffId: z.int().nullable(),
		services: z
			.array(z.object({ serviceId: z.int(), priority: z.int().min(1).max(10) }))
			.describe("Services served here with this desk's priority for each (1..10)")
	})
	.meta({ id: 'Desk', description: 'A desk (окно).' });

export const serviceView = z
	.object({
		id: z.int(),
		categoryId: z.int().nullable(),
		nameRu: z.string(),
		nameEn: z.string(),
		prefix: z.string().describe('Ticket prefix: one or two capital letters'),
		durationMin: z.int(),
		targetWaitMin: z.int(),
		documentsRu: z.array(z.string()),
		documentsEn: z.array(z.string()),
		bookable: z.boolean().describe('Can be booked online'),
		kiosk: z.boolean().describe('Shown on the kiosk (a desk-only service is not)'),
		priorityAllowed: z.boolean().describe('Priority visitors (disabled, veterans…) may take it out of turn'),
		takenToday: count.describe("Tickets taken for it today (the kiosk's search puts the most taken first)"),
		averageServiceSec: z.int().describe('Rolling average service time, updated when a visit finishes')
	})
	.meta({ id: 'Service' });

export const categoryView = z
	.object({
		id: z.int(),
		parentId: z.int().nullable(),
		nameRu: z.string(),
		nameEn: z.string(),
		sort: z.int(),
		kiosk: z.boolean().describe('Shown on the kiosk')
	})
	.meta({ id: 'Category', description: 'A node of the service tree the kiosk shows.' });

export const officeView = z
	.object({
		id: z.int(),
		slug: z.string().meta({ examples: ['central'] }),
		nameRu: z.string(),
		nameEn: z.string(),
		addressRu: z.string(),
		addressEn: z.string(),
		timeZone: z.string().meta({ description: 'IANA time zone', examples: ['Europe/Moscow'] })
	})
	.meta({ id: 'Office' });

export const officeSnapshot = z
	.object({
		office: officeView,
		seq: z.int().nonnegative().describe('The last event of the office this snapshot includes'),
		day: z.iso.date().describe("The office's local day the tickets belong to"),
		serverTime: instant,
		categories: z.array(categoryView),
		services: z.array(serviceView),
		desks: z.array(deskView),
		tickets: z.array(ticketView).describe("Today's tickets that are waiting, called or being served"),
		recentCalls: z.array(ticketView).describe('The latest calls of the day (any state now), newest first')
	})
	.meta({
		id: 'OfficeSnapshot',
		description: "The office's queue at event `seq`; apply the Socket.IO `queue:event`s with a greater seq on top (docs/realtime.md)."
	});
