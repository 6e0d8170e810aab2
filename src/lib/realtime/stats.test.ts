import { describe, expect, it } from 'vitest';
import { aheadOf, serviceStats } from './stats';
import type { DeskView, OfficeSnapshot } from './types';
import { T0, at, service, testOffice, ticket } from './view-fixtures';

const NOW = new Date(T0 + 60 * 60_000);

function desk(id: number, state: DeskView['state'], serviceIds: number[]): DeskView {
	return {
		id,
		number: id,
		name: `Окно ${id}`,
		state,
		staffId: null,
		services: serviceIds.map((serviceId) => ({ serviceId, priority: 5 }))
	};
}

function snapshot(over: Partial<OfficeSnapshot> = {}): OfficeSnapshot {
	return {
		office: testOffice,
		seq: 0,
		day: '2025-03-03',
		serverTime: NOW.toISOString(),
		categories: [],
		services: [],
		desks: [],
		tickets: [],
		recentCalls: [],
		...over
	};
}

const statOf = (s: OfficeSnapshot, serviceId: number) => serviceStats(s).find((x) => x.serviceId === serviceId)!;

describe('serviceStats', () => {
	it('gives one entry per service, in the snapshot’s order', () => {
		const s = snapshot({ services: [service(3, 60), service(1, 60), service(2, 60)] });
		expect(serviceStats(s).map((x) => x.serviceId)).toEqual([3, 1, 2]);
	});

	it('counts only waiting tickets of each service', () => {
		const s = snapshot({
			services: [service(1, 600), service(2, 300)],
			desks: [desk(1, 'open', [1, 2])],
			tickets: [
				ticket(1),
				ticket(2),
				ticket(3, { state: 'called', deskId: 1 }),
				ticket(4, { state: 'serving', deskId: 1 }),
				ticket(5, { serviceId: 2 }),
				ticket(6)
			]
		});
		expect(statOf(s, 1).waiting).toBe(3);
		expect(statOf(s, 2).waiting).toBe(1);
	});

	it('counts open and paused desks that serve the service, not closed ones or other services’ desks', () => {
		const s = snapshot({
			services: [service(1, 600), service(2, 300)],
			desks: [desk(1, 'open', [1]), desk(2, 'paused', [1, 2]), desk(3, 'closed', [1]), desk(4, 'open', [2])]
		});
		expect(statOf(s, 1).openDesks).toBe(2);
		expect(statOf(s, 2).openDesks).toBe(2);
	});

	it('estimates waiting x average service time / open desks', () => {
		const s = snapshot({
			services: [service(1, 600)],
			desks: [desk(1, 'open', [1]), desk(2, 'open', [1]), desk(3, 'closed', [1]), desk(4, 'closed', [1])],
			tickets: [ticket(1), ticket(2), ticket(3), ticket(4), ticket(5), ticket(6)]
		});
		// 6 waiting x 600 s / 2 open desks (the two closed ones do not count while others are open).
		expect(statOf(s, 1)).toEqual({ serviceId: 1, waiting: 6, openDesks: 2, estimatedWaitSec: 1800 });
	});

	it('falls back to the configured desks when none that serve it is open', () => {
		const s = snapshot({
			services: [service(1, 600)],
			desks: [desk(1, 'closed', [1]), desk(2, 'closed', [1]), desk(3, 'open', [2])],
			tickets: [ticket(1), ticket(2)]
		});
		expect(statOf(s, 1)).toEqual({ serviceId: 1, waiting: 2, openDesks: 0, estimatedWaitSec: 600 });
	});

	it('is null when no desk serves the service at all', () => {
		const s = snapshot({ services: [service(1, 600), service(2, 60)], desks: [desk(1, 'open', [2])], tickets: [ticket(1)] });
		expect(statOf(s, 1)).toEqual({ serviceId: 1, waiting: 1, openDesks: 0, estimatedWaitSec: null });
	});

	it('is zero when nobody waits', () => {
		const s = snapshot({
			services: [service(1, 600)],
			desks: [desk(1, 'open', [1])],
			tickets: [ticket(1, { state: 'serving', deskId: 1 })]
		});
		expect(statOf(s, 1).estimatedWaitSec).toBe(0);
	});

	it('uses the service’s current rolling average', () => {
		const desks = [desk(1, 'open', [1, 2])];
		const tickets = [ticket(1), ticket(2, { serviceId: 2 })];
		const s = snapshot({ services: [service(1, 600), service(2, 90)], desks, tickets });
		expect(statOf(s, 1).estimatedWaitSec).toBe(600);
		expect(statOf(s, 2).estimatedWaitSec).toBe(90);
	});
});

