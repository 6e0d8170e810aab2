/**
 * The supervisor's live dashboard (`/admin/live`, issue 12): what it shows and which alerts it
 * raises, as pure functions of the office's live state (the snapshot plus events from
 * `createOfficeFeed`), the dashboard's extras (`live:join`) and the time, which is passed in —
 * no clock, no server, so the rules are tested on fixed instants (live.test.ts).
 */
import type { OfficeSnapshot, QueueEvent, TicketView } from '$lib/realtime/types';
import type { PrinterState } from '$lib/kiosk/types';
import { serviceStats } from '$lib/realtime/stats';

/** A kiosk or a board as the dashboard knows it: online now, or since when it is not. */
export interface DeviceStatus {
	deviceId: number;
	kind: 'kiosk' | 'display';
	name: string;
	online: boolean;
	/** When it went offline (null: online, or never seen since it was paired). */
	offlineSince: string | null;
	/** A kiosk's printer (null for a board). */
	printer: PrinterState | null;
	/** Since when the printer has been in that state. */
	printerSince: string | null;
}

/** Today's running figures of the office (its local day). */
export interface TodayFigures {
	issued: number;
	served: number;
	noShow: number;
	/** Sum and count of waits (first call − arrival, or the slot for a late-arriving… see docs/reports.md). */
	waitSumSec: number;
	waitCount: number;
}

export interface DeskExtra {
	deskId: number;
	/** When the desk was paused (null unless paused). */
	pausedSince: string | null;
	/** The signed-in operator's display name (staff see it; boards never do). */
	operatorName: string | null;
}

/** What the dashboard needs beyond the office snapshot (`live:join`). */
export interface LiveExtras {
	officeId: number;
	desks: DeskExtra[];
	today: TodayFigures;
	devices: DeviceStatus[];
	/** Keys of the alerts someone has acknowledged. */
	acknowledged: string[];
	serverTime: string;
}

export const LIVE_RULES = {
	/** A desk paused longer than this raises an alert. */
	pauseAlertMs: 15 * 60_000,
	/** A device away longer than this is offline (a reconnect blip is not). */
	offlineGraceMs: 60_000,
	/** The estimate turns amber above this share of the target wait. */
	amberShare: 0.75
} as const;

export type Level = 'green' | 'amber' | 'red';

export interface ServiceRow {
	serviceId: number;
	nameRu: string;
	nameEn: string;
	waiting: number;
	/** How long the longest-waiting visitor of the service has waited (0 when none wait). */
	longestWaitSec: number;
	estimatedWaitSec: number | null;
	targetSec: number;
	level: Level;
}

export interface DeskRow {
	deskId: number;
	number: number;
	name: string;
	state: 'open' | 'paused' | 'closed';
	pausedForSec: number | null;
	ticket: { number: string; state: TicketView['state']; forSec: number } | null;
	operatorName: string | null;
}

export type AlertKind = 'over_target' | 'desk_paused' | 'printer' | 'device_offline';

export interface LiveAlert {
	/** Stable for one occurrence: acknowledged once, never shown again; a new occurrence has a new key. */
	key: string;
	kind: AlertKind;
	/** When the trouble began (a wait: when it crossed the target). */
	since: string;
	ticketNumber?: string;
	serviceId?: number;
	deskNumber?: number;
	deviceName?: string;
	deviceKind?: 'kiosk' | 'display';
	printer?: PrinterState;
}

const ms = (iso: string) => Date.parse(iso);
const secs = (n: number) => Math.max(0, Math.round(n / 1000));

/** When a waiting visitor's wait began: arrival, or a later booked slot (docs/reports.md's definition). */
export function waitStart(t: Pick<TicketView, 'arrivedAt' | 'appointmentAt'>): number {
	return Math.max(ms(t.arrivedAt), t.appointmentAt ? ms(t.appointmentAt) : 0);
}

export function levelOf(estimatedSec: number | null, longestSec: number, targetSec: number): Level {
	const worst = Math.max(estimatedSec ?? 0, longestSec);
	if (worst > targetSec) return 'red';
	if (worst > targetSec * LIVE_RULES.amberShare) return 'amber';
	return 'green';
}

export function serviceRows(s: OfficeSnapshot, now: Date): ServiceRow[] {
	const stats = new Map(serviceStats(s).map((x) => [x.serviceId, x]));
	return s.services.map((service) => {
		const waiting = s.tickets.filter((t) => t.serviceId === service.id && t.state === 'waiting');
		const longest = waiting.reduce((m, t) => Math.max(m, now.getTime() - waitStart(t)), 0);
		const est = stats.get(service.id)?.estimatedWaitSec ?? null;
		const targetSec = service.targetWaitMin * 60;
		return {
			serviceId: service.id,
			nameRu: service.nameRu,
			nameEn: service.nameEn,
			waiting: waiting.length,
			longestWaitSec: secs(longest),
			estimatedWaitSec: est,
			targetSec,
			level: levelOf(est, secs(longest), targetSec)
		};
	});
}

