import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { ErrorBody } from '$lib/errors';
import type { TicketStatus } from '$lib/server/queue';
import type { BookingView } from '$lib/server/booking/view';
import type { FreeDay, FreeSlot } from '$lib/booking/types';
import type { errorBody } from './errors';
import type { ticketStatus } from './tickets';
import type { bookingView, freeDays, freeSlots } from './booking';

/**
 * Shapes written twice — a TypeScript type where the code builds it, a zod schema where the API
 * sends and documents it — must stay one shape. These fail `npm run check` (svelte-check type-checks
 * tests) when either side gains, loses or changes a field.
 */
describe('types the server builds = the schemas the API documents', () => {
	it('the error body', () => {
		expectTypeOf<ErrorBody>().toEqualTypeOf<z.output<typeof errorBody>>();
	});
	it("a ticket's status", () => {
		expectTypeOf<TicketStatus>().toEqualTypeOf<z.output<typeof ticketStatus>>();
	});
	it('a booking and its free slots and days', () => {
		expectTypeOf<BookingView>().toEqualTypeOf<z.output<typeof bookingView>>();
		expectTypeOf<FreeSlot>().toEqualTypeOf<z.output<typeof freeSlots>['slots'][number]>();
		expectTypeOf<FreeDay>().toEqualTypeOf<z.output<typeof freeDays>['days'][number]>();
	});
});
