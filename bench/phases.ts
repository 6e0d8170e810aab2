import { callNext, finish, issueTicket, startService, type EngineContext } from '$lib/server/queue';
import type { Sql } from '$lib/server/db/connect';
import { makeOffice } from '../tests/helpers/fixture';
import { runLoops, type LoopResult } from './measure';

/** The engine's two hot paths, each in an office of its own in the bench schema. */

export interface PhaseOptions {
	/** Concurrent workers; the pool has exactly this many connections. */
	clients: number;
	seconds: number;
	warmupSeconds: number;
}

/** A context that drops events: broadcasting happens after commit, outside what is measured. */
const quiet = (sql: Sql): EngineContext => ({ sql, publish: () => {} });

/**
 * Kiosk traffic: `clients` workers issue tickets back to back, alternating the two services.
 * Every issuance also computes the ticket's queue position, which reads the waiting tickets of
 * its service, so the queue grows during the run as it would on a busy morning.
 */
export async function issuancePhase(sql: Sql, opts: PhaseOptions): Promise<LoopResult & { waitingAtEnd: number }> {
	const office = await makeOffice(sql, { slug: 'bench-issue', desks: opts.clients });
	const ctx = quiet(sql);
	const services = [office.services.a, office.services.b];
	let n = 0;
	const result = await runLoops({
		...opts,
		workers: opts.clients,
		op: async (_w, time) => {
			const serviceId = services[n++ % 2]!;
			await time('issue', () => issueTicket(ctx, office.actor, { officeId: office.officeId, serviceId, source: 'kiosk' }));
			return true;
		}
	});
	return { ...result, waitingAtEnd: await waiting(sql, office.officeId) };
}

/**
 * Desk traffic: `depth` waiting tickets are issued first (not timed), then one worker per open
 * desk runs call-next, start, finish in a loop. A cycle is those three commands; call-next is
 * also reported alone, since it is the one that ranks candidates and contends (SKIP LOCKED).
 */
export async function callNextPhase(
	sql: Sql,
	opts: PhaseOptions & { depth: number }
): Promise<LoopResult & { waitingAtStart: number; waitingAtEnd: number }> {
	const office = await makeOffice(sql, { slug: 'bench-call', desks: opts.clients });
	const ctx = quiet(sql);
	const services = [office.services.a, office.services.b];
	let issued = 0;
	await Promise.all(
		Array.from({ length: opts.clients }, async () => {
			while (issued < opts.depth) {
				const serviceId = services[issued++ % 2]!;
				await issueTicket(ctx, office.actor, { officeId: office.officeId, serviceId, source: 'kiosk' });
			}
		})
	);
	const waitingAtStart = await waiting(sql, office.officeId);
	const result = await runLoops({
		...opts,
		workers: opts.clients,
		op: async (w, time) => {
			const deskId = office.desks[w]!;
			return time('cycle', async () => {
				const { ticket } = await time('callNext', () => callNext(ctx, office.actor, { deskId }));
				if (!ticket) return false;
				await time('start', () => startService(ctx, office.actor, { deskId, ticketId: ticket.id }));
				await time('finish', () => finish(ctx, office.actor, { deskId, ticketId: ticket.id }));
				return true;
			});
		}
	});
	return { ...result, waitingAtStart, waitingAtEnd: await waiting(sql, office.officeId) };
}

async function waiting(sql: Sql, officeId: number): Promise<number> {
	const [row] = await sql<{ n: number }[]>`select count(*)::int as n from tickets where office_id = ${officeId} and state = 'waiting'`;
	return row?.n ?? 0;
}
