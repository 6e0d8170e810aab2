import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Sql } from '$lib/server/db/connect';

/**
 * The process's Prometheus metrics (`GET /metrics`). Latencies are observed as requests and
 * commands finish; the queue figures (waiting tickets, longest wait), sockets, printers and
 * devices are read when the metrics are scraped, so they are never stale and cost nothing between
 * scrapes. With several nodes each reports its own sockets, printers and latencies; the queue
 * figures come from the shared database (the same on every node: aggregate them with `max`).
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const httpDuration = new Histogram({
	name: 'talon_http_request_duration_seconds',
	help: 'HTTP requests by SvelteKit route id (unmatched paths are "none"), method and status',
	labelNames: ['route', 'method', 'status'] as const,
	buckets: seconds,
	registers: [registry]
});
const commandDuration = new Histogram({
	name: 'talon_command_duration_seconds',
	help: 'Commands by name (socket event or API operation), how they came (socket, http) and their outcome (ok, refused, error)',
	labelNames: ['command', 'via', 'outcome'] as const,
	buckets: seconds,
	registers: [registry]
});
const waiting = new Gauge({
	name: 'talon_waiting_tickets',
	help: 'Tickets waiting now, per office and service',
	labelNames: ['office', 'service'] as const,
	registers: [registry]
});
const longestWait = new Gauge({
	name: 'talon_longest_wait_seconds',
	help: 'How long the longest-waiting ticket has waited, per office and service',
	labelNames: ['office', 'service'] as const,
	registers: [registry]
});
const sockets = new Gauge({
	name: 'talon_sockets',
	help: 'Socket.IO connections to this node by kind (staff, kiosk, kiosk_agent, display, public)',
	labelNames: ['kind'] as const,
	registers: [registry]
});
const devices = new Gauge({
	name: 'talon_devices',
	help: 'Paired devices per office, kind and state (connected to this node, disconnected, revoked)',
	labelNames: ['office', 'kind', 'state'] as const,
	registers: [registry]
});
const printerStates = new Gauge({
	name: 'talon_printers',
	help: 'Kiosk printers per office by state as their agents report it (online, offline, no_paper, no_agent, ...)',
	labelNames: ['office', 'state'] as const,
	registers: [registry]
});
// metrics14 (issue 14): the notices' outbox depth, read from its table (ops imports no feature module)
const notices = new Gauge({
	name: 'talon_notices',
	help: 'Notices in the outbox per channel (email, sms, push) and state: pending (waiting to be sent or retried), sending (claimed by a sender), failed (given up)',
	labelNames: ['channel', 'state'] as const,
	registers: [registry]
});
const noticeLag = new Gauge({
	name: 'talon_notices_oldest_due_seconds',
	help: 'How long the oldest pending notice that is due has been due, per channel (0 when none is due)',
	labelNames: ['channel'] as const,
	registers: [registry]
});
const noticeChannels = ['email', 'sms', 'push'] as const;
const noticeStates = ['pending', 'sending', 'failed'] as const;
const scrapeErrors = new Gauge({
	name: 'talon_metrics_database_up',
	help: '1 when the database answered the last scrape, 0 when it did not (the queue figures are then absent)',
	registers: [registry]
});

export type CommandOutcome = 'ok' | 'refused' | 'error';

export function observeHttp(route: string | null, method: string, status: number, secondsTaken: number): void {
	httpDuration.observe({ route: route ?? 'none', method, status: String(status) }, secondsTaken);
}

export function observeCommand(command: string, via: 'socket' | 'http', outcome: CommandOutcome, secondsTaken: number): void {
	commandDuration.observe({ command, via, outcome }, secondsTaken);
}

/** Times `run` as a command (`refused` when it throws an error with a status below 500). */
export async function timedCommand<T>(command: string, via: 'socket' | 'http', run: () => Promise<T>): Promise<T> {
	const began = process.hrtime.bigint();
	const took = () => Number(process.hrtime.bigint() - began) / 1e9;
	try {
		const result = await run();
		observeCommand(command, via, 'ok', took());
		return result;
	} catch (e) {
		const status = (e as { status?: unknown }).status;
		observeCommand(command, via, typeof status === 'number' && status < 500 ? 'refused' : 'error', took());
		throw e;
	}
}