export function deskRows(s: OfficeSnapshot, extras: LiveExtras | null, now: Date): DeskRow[] {
	const extra = new Map((extras?.desks ?? []).map((d) => [d.deskId, d]));
	return [...s.desks]
		.sort((a, b) => a.number - b.number)
		.map((d) => {
			const t = s.tickets.find((x) => x.deskId === d.id && (x.state === 'called' || x.state === 'serving'));
			const from = t ? (t.state === 'serving' ? t.startedAt : t.calledAt) : null;
			const pausedSince = d.state === 'paused' ? (extra.get(d.id)?.pausedSince ?? null) : null;
			return {
				deskId: d.id,
				number: d.number,
				name: d.name,
				state: d.state,
				pausedForSec: pausedSince ? secs(now.getTime() - ms(pausedSince)) : null,
				ticket: t ? { number: t.number, state: t.state, forSec: from ? secs(now.getTime() - ms(from)) : 0 } : null,
				operatorName: d.staffId !== null ? (extra.get(d.id)?.operatorName ?? null) : null
			};
		});
}

/** Every alert that holds at `now`, oldest first (acknowledged ones included: `visibleAlerts` filters). */
export function liveAlerts(s: OfficeSnapshot, extras: LiveExtras | null, now: Date): LiveAlert[] {
	const at = now.getTime();
	const alerts: LiveAlert[] = [];
	const targets = new Map(s.services.map((x) => [x.id, x.targetWaitMin * 60_000]));
	for (const t of s.tickets) {
		if (t.state !== 'waiting') continue;
		const target = targets.get(t.serviceId);
		if (target === undefined) continue;
		const crossed = waitStart(t) + target;
		if (at > crossed)
			alerts.push({
				key: `wait:${t.id}`,
				kind: 'over_target',
				since: new Date(crossed).toISOString(),
				ticketNumber: t.number,
				serviceId: t.serviceId
			});
	}
	const extra = new Map((extras?.desks ?? []).map((d) => [d.deskId, d]));
	for (const d of s.desks) {
		const since = d.state === 'paused' ? extra.get(d.id)?.pausedSince : null;
		if (since && at - ms(since) > LIVE_RULES.pauseAlertMs)
			alerts.push({ key: `pause:${d.id}:${since}`, kind: 'desk_paused', since, deskNumber: d.number });
	}
	for (const dev of extras?.devices ?? []) {
		if (!dev.online) {
			if (dev.offlineSince && at - ms(dev.offlineSince) > LIVE_RULES.offlineGraceMs)
				alerts.push({
					key: `offline:${dev.deviceId}:${dev.offlineSince}`,
					kind: 'device_offline',
					since: dev.offlineSince,
					deviceName: dev.name,
					deviceKind: dev.kind
				});
			continue;
		}
		if (dev.kind === 'kiosk' && dev.printer && dev.printer !== 'online' && dev.printerSince)
			alerts.push({
				key: `printer:${dev.deviceId}:${dev.printer}:${dev.printerSince}`,
				kind: 'printer',
				since: dev.printerSince,
				deviceName: dev.name,
				deviceKind: dev.kind,
				printer: dev.printer
			});
	}
	return alerts.sort((a, b) => ms(a.since) - ms(b.since));
}

export const visibleAlerts = (alerts: LiveAlert[], acknowledged: ReadonlySet<string>): LiveAlert[] =>
	alerts.filter((a) => !acknowledged.has(a.key));

/** Mean wait of the day so far, seconds (null before the first call). */
export const meanWaitSec = (f: TodayFigures): number | null => (f.waitCount ? Math.round(f.waitSumSec / f.waitCount) : null);

/**
 * The extras after one office event: today's figures and the desks' pause times move with the
 * events, so the dashboard needs no second request (a snapshot re-reads them from the server).
 */
export function applyLiveEvent(x: LiveExtras, e: QueueEvent): LiveExtras {
	const today = { ...x.today };
	let desks = x.desks;
	const t = e.ticket;
	if (e.type === 'ticket.issued') today.issued++;
	else if (e.type === 'ticket.finished') today.served++;
	else if (e.type === 'ticket.no_show') today.noShow++;
	else if (e.type === 'ticket.called' && t && t.callCount === 1 && t.calledAt) {
		today.waitSumSec += secs(ms(t.calledAt) - waitStart(t));
		today.waitCount++;
	}
	if (e.desk && (e.type === 'desk.paused' || e.type === 'desk.resumed' || e.type === 'desk.opened' || e.type === 'desk.closed')) {
		const pausedSince = e.type === 'desk.paused' ? e.at : null;
		const id = e.desk.id;
		desks = desks.some((d) => d.deskId === id)
			? desks.map((d) => (d.deskId === id ? { ...d, pausedSince } : d))
			: [...desks, { deskId: id, pausedSince, operatorName: null }];
	}
	return { ...x, today, desks };
}
