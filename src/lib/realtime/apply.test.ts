import { describe, expect, it } from 'vitest';
import { applyEvent } from './apply';
import { RECENT_CALLS, type DeskView, type EventType, type OfficeSnapshot, type QueueEvent } from './types';
import { at, service, testOffice, ticket } from './view-fixtures';

function desk(id: number, over: Partial<DeskView> = {}): DeskView {
	return { id, number: id, name: `Окно ${id}`, state: 'open', staffId: null, services: [{ serviceId: 1, priority: 5 }], ...over };
}

function snapshot(over: Partial<OfficeSnapshot> = {}): OfficeSnapshot {
	return {
		office: testOffice,
		seq: 10,
		day: '2025-03-03',
		serverTime: at(0),
		categories: [],
		services: [service(1, 600), service(2, 300)],
		desks: [desk(1), desk(2, { state: 'closed' })],
		tickets: [],
		recentCalls: [],
		...over
	};
}

function event(s: OfficeSnapshot, type: EventType, over: Partial<QueueEvent> = {}): QueueEvent {
	return {
		officeId: s.office.id,
		seq: s.seq + 1,
		type,
		at: at(30),
		ticket: null,
		desk: null,
		staffId: null,
		deviceId: null,
		data: {},
		...over
	};
}

/** Deep copy to compare against after applying: the input must come out unchanged. */
const frozenCopy = <T>(x: T): T => structuredClone(x);

