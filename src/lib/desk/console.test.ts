import { describe, expect, it } from 'vitest';
import type { DeskView, OfficeSnapshot, TicketView } from '$lib/realtime/types';
import { at, ticket as viewTicket } from '$lib/realtime/view-fixtures';
import { actionForKey, currentTicket, enabledActions, secondsSince, waitingFor } from './console';

const desk = (over: Partial<DeskView> = {}): DeskView => ({
	id: 1,
	number: 1,
	name: 'Окно 1',
	state: 'open',
	staffId: 7,
	services: [{ serviceId: 10, priority: 10 }],
	...over
});
let nextId = 1;
// Arrived at 09:00 UTC (the snapshot's server time), service 10, number П001 whatever the id.
const ticket = (over: Partial<TicketView> = {}): TicketView =>
	viewTicket(nextId++, { number: 'П001', serviceId: 10, arrivedAt: at(120), queuedAt: at(120), ...over });
const snapshot = (tickets: TicketView[], desks = [desk()]): OfficeSnapshot => ({
	office: { id: 1, slug: 'a', nameRu: 'А', nameEn: 'A', addressRu: '', addressEn: '', timeZone: 'Europe/Moscow' },
	seq: 1,
	day: '2025-03-03',
	serverTime: '2025-03-03T09:00:00.000Z',
	categories: [],
	services: [],
	desks,
	tickets,
	recentCalls: []
});
const sorted = (s: Set<string>) => [...s].sort();

describe('console state', () => {
	it('lists the tickets this desk may call, oldest first, without other services or other desks’ transfers', () => {
		const late = ticket({ arrivedAt: '2025-03-03T09:10:00.000Z' });
		const early = ticket({ arrivedAt: '2025-03-03T09:01:00.000Z' });
		const otherService = ticket({ serviceId: 11 });
		const sentHere = ticket({ serviceId: 11, targetDeskId: 1, arrivedAt: '2025-03-03T09:05:00.000Z' });
		const sentElsewhere = ticket({ targetDeskId: 2 });
		const called = ticket({ state: 'called', deskId: 2 });
		const s = snapshot([late, early, otherService, sentHere, sentElsewhere, called]);
		expect(waitingFor(s, desk()).map((t) => t.id)).toEqual([early.id, sentHere.id, late.id]);
	});

	it('finds the visitor at this desk only', () => {
		const mine = ticket({ state: 'serving', deskId: 1 });
		const s = snapshot([ticket({ state: 'called', deskId: 2 }), mine]);
		expect(currentTicket(s, 1)?.id).toBe(mine.id);
		expect(currentTicket(s, 3)).toBeNull();
	});
});

describe('enabled actions', () => {
	it('an open idle desk may call next, pause or close', () => {
		expect(sorted(enabledActions(desk(), null))).toEqual(['callNext', 'close', 'pause']);
	});
	it('a paused desk may only resume or close: call next is unavailable', () => {
		const on = enabledActions(desk({ state: 'paused' }), null);
		expect(sorted(on)).toEqual(['close', 'resume']);
		expect(on.has('callNext')).toBe(false);
	});
	it('a closed desk may only open', () => {
		expect(sorted(enabledActions(desk({ state: 'closed' }), null))).toEqual(['open']);
	});
	it('a called visitor: recall, start, no-show, transfer, return', () => {
		expect(sorted(enabledActions(desk(), ticket({ state: 'called', deskId: 1 })))).toEqual([
			'noShow',
			'recall',
			'returnToQueue',
			'start',
			'transfer'
		]);
	});
	it('a visitor being served: finish, transfer, return', () => {
		expect(sorted(enabledActions(desk(), ticket({ state: 'serving', deskId: 1 })))).toEqual(['finish', 'returnToQueue', 'transfer']);
	});
	it('no desk chosen: nothing', () => {
		expect(enabledActions(null, null).size).toBe(0);
	});
});

describe('shortcuts', () => {
	const key = (code: string, extra: Record<string, unknown> = {}) => ({ code, ctrlKey: false, altKey: false, metaKey: false, ...extra });
	it('maps physical keys to enabled actions only', () => {
		const on = enabledActions(desk(), null);
		expect(actionForKey(key('KeyN'), on)).toBe('callNext');
		expect(actionForKey(key('KeyP'), on)).toBe('pause');
		expect(actionForKey(key('KeyF'), on)).toBeNull();
		expect(actionForKey(key('KeyP'), enabledActions(desk({ state: 'paused' }), null))).toBe('resume');
	});
	it('ignores keys typed into a field or with a modifier', () => {
		const on = enabledActions(desk(), null);
		expect(actionForKey(key('KeyN', { target: { tagName: 'INPUT' } }), on)).toBeNull();
		expect(actionForKey(key('KeyN', { ctrlKey: true }), on)).toBeNull();
	});
	it('waiting time never goes negative', () => {
		expect(secondsSince('2025-03-03T09:00:00.000Z', Date.parse('2025-03-03T09:02:30.000Z'))).toBe(150);
		expect(secondsSince('2025-03-03T09:00:00.000Z', Date.parse('2025-03-03T08:59:00.000Z'))).toBe(0);
	});
});
