import type { Server, Socket } from 'socket.io';
import { z, type ZodType } from 'zod';
import type { Sql } from '$lib/server/db/connect';
import * as engine from '$lib/server/queue';
import type { EngineContext } from '$lib/server/queue';
import { TalonError } from '$lib/errors';
import { rooms } from '$lib/realtime/rooms';
import type { Ack } from '$lib/realtime/events';
import type { KioskClientEvents } from '$lib/realtime/kiosk-events';
import type { Locale } from '$lib/i18n/locale';
import { toErrorBody } from '$lib/server/edge/errors';
import { acknowledgeJobs, pendingJobs, queueReprint } from '$lib/server/kiosk/print-jobs';
import { printers } from '$lib/server/kiosk/printer-status';
import { id, idempotencyKey, priorityReason, publicCode } from '$lib/schemas/common';
import type { Principal } from '$lib/server/edge/principal';

const lang = z.enum(['ru', 'en']).optional();
const kioskIssue = z.object({ officeId: id, serviceId: id, priorityReason: priorityReason.nullish(), idempotencyKey, lang });
const reprint = z.object({ publicCode, lang });
const empty = z.object({}).strict().optional();
const ack = z.object({ installationId: z.uuid(), jobIds: z.array(id).min(1).max(100) });
const status = z.object({ state: z.enum(['online', 'paper_out', 'cover_open', 'offline']) });

type AnySocket = Socket & { data: { principal: Principal; locale: Locale } };

/**
 * The kiosk's socket commands (the screen) and its agent's (print jobs, printer status). Both
 * authenticate with the kiosk's device token; a kiosk token can do nothing else (the staff
 * commands refuse devices), and nothing here accepts anyone but a kiosk. Handlers: validate,
 * authorise, act, acknowledge `{ data } | { error }`.
 */
export function attachKiosk(io: Server, socket: AnySocket, deps: { sql: Sql; ctx: EngineContext }): void {
	const { sql, ctx } = deps;
	const p = socket.data.principal;
	if (p.kind !== 'device' || p.device.kind !== 'kiosk') {
		for (const name of ['kiosk:issue', 'kiosk:reprint', 'kiosk:printer', 'print:pending', 'print:ack', 'printer:status']) {
			socket.on(name, (_raw: unknown, cb: unknown) => {
				if (typeof cb === 'function') cb({ error: toErrorBody(new TalonError(p.kind === 'public' ? 'unauthorized' : 'forbidden'), socket.data.locale).body });
			});
		}
		return;
	}
	const device = p.device;
	const deviceRoom = rooms.device(device.deviceId);
	const isAgent = (socket.handshake.auth as { agent?: unknown }).agent === true;

	function on<K extends keyof KioskClientEvents, I, O>(name: K, parser: ZodType<I>, run: (input: I) => Promise<O>): void {
		const handler = async (raw: unknown, cb: unknown) => {
			const reply = typeof cb === 'function' ? (cb as (a: Ack<O>) => void) : () => {};
			try {
				reply({ data: await run(parser.parse(raw ?? {})) });
			} catch (e) {
				reply({ error: toErrorBody(e, socket.data.locale).body });
			}
		};
		socket.on(name, handler as never);
	}
	const agentOnly = () => {
		if (!isAgent) throw new TalonError('forbidden');
	};

	on('kiosk:issue', kioskIssue, async (req) => {
		const issued = await engine.issueTicket(ctx, { kind: 'device', deviceId: device.deviceId, officeId: device.officeId }, {
			officeId: req.officeId,
			serviceId: req.serviceId,
			priorityReason: req.priorityReason ?? null,
			idempotencyKey: req.idempotencyKey,
			source: 'kiosk',
			locale: req.lang ?? socket.data.locale
		});
		// The job is committed: tell the agent now rather than wait for the office event.
		if (!issued.duplicate) io.to(deviceRoom).emit('print:available', { jobId: 0 });
		return {
			ticket: issued.ticket,
			publicCode: issued.publicCode,
			ahead: issued.position.ahead,
			estimatedWaitSec: issued.position.estimatedWaitSec,
			duplicate: issued.duplicate,
			printer: printers.get(device.deviceId)
		};
	});

	on('kiosk:reprint', reprint, async (req) => {
		const jobId = await queueReprint(sql, device.deviceId, req.publicCode, req.lang ?? socket.data.locale);
		io.to(deviceRoom).emit('print:available', { jobId });
		return { jobId, printer: printers.get(device.deviceId) };
	});

	on('kiosk:printer', empty, async () => printers.get(device.deviceId));

	on('print:pending', empty, async () => {
		agentOnly();
		const jobs = await pendingJobs(sql, device.deviceId);
		// The screen says "printing" only once an agent has taken the job.
		for (const j of jobs) io.to(deviceRoom).emit('print:taken', { jobId: j.jobId, publicCode: j.publicCode });
		return jobs;
	});

	on('print:ack', ack, async ({ installationId, jobIds }) => {
		agentOnly();
		const done = await acknowledgeJobs(sql, device.deviceId, installationId, jobIds);
		for (const j of done) io.to(deviceRoom).emit('print:done', j);
		return { acknowledged: done.map((j) => j.jobId) };
	});

	on('printer:status', status, async ({ state }) => {
		agentOnly();
		const s = printers.report(device.deviceId, state);
		io.to(deviceRoom).emit('printer:status', s);
		return s;
	});

	if (isAgent) {
		printers.agentConnected(device.deviceId, socket.id);
		// The agent learns of new tickets from the office's events (any path that issues for this
		// kiosk: the screen, the API, a booking check-in) as well as from `print:available`.
		void socket.join(rooms.office(device.officeId));
		socket.on('disconnect', () => {
			if (printers.agentDisconnected(device.deviceId, socket.id)) {
				io.to(deviceRoom).emit('printer:status', printers.get(device.deviceId));
			}
		});
	}
}