describe('applyEvent', () => {
	it('sets seq to the event’s seq', () => {
		const s = snapshot({ seq: 41 });
		expect(applyEvent(s, event(s, 'office.day_started')).seq).toBe(42);
		// The event's own number, not a count of applied events.
		expect(applyEvent(s, event(s, 'office.day_started', { seq: 57 })).seq).toBe(57);
	});

	it('adds an issued ticket', () => {
		const s = snapshot();
		const t = ticket(1);
		const next = applyEvent(s, event(s, 'ticket.issued', { ticket: t }));
		expect(next.tickets).toEqual([t]);
		expect(next.recentCalls).toEqual([]);
	});

	it('keeps tickets sorted by arrival, then id', () => {
		const s = snapshot({ tickets: [ticket(1, { arrivedAt: at(1) }), ticket(3, { arrivedAt: at(5) })] });
		// A transferred ticket keeps its early arrival; a later id with the same arrival goes after.
		const early = ticket(9, { arrivedAt: at(0) });
		const tie = ticket(2, { arrivedAt: at(5) });
		const tie2 = ticket(8, { arrivedAt: at(5) });
		let next = applyEvent(s, event(s, 'ticket.issued', { ticket: tie2 }));
		next = applyEvent(next, event(next, 'ticket.issued', { ticket: early }));
		next = applyEvent(next, event(next, 'ticket.issued', { ticket: tie }));
		expect(next.tickets.map((t) => t.id)).toEqual([9, 1, 2, 3, 8]);
	});

	it('replaces a ticket that is already there instead of adding it twice', () => {
		const s = snapshot({ tickets: [ticket(1), ticket(2)] });
		const t = ticket(1, { serviceId: 2, queuedAt: at(20) });
		const next = applyEvent(s, event(s, 'ticket.transferred', { ticket: t }));
		expect(next.tickets).toHaveLength(2);
		expect(next.tickets[0]).toEqual(t);
	});

	it('puts a called ticket at the front of recentCalls and updates it in tickets', () => {
		const s = snapshot({ tickets: [ticket(1), ticket(2)], recentCalls: [ticket(5, { state: 'done' })] });
		const called = ticket(2, { state: 'called', deskId: 1, calledAt: at(30), callCount: 1 });
		const next = applyEvent(s, event(s, 'ticket.called', { ticket: called, desk: desk(1) }));
		expect(next.recentCalls.map((t) => t.id)).toEqual([2, 5]);
		expect(next.recentCalls[0]).toEqual(called);
		expect(next.tickets.find((t) => t.id === 2)).toEqual(called);
		expect(next.tickets).toHaveLength(2);
	});

	it('orders recent calls as the snapshot does (called_at, newest first) when two desks commit out of clock order', () => {
		const s = snapshot({ tickets: [ticket(1), ticket(2)] });
		// Desk 2's call took its time earlier but committed second.
		const first = applyEvent(
			s,
			event(s, 'ticket.called', { ticket: ticket(1, { state: 'called', deskId: 1, calledAt: at(31), callCount: 1 }) })
		);
		const second = applyEvent(
			first,
			event(first, 'ticket.called', { ticket: ticket(2, { state: 'called', deskId: 2, calledAt: at(30), callCount: 1 }) })
		);
		expect(second.recentCalls.map((t) => t.id)).toEqual([1, 2]);
	});

	it('moves a recalled ticket to the front without duplicating it', () => {
		const first = ticket(2, { state: 'called', deskId: 1, callCount: 1 });
		const s = snapshot({ tickets: [first], recentCalls: [ticket(3, { state: 'called', deskId: 2 }), first, ticket(1, { state: 'done' })] });
		const recalled = { ...first, callCount: 2, calledAt: at(31) };
		const next = applyEvent(s, event(s, 'ticket.recalled', { ticket: recalled }));
		expect(next.recentCalls.map((t) => t.id)).toEqual([2, 3, 1]);
		expect(next.recentCalls[0]!.callCount).toBe(2);
	});

	it('keeps at most RECENT_CALLS recent calls, dropping the oldest', () => {
		const recent = Array.from({ length: RECENT_CALLS }, (_, i) => ticket(100 + i, { state: 'done' }));
		const s = snapshot({ recentCalls: recent });
		const called = ticket(1, { state: 'called', deskId: 1 });
		const next = applyEvent(s, event(s, 'ticket.called', { ticket: called }));
		expect(next.recentCalls).toHaveLength(RECENT_CALLS);
		expect(next.recentCalls[0]!.id).toBe(1);
		expect(next.recentCalls.map((t) => t.id)).not.toContain(100 + RECENT_CALLS - 1);
		expect(next.recentCalls[1]!.id).toBe(100);
	});

	it.each([
		['ticket.finished', 'done'],
		['ticket.no_show', 'no_show'],
		['ticket.cancelled', 'cancelled']
	] as const)('%s removes the ticket from the queue but updates its recent call', (type, state) => {
		const called = ticket(2, { state: 'serving', deskId: 1 });
		const s = snapshot({ tickets: [ticket(1), called], recentCalls: [called] });
		const ended = ticket(2, { state, deskId: null, finishedAt: at(40) });
		const next = applyEvent(s, event(s, type, { ticket: ended }));
		expect(next.tickets.map((t) => t.id)).toEqual([1]);
		expect(next.recentCalls).toEqual([ended]);
	});

	it('does not add a ticket to recentCalls for events other than a call', () => {
		const s = snapshot({ tickets: [ticket(1)] });
		const next = applyEvent(s, event(s, 'ticket.cancelled', { ticket: ticket(1, { state: 'cancelled' }) }));
		expect(next.recentCalls).toEqual([]);
		expect(next.tickets).toEqual([]);
	});

	it('keeps a returned ticket in recentCalls, updated, and back in the queue', () => {
		const called = ticket(2, { state: 'called', deskId: 1 });
		const s = snapshot({ tickets: [called], recentCalls: [called] });
		const back = ticket(2, { state: 'waiting', deskId: null, queuedAt: at(35) });
		const next = applyEvent(s, event(s, 'ticket.returned', { ticket: back }));
		expect(next.tickets).toEqual([back]);
		expect(next.recentCalls).toEqual([back]);
	});

	it('replaces a known desk and adds an unknown one', () => {
		const s = snapshot();
		const paused = desk(1, { state: 'paused', staffId: 4 });
		let next = applyEvent(s, event(s, 'desk.paused', { desk: paused }));
		expect(next.desks).toEqual([paused, desk(2, { state: 'closed' })]);
		const added = desk(3, { number: 7 });
		next = applyEvent(next, event(next, 'desk.opened', { desk: added }));
		expect(next.desks.map((d) => d.id)).toEqual([1, 2, 3]);
		expect(next.desks[2]).toEqual(added);
	});

	it('updates the finished ticket’s service average from data.averageServiceSec', () => {
		const serving = ticket(2, { serviceId: 2, state: 'serving', deskId: 1 });
		const s = snapshot({ tickets: [serving] });
		const done = ticket(2, { serviceId: 2, state: 'done', deskId: null });
		const next = applyEvent(s, event(s, 'ticket.finished', { ticket: done, data: { averageServiceSec: 420 } }));
		expect(next.services.find((x) => x.id === 2)!.averageServiceSec).toBe(420);
		expect(next.services.find((x) => x.id === 1)!.averageServiceSec).toBe(600);
	});

	it('leaves averages alone without a numeric averageServiceSec or on other event types', () => {
		const s = snapshot({ tickets: [ticket(2)] });
		const done = ticket(2, { state: 'done' });
		const a = applyEvent(s, event(s, 'ticket.finished', { ticket: done, data: {} }));
		const b = applyEvent(s, event(s, 'ticket.finished', { ticket: done, data: { averageServiceSec: '420' } }));
		const c = applyEvent(s, event(s, 'ticket.no_show', { ticket: ticket(2, { state: 'no_show' }), data: { averageServiceSec: 5 } }));
		for (const next of [a, b, c]) expect(next.services).toEqual(s.services);
	});

	it('does not mutate the snapshot it is given', () => {
		const recent = Array.from({ length: RECENT_CALLS }, (_, i) => ticket(100 + i, { state: 'done' }));
		const s = snapshot({
			tickets: [ticket(3), ticket(1), ticket(2, { state: 'serving', deskId: 1 })],
			recentCalls: [ticket(2, { state: 'serving', deskId: 1 }), ...recent]
		});
		const before = frozenCopy(s);
		const refs = { tickets: s.tickets, recentCalls: s.recentCalls, desks: s.desks, services: s.services };
		const events: QueueEvent[] = [
			event(s, 'ticket.issued', { ticket: ticket(0, { arrivedAt: at(-5) }) }),
			event(s, 'ticket.called', { ticket: ticket(1, { state: 'called', deskId: 2 }), desk: desk(2) }),
			event(s, 'ticket.finished', { ticket: ticket(2, { state: 'done' }), desk: desk(1), data: { averageServiceSec: 1 } }),
			event(s, 'desk.opened', { desk: desk(9) })
		];
		for (const e of events) {
			const next = applyEvent(s, e);
			expect(next).not.toBe(s);
		}
		expect(s).toEqual(before);
		expect(s.tickets).toBe(refs.tickets);
		expect(s.recentCalls).toBe(refs.recentCalls);
		expect(s.desks).toBe(refs.desks);
		expect(s.services).toBe(refs.services);
	});

	it('carries the office, day and categories over unchanged', () => {
		const s = snapshot();
		const next = applyEvent(s, event(s, 'ticket.issued', { ticket: ticket(1) }));
		expect(next.office).toBe(s.office);
		expect(next.day).toBe(s.day);
		expect(next.categories).toBe(s.categories);
	});
});
