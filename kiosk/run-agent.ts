import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '$lib/realtime/events';
import { send } from '$lib/realtime/send';
import type { PrintJob } from '$lib/kiosk/types';
import { PrinterNotReady, type Printer, type PrinterReading } from './printer';
import { jobKey, PrintedJournal } from './journal';
import { renderTicket, type TicketLayout } from './ticket';

/**
 * The kiosk agent: connects to the server with the kiosk's device token, takes the kiosk's
 * print jobs, prints them one at a time and acknowledges each. It never drops a job: a job the
 * printer cannot take now stays first in line and is retried until it prints; the server keeps
 * it until acknowledged, so a restart fetches it again; the journal keeps a job that was
 * printed but not yet acknowledged from printing twice.
 */
export interface AgentOptions {
	server: string;
	token: string;
	printer: Printer;
	/** File of printed job ids (kiosk/journal.ts). */
	journalFile: string;
	layout?: Omit<TicketLayout, 'publicUrl'> & { publicUrl?: string };
	/** How often the printer's state is read while idle (ms). */
	statusEveryMs?: number;
	log?: (msg: string, fields?: Record<string, unknown>) => void;
	/**
	 * Called after a job is on paper and journalled, before it is acknowledged (the exactly-once
	 * test kills the process here; the command line never sets it).
	 */
	afterPrint?: (job: PrintJob) => void;
}

export interface Agent {
	/** Resolves when the queue is empty and every printed job is acknowledged. */
	idle(): Promise<void>;
	stop(): Promise<void>;
	readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
}

type Deferred = () => void;

export function startAgent(opts: AgentOptions): Agent {
	const log = opts.log ?? ((msg, fields) => console.log(`[kiosk-agent] ${msg}${fields ? ' ' + JSON.stringify(fields) : ''}`));
	const journal = new PrintedJournal(opts.journalFile);
	const layout: TicketLayout = { ...opts.layout, publicUrl: opts.layout?.publicUrl ?? opts.server };
	// Keyed by `jobKey` (installation and job id): ids of two databases never mix, even when the
	// server behind the same address was recreated while this agent ran.
	const queue = new Map<string, PrintJob>(); // insertion order = job order
	const toAck = new Map<string, Pick<PrintJob, 'installationId' | 'jobId'>>();
	let reading: PrinterReading | null = null;
	let working = false;
	let stopped = false;
	let idleWaiters: Deferred[] = [];
	let retryTimer: ReturnType<typeof setTimeout> | null = null;

	const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(opts.server, {
		auth: { deviceToken: opts.token, agent: true },
		reconnection: true,
		reconnectionDelay: 500,
		reconnectionDelayMax: 5000,
		transports: ['websocket']
	});

	async function report(next: PrinterReading) {
		if (next === reading) return;
		reading = next;
		log(`printer ${next}`);
		if (socket.connected) await send(socket, 'printer:status', { state: next }, 5000);
	}

	async function fetchJobs() {
		if (!socket.connected) return;
		// No answer (`unavailable`): disconnected, fetched again on reconnect.
		const ack = await send(socket, 'print:pending', {}, 10_000);
		if (ack.error) return ack.error.code === 'unavailable' ? undefined : log('cannot fetch jobs', { error: ack.error.code });
		for (const job of ack.data) {
			const key = jobKey(job);
			if (!queue.has(key) && !toAck.has(key)) queue.set(key, job);
		}
		void work();
	}

	/**
	 * Tells the server which jobs are on paper, per installation: a server with another database
	 * acknowledges none of another installation's ids (they are dropped here once answered).
	 */
	async function flushAcks() {
		if (toAck.size === 0 || !socket.connected) return;
		const byInstallation = new Map<string, number[]>();
		for (const j of toAck.values()) byInstallation.set(j.installationId, [...(byInstallation.get(j.installationId) ?? []), j.jobId]);
		for (const [installationId, jobIds] of byInstallation) {
			// No answer: retried on reconnect.
			const ack = await send(socket, 'print:ack', { installationId, jobIds }, 10_000);
			if (ack.data) for (const jobId of jobIds) toAck.delete(jobKey({ installationId, jobId }));
		}
	}

	async function work() {
		if (working || stopped) return;
		working = true;
		try {
			while (!stopped) {
				const job = queue.values().next().value as PrintJob | undefined;
				if (!job) break;
				const key = jobKey(job);
				if (!journal.has(job)) {
					try {
						await opts.printer.print(renderTicket(job, layout));
					} catch (e) {
						const why = e instanceof PrinterNotReady ? e.reading : 'offline';
						await report(why);
						// Keep the job first in line and try again shortly (the status poll also wakes us).
						retryTimer ??= setTimeout(() => {
							retryTimer = null;
							void work();
						}, 1000);
						return;
					}
					journal.add(job);
					log('printed', { job: job.jobId, number: job.number, kind: job.kind });
					await report('online');
					opts.afterPrint?.(job);
				} else {
					log('already printed (journal): acknowledging', { job: job.jobId, installation: job.installationId });
				}
				queue.delete(key);
				toAck.set(key, { installationId: job.installationId, jobId: job.jobId });
				await flushAcks();
			}
		} finally {
			working = false;
		}
		if (queue.size === 0 && toAck.size === 0) {
			const waiters = idleWaiters;
			idleWaiters = [];
			for (const w of waiters) w();
		}
	}

	socket.on('connect', () => {
		log('connected', { server: opts.server, printer: opts.printer.description });
		// Tell the server the state again (a new connection starts as unknown there).
		const last = reading;
		reading = null;
		void (async () => {
			await report(last ?? (await opts.printer.status()));
			await flushAcks();
			await fetchJobs();
		})();
	});
	socket.on('connect_error', (err) => {
		const code = (err as Error & { data?: { code?: string } }).data?.code;
		if (code === 'unauthorized') {
			log('the server refused this kiosk token (unknown or revoked); pair the kiosk again');
			// socket.io does not retry a refused handshake by itself; retry slowly in case it was a restore.
			setTimeout(() => !stopped && socket.connect(), 30_000);
		}
	});
	socket.on('disconnect', (reason) => log('disconnected', { reason }));
	socket.on('print:available', () => void fetchJobs());
	socket.on('queue:event', (e) => {
		// A ticket a kiosk issued by any path (the API, a booking check-in) may be a job of ours:
		// ask (one indexed query; another kiosk's ticket simply yields nothing).
		if (e.type === 'ticket.issued' && e.deviceId !== null) void fetchJobs();
	});

	const poll = setInterval(async () => {
		if (working || stopped) return;
		const now = await opts.printer.status();
		await report(now);
		if (now === 'online' && queue.size > 0) void work();
	}, opts.statusEveryMs ?? 5000);

	return {
		socket,
		idle() {
			if (queue.size === 0 && toAck.size === 0 && !working) return Promise.resolve();
			return new Promise((r) => idleWaiters.push(r));
		},
		async stop() {
			stopped = true;
			clearInterval(poll);
			if (retryTimer) clearTimeout(retryTimer);
			socket.close();
		}
	};
}