describe('aheadOf', () => {
	it('counts earlier ordinary visitors of the same service', () => {
		const s = snapshot({ tickets: [ticket(1), ticket(2), ticket(3), ticket(4)] });
		expect(aheadOf(s, 1, NOW)).toBe(0);
		expect(aheadOf(s, 3, NOW)).toBe(2);
		expect(aheadOf(s, 4, NOW)).toBe(3);
	});

	it('ignores other services and tickets already called or being served', () => {
		const s = snapshot({
			tickets: [
				ticket(1, { serviceId: 2 }),
				ticket(2, { state: 'called', deskId: 1 }),
				ticket(3, { state: 'serving', deskId: 2 }),
				ticket(4),
				ticket(5)
			]
		});
		expect(aheadOf(s, 5, NOW)).toBe(1);
	});

	it('counts a remote ticket awaiting its check-in ahead of nobody, unless the office calls such tickets', () => {
		const s = snapshot({ tickets: [ticket(1, { source: 'remote', awaitingCheckIn: true }), ticket(2), ticket(3)] });
		expect(aheadOf(s, 3, NOW)).toBe(1);
		expect(aheadOf(s, 3, NOW, true)).toBe(2);
		// The remote ticket itself still has its place among those called.
		expect(aheadOf(s, 1, NOW)).toBe(0);
		const arrived = snapshot({ tickets: [ticket(1, { source: 'remote' }), ticket(2), ticket(3)] });
		expect(aheadOf(arrived, 3, NOW)).toBe(2);
	});

	it('puts a priority visitor ahead of earlier ordinary ones', () => {
		const s = snapshot({ tickets: [ticket(1), ticket(2), ticket(3, { category: 'priority', priorityReason: 'disabled' }), ticket(4)] });
		expect(aheadOf(s, 3, NOW)).toBe(0);
		expect(aheadOf(s, 1, NOW)).toBe(1);
		expect(aheadOf(s, 4, NOW)).toBe(3);
	});

	it('puts an appointment whose time has come first, even before priority visitors', () => {
		const s = snapshot({
			tickets: [
				ticket(1, { category: 'priority', priorityReason: 'veteran' }),
				ticket(2),
				ticket(3, { category: 'appointment', source: 'booking', appointmentAt: NOW.toISOString() })
			]
		});
		expect(aheadOf(s, 3, NOW)).toBe(0);
		expect(aheadOf(s, 1, NOW)).toBe(1);
		expect(aheadOf(s, 2, NOW)).toBe(2);
	});

	it('treats an early-arrived appointment as ordinary until its slot starts', () => {
		const later = new Date(NOW.getTime() + 30 * 60_000).toISOString();
		const s = snapshot({
			tickets: [ticket(1), ticket(2, { category: 'appointment', source: 'booking', appointmentAt: later }), ticket(3)]
		});
		expect(aheadOf(s, 2, NOW)).toBe(1);
		// At the slot's start it goes first.
		expect(aheadOf(s, 2, new Date(later))).toBe(0);
	});

	it('orders appointments by slot, not by arrival', () => {
		const s = snapshot({
			tickets: [
				ticket(1, { category: 'appointment', appointmentAt: at(50) }),
				ticket(2, { category: 'appointment', appointmentAt: at(40) })
			]
		});
		expect(aheadOf(s, 2, NOW)).toBe(0);
		expect(aheadOf(s, 1, NOW)).toBe(1);
	});

	it('keeps a transferred ticket’s original arrival (arrivedAt, not queuedAt)', () => {
		const s = snapshot({ tickets: [ticket(5), ticket(6), ticket(1, { queuedAt: at(55) })] });
		expect(aheadOf(s, 1, NOW)).toBe(0);
	});

	it('is 0 for an unknown ticket or one that is not waiting', () => {
		const s = snapshot({ tickets: [ticket(1), ticket(2, { state: 'called', deskId: 1 })] });
		expect(aheadOf(s, 99, NOW)).toBe(0);
		expect(aheadOf(s, 2, NOW)).toBe(0);
	});
});