/** What the running process knows that the database does not (set by the composition root). */
export interface LiveSources {
	/** Each connected socket: its kind and, for a device, its id. */
	sockets(): { kind: string; deviceId?: number }[];
	/** The printer state a kiosk's agent last reported. */
	printerState(deviceId: number): string;
}

const g = globalThis as { __talonMetricSources?: LiveSources };
export function setLiveSources(sources: LiveSources): void {
	g.__talonMetricSources = sources;
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function readQueue(sql: Sql, live: LiveSources | undefined): Promise<void> {
	const [queues, paired, outbox] = await within(
		Promise.all([
			sql<{ office: string; service: string; waiting: number; longest: number }[]>`
				select o.slug as office, s.prefix || ' ' || s.id as service, count(t.id)::int as waiting,
					coalesce(extract(epoch from now() - min(t.queued_at)), 0)::float8 as longest
				from services s join offices o on o.id = s.office_id
				left join tickets t on t.service_id = s.id and t.state = 'waiting'
				where s.active
				group by o.slug, s.prefix, s.id`,
			sql<{ id: number; office: string; kind: string; revoked: boolean }[]>`
				select d.id, o.slug as office, d.kind, d.revoked_at is not null as revoked
				from devices d join offices o on o.id = d.office_id`,
			sql<{ channel: string; state: string; count: number; overdue: number }[]>`
				select channel, state, count(*)::int as count,
					coalesce(extract(epoch from now() - min(due_at) filter (where state = 'pending' and due_at <= now())), 0)::float8 as overdue
				from notifications where state in ('pending', 'sending', 'failed')
				group by channel, state`
		]),
		2000
	);
	waiting.reset();
	longestWait.reset();
	for (const q of queues) {
		waiting.set({ office: q.office, service: q.service }, q.waiting);
		longestWait.set({ office: q.office, service: q.service }, Math.round(q.longest));
	}
	notices.reset();
	noticeLag.reset();
	for (const channel of noticeChannels) {
		noticeLag.set({ channel }, 0);
		for (const state of noticeStates) notices.set({ channel, state }, 0);
	}
	for (const n of outbox) {
		notices.set({ channel: n.channel, state: n.state }, n.count);
		if (n.state === 'pending') noticeLag.set({ channel: n.channel }, Math.round(n.overdue));
	}
	const connected = new Set((live?.sockets() ?? []).flatMap((s) => (s.deviceId === undefined ? [] : [s.deviceId])));
	devices.reset();
	printerStates.reset();
	for (const d of paired) {
		const state = d.revoked ? 'revoked' : connected.has(d.id) ? 'connected' : 'disconnected';
		devices.inc({ office: d.office, kind: d.kind, state });
		if (d.kind === 'kiosk' && !d.revoked && live) printerStates.inc({ office: d.office, state: live.printerState(d.id) });
	}
}

/** The metrics in Prometheus's text format, with the scrape-time figures read now. */
export async function renderMetrics(sql: Sql): Promise<{ contentType: string; body: string }> {
	const live = g.__talonMetricSources;
	sockets.reset();
	for (const s of live?.sockets() ?? []) sockets.inc({ kind: s.kind });
	try {
		await readQueue(sql, live);
		scrapeErrors.set(1);
	} catch {
		waiting.reset();
		longestWait.reset();
		devices.reset();
		printerStates.reset();
		notices.reset();
		noticeLag.reset();
		scrapeErrors.set(0);
	}
	return { contentType: registry.contentType, body: await registry.metrics() };
}

/** May this caller read the metrics: on this machine, or with the configured bearer token. */
export function mayReadMetrics(opts: { address: string; authorization: string | null; token: string | undefined }): boolean {
	if (opts.token) {
		const given = opts.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
		if (given && safeEqual(given, opts.token)) return true;
	}
	return isLoopback(opts.address);
}

export function isLoopback(address: string): boolean {
	return address === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address);
}

function safeEqual(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return diff === 0;
}
