import { describe, expect, it } from 'vitest';
import { applyLiveEvent, deskRows, levelOf, liveAlerts, meanWaitSec, serviceRows, visibleAlerts, type LiveExtras } from './live';
import { at, service, testOffice, ticket, T0 } from '$lib/realtime/view-fixtures';
import type { DeskView, OfficeSnapshot, QueueEvent } from '$lib/realtime/types';

const desk = (id: number, over: Partial<DeskView> = {}): DeskView => ({
	id,
	number: id,
	name: `Окно ${id}`,
	state: 'open',
	staffId: null,
	services: [{ serviceId: 1, priority: 5 }],
	...over
});

function snapshot(over: Partial<OfficeSnapshot> = {}): OfficeSnapshot {
	return {
		office: testOffice,
		seq: 1,
		day: '2025-03-03',
		serverTime: at(0),
		categories: [],
		services: [service(1, 600)], // target 15 min
		desks: [desk(1)],
		tickets: [],
		recentCalls: [],
		...over
	};
}

const extras = (over: Partial<LiveExtras> = {}): LiveExtras => ({
	officeId: 1,
	desks: [],
	today: { issued: 0, served: 0, noShow: 0, waitSumSec: 0, waitCount: 0 },
	devices: [],
	acknowledged: [],
	serverTime: at(0),
	...over
});
const minute = (m: number) => new Date(T0 + m * 60_000);

describe('alerts of the live dashboard', () => {
	it('raises "waiting past the target" once the wait exceeds the service target, not before', () => {
		const s = snapshot({ tickets: [ticket(0)] }); // arrived at T0, target 15 min
		expect(liveAlerts(s, null, minute(15))).toEqual([]);
		expect(liveAlerts(s, null, minute(16))).toEqual([
			{ key: 'wait:0', kind: 'over_target', since: at(15), ticketNumber: 'П000', serviceId: 1 }
		]);
		// Called visitors are no longer waiting.
		expect(liveAlerts(snapshot({ tickets: [ticket(0, { state: 'called', deskId: 1 })] }), null, minute(30))).toEqual([]);
	});

	it('counts an appointment’s wait from its slot, not its early arrival', () => {
		const s = snapshot({ tickets: [ticket(0, { category: 'appointment', appointmentAt: at(30) })] });
		expect(liveAlerts(s, null, minute(40))).toEqual([]);
		expect(liveAlerts(s, null, minute(46)).map((a) => a.key)).toEqual(['wait:0']);
	});

	it('raises a desk paused over 15 minutes, keyed by the pause so a new pause is a new alert', () => {
		const s = snapshot({ desks: [desk(1, { state: 'paused' })] });
		const x = extras({ desks: [{ deskId: 1, pausedSince: at(0), operatorName: 'Оператор' }] });
		expect(liveAlerts(s, x, minute(15))).toEqual([]);
		expect(liveAlerts(s, x, minute(16))).toEqual([{ key: `pause:1:${at(0)}`, kind: 'desk_paused', since: at(0), deskNumber: 1 }]);
		// Resumed: the pause time stays in the extras until the event clears it, but the desk is open.
		expect(liveAlerts(snapshot(), x, minute(30))).toEqual([]);
	});

	it('raises a kiosk printer out of paper, and a device offline after a minute’s grace', () => {
		const x = extras({
			devices: [
				{ deviceId: 5, kind: 'kiosk', name: 'Киоск', online: true, offlineSince: null, printer: 'paper_out', printerSince: at(1) },
				{ deviceId: 6, kind: 'display', name: 'Табло', online: false, offlineSince: at(2), printer: null, printerSince: null },
				{ deviceId: 7, kind: 'kiosk', name: 'Киоск 2', online: true, offlineSince: null, printer: 'online', printerSince: at(0) },
				{ deviceId: 8, kind: 'display', name: 'Новое', online: false, offlineSince: null, printer: null, printerSince: null }
			]
		});
		expect(liveAlerts(snapshot(), x, minute(2.5)).map((a) => a.key)).toEqual([`printer:5:paper_out:${at(1)}`]);
		expect(liveAlerts(snapshot(), x, minute(4)).map((a) => [a.kind, a.deviceName])).toEqual([
			['printer', 'Киоск'],
			['device_offline', 'Табло']
		]);
	});

	it('hides acknowledged alerts', () => {
		const s = snapshot({ tickets: [ticket(0), ticket(1)] });
		const all = liveAlerts(s, null, minute(60));
		expect(visibleAlerts(all, new Set(['wait:0'])).map((a) => a.key)).toEqual(['wait:1']);
	});
});

