import { describe, expect, it } from 'vitest';
import { padPromptFor } from './pad';
import type { OfficeSnapshot, QueueEvent, TicketView } from '$lib/realtime/types';

const desk = (id: number, number: number) => ({ id, number, name: `Окно ${number}`, state: 'open' as const, staffId: null, services: [] });
const state = { desks: [desk(10, 1), desk(20, 2)] } as unknown as OfficeSnapshot;
const ticket = (deskId: number): TicketView => ({ id: 7, number: 'П007', deskId }) as TicketView;
const event = (type: QueueEvent['type'], deskId: number) => ({
	kind: 'event' as const,
	event: { type, ticket: ticket(deskId) } as QueueEvent
});

describe('the rating pad', () => {
	it('asks about a visit just finished at its own desk', () => {
		expect(padPromptFor(state, event('ticket.finished', 20), 2)).toEqual({ deskId: 20, ticketId: 7, number: 'П007' });
	});
	it('ignores other desks, other events and snapshots', () => {
		expect(padPromptFor(state, event('ticket.finished', 10), 2)).toBeNull();
		expect(padPromptFor(state, event('ticket.started', 20), 2)).toBeNull();
		expect(padPromptFor(state, { kind: 'snapshot' }, 2)).toBeNull();
		expect(padPromptFor(state, event('ticket.finished', 20), 9)).toBeNull();
	});
});
