import type { Sql } from '$lib/server/db/connect';
import * as engine from '$lib/server/queue';
import type { EngineContext } from '$lib/server/queue';
import { rooms } from '$lib/realtime/rooms';
import { handshakeOrigin, issuedTicketReply } from '$lib/server/edge/issued-ticket';
import { acknowledgeJobs, pendingJobs, queueReprint } from '$lib/server/kiosk/print-jobs';
import { printers } from '$lib/server/kiosk/printer-status';
import { isKioskAgent, on, type TalonServer, type TalonServerSocket } from './on';
import { localEmit, type RoomEmit } from './cluster';

/**
 * The kiosk's socket commands (the screen) and its agent's (print jobs, printer status). Both
 * authenticate with the kiosk's device token; a kiosk token can do nothing else (the staff
 * commands refuse devices), and nothing here accepts anyone but a kiosk (scopes `kiosk` and
 * `agent` in src/lib/realtime/kiosk-events.ts, checked by `on`).
 */
export function attachKiosk(io: TalonServer, socket: TalonServerSocket, deps: { sql: Sql; ctx: EngineContext; emit?: RoomEmit }): void {
	const { sql, ctx } = deps;
	// Device-room pushes reach the kiosk's screen and agent on whichever node they are connected to.
	const emit = deps.emit ?? localEmit(io);
	const deviceRoom = (kiosk: { deviceId: number }) => rooms.device(kiosk.deviceId);

	on(socket, 'kiosk:issue', async (req, kiosk) => {
		const issued = await engine.issueTicket(
			ctx,
			{ kind: 'device', deviceId: kiosk.deviceId, officeId: kiosk.officeId },
			{
				officeId: req.officeId,
				serviceId: req.serviceId,
				priorityReason: req.priorityReason ?? null,
				idempotencyKey: req.idempotencyKey,
				source: 'kiosk',
				locale: req.lang ?? socket.data.locale
			}
		);
		// The job is committed: tell the agent now rather than wait for the office event.
		if (!issued.duplicate) emit(deviceRoom(kiosk), 'print:available', { jobId: 0 });
		return { ...issuedTicketReply(issued, handshakeOrigin(socket.handshake)), printer: printers.get(kiosk.deviceId) };
	});

	on(socket, 'kiosk:reprint', async (req, kiosk) => {
		const jobId = await queueReprint(sql, kiosk.deviceId, req.publicCode, req.lang ?? socket.data.locale);
		emit(deviceRoom(kiosk), 'print:available', { jobId });
		return { jobId, printer: printers.get(kiosk.deviceId) };
	});

	on(socket, 'kiosk:printer', async (_req, kiosk) => printers.get(kiosk.deviceId));

	on(socket, 'print:pending', async (_req, kiosk) => {
		const jobs = await pendingJobs(sql, kiosk.deviceId);
		// The screen says "printing" only once an agent has taken the job.
		for (const j of jobs) emit(deviceRoom(kiosk), 'print:taken', { jobId: j.jobId, publicCode: j.publicCode });
		return jobs;
	});

	on(socket, 'print:ack', async ({ installationId, jobIds }, kiosk) => {
		const done = await acknowledgeJobs(sql, kiosk.deviceId, installationId, jobIds);
		for (const j of done) emit(deviceRoom(kiosk), 'print:done', j);
		return { acknowledged: done.map((j) => j.jobId) };
	});

	on(socket, 'printer:status', async ({ state }, kiosk) => {
		const s = printers.report(kiosk.deviceId, state);
		emit(deviceRoom(kiosk), 'printer:status', s);
		return s;
	});

	const p = socket.data.principal;
	if (p.kind === 'device' && p.device.kind === 'kiosk' && isKioskAgent(socket)) {
		const kiosk = p.device;
		printers.agentConnected(kiosk.deviceId, socket.id);
		// The agent learns of new tickets from the office's events (any path that issues for this
		// kiosk: the screen, the API, a booking check-in) as well as from `print:available`.
		void socket.join(rooms.office(kiosk.officeId));
		socket.on('disconnect', () => {
			if (printers.agentDisconnected(kiosk.deviceId, socket.id)) {
				emit(deviceRoom(kiosk), 'printer:status', printers.get(kiosk.deviceId));
			}
		});
	}
}
