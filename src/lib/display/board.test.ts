import { describe, expect, it } from 'vitest';
import { activeCalls, announcementFor, deskIndicator, lastCalls, serviceRows } from './board';
import { contrastRatio, palette, textPairs } from './contrast';
import type { DeskView, OfficeSnapshot, QueueEvent, TicketView } from '$lib/realtime/types';

const desk = (id: number, number: number, state: DeskView['state'] = 'open'): DeskView => ({
	id,
	number,
	name: `Окно ${number}`,
	state,
	staffId: null,
	services: [{ serviceId: 1, priority: 5 }]
});
const ticket = (
	id: number,
	number: string,
	state: TicketView['state'],
	deskId: number | null,
	calledAt: string | null,
	callCount = 1
): TicketView => ({
	id,
	number,
	serviceId: 1,
	state,
	category: 'ordinary',
	priorityReason: null,
	source: 'kiosk',
	arrivedAt: '2026-11-25T07:00:00Z',
	queuedAt: '2026-11-25T07:00:00Z',
	appointmentAt: null,
	deskId,
	targetDeskId: null,
	calledAt,
	startedAt: null,
	finishedAt: null,
	callCount,
	awaitingCheckIn: false
});

function snapshot(): OfficeSnapshot {
	const t1 = ticket(1, 'П001', 'serving', 10, '2026-11-25T08:00:00Z');
	const t2 = ticket(2, 'П002', 'called', 20, '2026-11-25T08:05:00Z');
	const t3 = ticket(3, 'П003', 'waiting', null, null, 0);
	const t0 = ticket(9, 'П000', 'done', 10, '2026-11-25T07:50:00Z');
	return {
		office: { id: 7, slug: 'x', nameRu: 'Офис', nameEn: 'Office', addressRu: '', addressEn: '', timeZone: 'Europe/Moscow' },
		seq: 10,
		day: '2026-11-25',
		serverTime: '2026-11-25T08:06:00Z',
		categories: [],
		services: [
			{
				id: 1,
				categoryId: null,
				nameRu: 'Паспорт',
				nameEn: 'Passport',
				prefix: 'П',
				durationMin: 10,
				targetWaitMin: 15,
				documentsRu: [],
				documentsEn: [],
				bookable: false,
				kiosk: true,
				priorityAllowed: true,
				takenToday: 0,
				averageServiceSec: 600
			},
			{
				id: 2,
				categoryId: null,
				nameRu: 'Закрыто',
				nameEn: 'Closed',
				prefix: 'З',
				durationMin: 10,
				targetWaitMin: 15,
				documentsRu: [],
				documentsEn: [],
				bookable: false,
				kiosk: true,
				priorityAllowed: true,
				takenToday: 0,
				averageServiceSec: 600
			}
		],
		desks: [desk(10, 1), desk(20, 5), desk(30, 7, 'closed')],
		tickets: [t1, t2, t3],
		recentCalls: [t2, t1, t0]
	};
}

const event = (type: QueueEvent['type'], t: TicketView | null, seq = 11): QueueEvent => ({
	officeId: 7,
	seq,
	type,
	at: '2026-11-25T08:07:00Z',
	ticket: t,
	desk: null,
	staffId: 1,
	deviceId: null,
	data: {}
});

describe('board view', () => {
	it('active calls: tickets at a desk, newest call first, with desk numbers', () => {
		expect(activeCalls(snapshot()).map((c) => [c.number, c.deskNumber, c.state])).toEqual([
			['П002', 5, 'called'],
			['П001', 1, 'serving']
		]);
	});

	it('last calls exclude tickets still at a desk', () => {
		expect(lastCalls(snapshot())).toEqual([{ number: 'П000', deskNumber: 1 }]);
	});

	it('services: waiting counts and estimates; a service nobody serves and nobody waits for is hidden', () => {
		const rows = serviceRows(snapshot());
		expect(rows.map((r) => [r.prefix, r.waiting])).toEqual([['П', 1]]);
		expect(rows[0]!.estimatedWaitSec).toBeGreaterThan(0);
	});

	it('desk indicator: the ticket at that desk, or none, or null for an unknown desk', () => {
		expect(deskIndicator(snapshot(), 5)?.ticket).toMatchObject({ number: 'П002', state: 'called' });
		expect(deskIndicator(snapshot(), 7)).toMatchObject({ deskState: 'closed', ticket: null });
		expect(deskIndicator(snapshot(), 99)).toBeNull();
	});

	it('announces live calls and recalls only, never a snapshot', () => {
		const s = snapshot();
		const called = ticket(3, 'П003', 'called', 20, '2026-11-25T08:07:00Z');
		expect(announcementFor(s, { kind: 'snapshot' }, 'ru')).toBeNull();
		const a = announcementFor(s, { kind: 'event', event: event('ticket.called', called) }, 'ru');
		expect(a).toMatchObject({ key: '7:11', ticketNumber: 'П003', deskNumber: 5 });
		expect(a!.utterances.map((u) => u.text)).toEqual(['Талон П три, пройдите к окну пять']);
		const recall = announcementFor(s, { kind: 'event', event: event('ticket.recalled', { ...called, callCount: 2 }, 12) }, 'both');
		expect(recall!.key).toBe('7:12');
		expect(recall!.utterances).toHaveLength(2);
		expect(announcementFor(s, { kind: 'event', event: event('ticket.started', called) }, 'ru')).toBeNull();
		expect(announcementFor(s, { kind: 'event', event: event('ticket.issued', ticket(4, 'П004', 'waiting', null, null)) }, 'ru')).toBeNull();
	});

	it('a desk indicator announces only its own desk', () => {
		const called = ticket(3, 'П003', 'called', 20, '2026-11-25T08:07:00Z');
		expect(announcementFor(snapshot(), { kind: 'event', event: event('ticket.called', called) }, 'ru', 1)).toBeNull();
		expect(announcementFor(snapshot(), { kind: 'event', event: event('ticket.called', called) }, 'ru', 5)).not.toBeNull();
	});
});

describe('board palette', () => {
	it.each(textPairs)('%s on %s is at least 7:1', (fg, bg) => {
		expect(contrastRatio(palette[fg], palette[bg])).toBeGreaterThanOrEqual(7);
	});
	it('contrast ratio of black on white is 21', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
	});
});