describe('figures of the live dashboard', () => {
	it('colours a service by its estimate and longest wait against the target', () => {
		expect(levelOf(600, 0, 900)).toBe('green');
		expect(levelOf(700, 0, 900)).toBe('amber');
		expect(levelOf(100, 901, 900)).toBe('red');
		expect(levelOf(null, 0, 900)).toBe('green');
		// Two waiting, 200 s a visit, one desk: estimate 400 s; the first has waited 12 min of 15.
		const s = snapshot({ services: [service(1, 200)], tickets: [ticket(0), ticket(5)] });
		expect(serviceRows(s, minute(12))[0]).toMatchObject({ waiting: 2, longestWaitSec: 720, targetSec: 900, level: 'amber' });
		expect(serviceRows(s, minute(16))[0]!.level).toBe('red');
		expect(serviceRows(snapshot({ services: [service(1, 200)], tickets: [ticket(5)] }), minute(10))[0]!.level).toBe('green');
	});

	it('shows each desk: paused for how long, serving whom for how long, the operator', () => {
		const s = snapshot({
			desks: [desk(2, { state: 'paused', staffId: 9 }), desk(1, { staffId: 8 })],
			tickets: [ticket(3, { state: 'serving', deskId: 1, calledAt: at(4), startedAt: at(5) })]
		});
		const x = extras({
			desks: [
				{ deskId: 1, pausedSince: null, operatorName: 'Анна' },
				{ deskId: 2, pausedSince: at(2), operatorName: 'Борис' }
			]
		});
		expect(deskRows(s, x, minute(10))).toEqual([
			{
				deskId: 1,
				number: 1,
				name: 'Окно 1',
				state: 'open',
				pausedForSec: null,
				ticket: { number: 'П003', state: 'serving', forSec: 300 },
				operatorName: 'Анна'
			},
			{ deskId: 2, number: 2, name: 'Окно 2', state: 'paused', pausedForSec: 480, ticket: null, operatorName: 'Борис' }
		]);
	});

	it('keeps today’s figures running from the events', () => {
		const ev = (type: QueueEvent['type'], over: Partial<QueueEvent> = {}) =>
			({ officeId: 1, seq: 2, type, at: at(10), ticket: null, desk: null, staffId: null, deviceId: null, data: {}, ...over }) as QueueEvent;
		let x = extras();
		x = applyLiveEvent(x, ev('ticket.issued', { ticket: ticket(1) }));
		x = applyLiveEvent(x, ev('ticket.called', { ticket: ticket(1, { state: 'called', callCount: 1, calledAt: at(7) }) }));
		x = applyLiveEvent(x, ev('ticket.recalled', { ticket: ticket(1, { state: 'called', callCount: 2, calledAt: at(8) }) }));
		x = applyLiveEvent(x, ev('ticket.finished', { ticket: ticket(1, { state: 'done' }) }));
		x = applyLiveEvent(x, ev('ticket.no_show', { ticket: ticket(2, { state: 'no_show' }) }));
		expect(x.today).toEqual({ issued: 1, served: 1, noShow: 1, waitSumSec: 360, waitCount: 1 });
		expect(meanWaitSec(x.today)).toBe(360);
		x = applyLiveEvent(x, ev('desk.paused', { desk: desk(1, { state: 'paused' }) }));
		expect(x.desks).toEqual([{ deskId: 1, pausedSince: at(10), operatorName: null }]);
		x = applyLiveEvent(x, ev('desk.resumed', { desk: desk(1) }));
		expect(x.desks[0]!.pausedSince).toBeNull();
	});
});
