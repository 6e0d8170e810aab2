import { describe, expect, it } from 'vitest';
import { TicketState } from './states';
import { allowedFrom, canDo, type TicketAction } from './transitions';

/**
 * Written by hand from DESIGN.md's ticket life cycle, not derived from `allowedFrom`:
 * waiting -> called -> serving -> done; called -> no_show; called|serving -> waiting
 * (returned or transferred); waiting -> cancelled; a recall repeats a call, so only from called;
 * waiting|called -> expired by the nightly job only (no desk action leads there or leaves it).
 */
const expected: Record<TicketAction, Record<TicketState, boolean>> = {
	//              waiting  called  serving  done   no_show  cancelled  expired
	call: { waiting: true, called: false, serving: false, done: false, no_show: false, cancelled: false, expired: false },
	recall: { waiting: false, called: true, serving: false, done: false, no_show: false, cancelled: false, expired: false },
	start: { waiting: false, called: true, serving: false, done: false, no_show: false, cancelled: false, expired: false },
	finish: { waiting: false, called: false, serving: true, done: false, no_show: false, cancelled: false, expired: false },
	noShow: { waiting: false, called: true, serving: false, done: false, no_show: false, cancelled: false, expired: false },
	transfer: { waiting: false, called: true, serving: true, done: false, no_show: false, cancelled: false, expired: false },
	returnToQueue: { waiting: false, called: true, serving: true, done: false, no_show: false, cancelled: false, expired: false },
	cancel: { waiting: true, called: false, serving: false, done: false, no_show: false, cancelled: false, expired: false }
};

const actions = Object.keys(expected) as TicketAction[];
const states = Object.values(TicketState);
const pairs = actions.flatMap((action) => states.map((state) => [action, state, expected[action][state]] as const));

describe('canDo', () => {
	it('knows exactly the actions of the hand-written table', () => {
		expect(Object.keys(allowedFrom).sort()).toEqual([...actions].sort());
	});

	it('the table covers all seven ticket states', () => {
		expect([...states].sort()).toEqual(['called', 'cancelled', 'done', 'expired', 'no_show', 'serving', 'waiting']);
	});

	it.each(pairs)('%s from %s: %s', (action, state, allowed) => {
		expect(canDo(action, state)).toBe(allowed);
	});

	it('allows nothing from a final state (done, no_show, cancelled, expired)', () => {
		for (const state of ['done', 'no_show', 'cancelled', 'expired'] as const) {
			for (const action of actions) expect(canDo(action, state)).toBe(false);
		}
	});

	it('lets a waiting ticket only be called or cancelled', () => {
		expect(actions.filter((a) => canDo(a, 'waiting')).sort()).toEqual(['call', 'cancel']);
	});

	it('lets a called ticket be recalled, started, marked no-show, transferred or returned, but not finished', () => {
		expect(actions.filter((a) => canDo(a, 'called')).sort()).toEqual(['noShow', 'recall', 'returnToQueue', 'start', 'transfer']);
		expect(canDo('finish', 'called')).toBe(false);
	});

	it('lets a ticket in service be finished, transferred or returned, but not recalled or marked no-show', () => {
		expect(actions.filter((a) => canDo(a, 'serving')).sort()).toEqual(['finish', 'returnToQueue', 'transfer']);
		expect(canDo('recall', 'serving')).toBe(false);
		expect(canDo('noShow', 'serving')).toBe(false);
	});

	it('walks the happy path waiting -> called -> serving -> done one step at a time', () => {
		expect(canDo('call', 'waiting')).toBe(true);
		expect(canDo('start', 'called')).toBe(true);
		expect(canDo('finish', 'serving')).toBe(true);
		// and refuses skipping a step
		expect(canDo('start', 'waiting')).toBe(false);
		expect(canDo('finish', 'waiting')).toBe(false);
	});

	it('refuses a state that is not a ticket state', () => {
		expect(canDo('call', 'lost' as TicketState)).toBe(false);
	});
});
