import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Server } from 'socket.io';
import type { PublishedEvent } from '$lib/server/queue';
import type { DeskView, TicketView } from '$lib/realtime/types';
import { ticket as viewTicket } from '$lib/realtime/view-fixtures';
import { createPublisher, GAP_WAIT_MS, socketSender } from './publisher';

const ticket = (over: Partial<TicketView> = {}): TicketView => viewTicket(7, over);

function desk(over: Partial<DeskView> = {}): DeskView {
	return { id: 3, number: 4, name: 'Окно 4', state: 'open', staffId: 9, services: [{ serviceId: 1, priority: 5 }], ...over };
}

function event(officeId: number, seq: number, over: Partial<PublishedEvent> = {}): PublishedEvent {
	return {
		officeId,
		seq,
		type: 'ticket.issued',
		at: '2025-03-03T07:00:00.000Z',
		ticket: null,
		desk: null,
		staffId: null,
		deviceId: null,
		data: {},
		...over
	};
}

describe('createPublisher', () => {
	let sent: PublishedEvent[];
	const seqs = (officeId?: number) => sent.filter((e) => officeId === undefined || e.officeId === officeId).map((e) => e.seq);

	beforeEach(() => {
		vi.useFakeTimers();
		sent = [];
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('sends the next expected event at once', () => {
		const p = createPublisher((e) => sent.push(e));
		p.prime(1, 4);
		p.publish([event(1, 5)]);
		expect(seqs()).toEqual([5]);
	});

	it('sends a batch of consecutive events in order', () => {
		const p = createPublisher((e) => sent.push(e));
		p.prime(1, 0);
		p.publish([event(1, 1), event(1, 2), event(1, 3)]);
		expect(seqs()).toEqual([1, 2, 3]);
	});

	it('holds a later event until the earlier one arrives, then sends both in seq order', () => {
		const p = createPublisher((e) => sent.push(e));
		p.prime(1, 1);
		p.publish([event(1, 3)]);
		expect(seqs()).toEqual([]);
		p.publish([event(1, 2)]);
		expect(seqs()).toEqual([2, 3]);
		// The gap filled: the pending release timer must not send anything again.
		vi.advanceTimersByTime(GAP_WAIT_MS * 4);
		expect(seqs()).toEqual([2, 3]);
	});

	it('orders events that arrive out of order inside one batch', () => {
		const p = createPublisher((e) => sent.push(e));
		p.prime(1, 10);
		p.publish([event(1, 13), event(1, 11), event(1, 12)]);
		expect(seqs()).toEqual([11, 12, 13]);
	});

	it('releases a gap that never fills after GAP_WAIT_MS, in ascending order', () => {
		const p = createPublisher((e) => sent.push(e));
		p.prime(1, 1);
		p.publish([event(1, 5)]);
		p.publish([event(1, 3)]);
		p.publish([event(1, 4)]);
		vi.advanceTimersByTime(GAP_WAIT_MS - 1);
		expect(seqs()).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(seqs()).toEqual([3, 4, 5]);
	});

	// Regression: a once-found bug (the release timer restarted on every event).
	it('releases a gap GAP_WAIT_MS after it opened, even while later events keep arriving', () => {
		const p = createPublisher((e) => sent.push(e));
		p.prime(1, 1);
		p.publish([event(1, 3)]);
		vi.advanceTimersByTime(GAP_WAIT_MS - 50);
		p.publish([event(1, 4)]);
		vi.advanceTimersByTime(50);
		expect(seqs()).toEqual([3, 4]);
	});

	it('releases across several gaps at once, smallest first', () => {
		const p = createPublisher((e) => sent.push(e));
		p.prime(1, 1);
		p.publish([event(1, 6), event(1, 3)]);
		vi.advanceTimersByTime(GAP_WAIT_MS);
		expect(seqs()).toEqual([3, 6]);
	});

	it('after a released gap, the late event is not sent and the next one goes at once', () => {
		const p = createPublisher((e) => sent.push(e));
		p.prime(1, 1);
		p.publish([event(1, 3)]);
		vi.advanceTimersByTime(GAP_WAIT_MS);
		expect(seqs()).toEqual([3]);
		p.publish([event(1, 2)]);
		expect(seqs()).toEqual([3]);
		p.publish([event(1, 4)]);
		expect(seqs()).toEqual([3, 4]);
	});

	it('never sends a duplicate or an event at or below the last sent seq', () => {
		const p = createPublisher((e) => sent.push(e));
		p.prime(1, 1);
		p.publish([event(1, 2), event(1, 3)]);
		p.publish([event(1, 3)]);
		p.publish([event(1, 2), event(1, 1), event(1, 0)]);
		vi.advanceTimersByTime(GAP_WAIT_MS * 4);
		expect(seqs()).toEqual([2, 3]);
	});

	it('does not send an event twice when it is published twice while held', () => {
		const p = createPublisher((e) => sent.push(e));
		p.prime(1, 1);
		p.publish([event(1, 3)]);
		p.publish([event(1, 3)]);
		p.publish([event(1, 2)]);
		vi.advanceTimersByTime(GAP_WAIT_MS * 4);
		expect(seqs()).toEqual([2, 3]);
	});

	it('ignores events at or below the primed seq', () => {
		const p = createPublisher((e) => sent.push(e));
		p.prime(1, 5);
		p.publish([event(1, 4), event(1, 5)]);
		vi.advanceTimersByTime(GAP_WAIT_MS * 4);
		expect(seqs()).toEqual([]);
	});

	it('keeps offices independent: a gap in one does not hold the other', () => {
		const p = createPublisher((e) => sent.push(e));
		p.prime(1, 1);
		p.prime(2, 10);
		p.publish([event(1, 3), event(2, 11)]);
		expect(seqs(2)).toEqual([11]);
		expect(seqs(1)).toEqual([]);
		p.publish([event(2, 12)]);
		expect(seqs(2)).toEqual([11, 12]);
		p.publish([event(1, 2)]);
		expect(seqs(1)).toEqual([2, 3]);
	});

	it('releases each office’s gap on its own timer', () => {
		const p = createPublisher((e) => sent.push(e));
		p.prime(1, 1);
		p.prime(2, 1);
		p.publish([event(1, 3)]);
		vi.advanceTimersByTime(GAP_WAIT_MS / 2);
		p.publish([event(2, 3)]);
		vi.advanceTimersByTime(GAP_WAIT_MS / 2);
		expect(seqs(1)).toEqual([3]);
		expect(seqs(2)).toEqual([]);
		vi.advanceTimersByTime(GAP_WAIT_MS / 2);
		expect(seqs(2)).toEqual([3]);
	});

	it('the same seq number in two offices is two different events', () => {
		const p = createPublisher((e) => sent.push(e));
		p.prime(1, 0);
		p.prime(2, 0);
		p.publish([event(1, 1), event(2, 1)]);
		expect(sent.map((e) => [e.officeId, e.seq])).toEqual([
			[1, 1],
			[2, 1]
		]);
	});

	it('sends the first event of a never-primed office immediately, whatever its seq', () => {
		const p = createPublisher((e) => sent.push(e));
		p.publish([event(7, 42)]);
		expect(seqs(7)).toEqual([42]);
		p.publish([event(7, 43)]);
		expect(seqs(7)).toEqual([42, 43]);
		p.publish([event(7, 42)]);
		expect(seqs(7)).toEqual([42, 43]);
	});

	it('sends the very event objects it was given', () => {
		const p = createPublisher((e) => sent.push(e));
		const e = event(1, 1, { publicCode: 'abc' });
		p.prime(1, 0);
		p.publish([e]);
		expect(sent[0]).toBe(e);
	});
});

interface Emitted {
	rooms: string[];
	name: string;
	payload: unknown;
}

/** Records `io.to(a).to(b).emit(name, payload)` the way Socket.IO's BroadcastOperator chains. */
function fakeIo() {
	const emitted: Emitted[] = [];
	const operator = (rooms: string[]) => ({
		to: (room: string) => operator([...rooms, room]),
		emit: (name: string, payload: unknown) => {
			emitted.push({ rooms, name, payload });
			return true;
		}
	});
	const io = { to: (room: string) => operator([room]) } as unknown as Server;
	return { io, emitted };
}

describe('socketSender', () => {
	it('sends queue:event to the office room and the event desk’s room, without the public code', () => {
		const { io, emitted } = fakeIo();
		const t = ticket({ state: 'called', deskId: 3 });
		const e = event(1, 8, { type: 'ticket.called', ticket: t, desk: desk({ id: 3 }), publicCode: 'k7m2q9' });
		socketSender(io)(e);
		const queue = emitted.filter((x) => x.name === 'queue:event');
		expect(queue).toHaveLength(1);
		expect(new Set(queue[0]!.rooms)).toEqual(new Set(['office:1', 'desk:3']));
		expect(queue[0]!.payload).not.toHaveProperty('publicCode');
		expect(JSON.stringify(queue[0]!.payload)).not.toContain('k7m2q9');
		const { publicCode: _code, ...wire } = e;
		expect(queue[0]!.payload).toEqual(wire);
		// The caller's event object is left as it was.
		expect(e.publicCode).toBe('k7m2q9');
	});

	it('also reaches the ticket’s desk when it differs from the event desk (a transfer)', () => {
		const { io, emitted } = fakeIo();
		const t = ticket({ state: 'waiting', deskId: 5 });
		socketSender(io)(event(1, 9, { type: 'ticket.transferred', ticket: t, desk: desk({ id: 3 }) }));
		const [queue] = emitted.filter((x) => x.name === 'queue:event');
		expect(new Set(queue!.rooms)).toEqual(new Set(['office:1', 'desk:3', 'desk:5']));
	});

	it('sends a desk-only event to the office and that desk', () => {
		const { io, emitted } = fakeIo();
		socketSender(io)(event(2, 1, { type: 'desk.paused', desk: desk({ id: 11, state: 'paused' }) }));
		expect(emitted).toHaveLength(1);
		expect(emitted[0]!.name).toBe('queue:event');
		expect(new Set(emitted[0]!.rooms)).toEqual(new Set(['office:2', 'desk:11']));
	});

	it('sends an event without ticket or desk to the office room only', () => {
		const { io, emitted } = fakeIo();
		socketSender(io)(event(2, 1, { type: 'office.day_started' }));
		expect(emitted).toEqual([{ rooms: ['office:2'], name: 'queue:event', payload: event(2, 1, { type: 'office.day_started' }) }]);
	});

	it('tells the ticket room ticket:changed with the desk number when the ticket is at that desk', () => {
		const { io, emitted } = fakeIo();
		const t = ticket({ state: 'called', deskId: 3 });
		socketSender(io)(event(1, 8, { type: 'ticket.called', ticket: t, desk: desk({ id: 3, number: 4 }), publicCode: 'k7m2q9' }));
		const changed = emitted.filter((x) => x.name === 'ticket:changed');
		expect(changed).toEqual([
			{
				rooms: ['ticket:k7m2q9'],
				name: 'ticket:changed',
				payload: { publicCode: 'k7m2q9', type: 'ticket.called', state: 'called', deskNumber: 4 }
			}
		]);
	});

	it('gives deskNumber null when the ticket is not at the event’s desk', () => {
		const { io, emitted } = fakeIo();
		// Returned to the queue by desk 3: the event names desk 3, the ticket has no desk now.
		const t = ticket({ state: 'waiting', deskId: null });
		socketSender(io)(event(1, 10, { type: 'ticket.returned', ticket: t, desk: desk({ id: 3, number: 4 }), publicCode: 'abc234' }));
		const [changed] = emitted.filter((x) => x.name === 'ticket:changed');
		expect(changed!.rooms).toEqual(['ticket:abc234']);
		expect(changed!.payload).toEqual({ publicCode: 'abc234', type: 'ticket.returned', state: 'waiting', deskNumber: null });
	});

	it('gives deskNumber null when the event has no desk', () => {
		const { io, emitted } = fakeIo();
		socketSender(io)(event(1, 1, { type: 'ticket.issued', ticket: ticket(), publicCode: 'abc234' }));
		const [changed] = emitted.filter((x) => x.name === 'ticket:changed');
		expect(changed!.payload).toEqual({ publicCode: 'abc234', type: 'ticket.issued', state: 'waiting', deskNumber: null });
	});

	it('sends no ticket:changed without a public code or without a ticket', () => {
		const { io, emitted } = fakeIo();
		const send = socketSender(io);
		send(event(1, 1, { type: 'ticket.issued', ticket: ticket() }));
		send(event(1, 2, { type: 'desk.opened', desk: desk(), publicCode: 'abc234' }));
		expect(emitted.map((x) => x.name)).toEqual(['queue:event', 'queue:event']);
		expect(emitted.flatMap((x) => x.rooms).some((r) => r.startsWith('ticket:'))).toBe(false);
	});
});
