import type { Sql, Tx } from '$lib/server/db/connect';
import type { Locale } from '$lib/i18n/locale';
import { TalonError } from '$lib/errors';
import { ticketStatus } from '$lib/server/queue/ticket-status';
import type { EngineHooks } from '$lib/server/queue';
import type { PrintJob, PrintJobKind } from '$lib/kiosk/types';

export type { PrintJob, PrintJobKind };

/**
 * Print jobs of a kiosk (талон на бумаге). A job is written in the ticket's own transaction and
 * stays pending until the kiosk's agent acknowledges it, so an agent restart or a dropped
 * connection never loses a ticket. The agent keeps a journal of what it printed, so a job that
 * is delivered again after a crash between printing and acknowledging is acknowledged, not
 * printed a second time.
 */

/**
 * The engine hook (`EngineHooks.ticketInserted`): a ticket a kiosk issued (its screen, the API with
 * its token, a booking check-in there) gets its print job in the ticket's own transaction, so no
 * kiosk ticket exists without its paper. Staff and system tickets print nothing.
 */
export const queueKioskPrintJob: NonNullable<EngineHooks['ticketInserted']> = async (tx, { ticketId, actor, locale }) => {
	if (actor.kind === 'device') await insertPrintJob(tx, ticketId, actor.deviceId, 'ticket', locale);
};

async function insertPrintJob(tx: Tx | Sql, ticketId: number, deviceId: number, kind: PrintJobKind, locale: Locale): Promise<number> {
	const [row] = await tx<{ id: number }[]>`
		insert into print_jobs (device_id, ticket_id, kind, locale)
		values (${deviceId}, ${ticketId}, ${kind}, ${locale})
		returning id`;
	return row!.id;
}

/**
 * Pending jobs of a kiosk, oldest first, with what to print; marks them delivered. Each carries
 * the installation id (migrations/0006_installation.sql): the agent's journal keys printed jobs
 * by (installation, job id), since a new database numbers its jobs from 1 again. A kiosk token
 * replaced on the same database needs nothing more: job ids are unique in one database whatever
 * the device, so the new device's jobs never repeat an id the old one printed.
 */
export async function pendingJobs(sql: Sql, deviceId: number, limit = 20): Promise<PrintJob[]> {
	const rows = await sql<{ id: number; kind: PrintJobKind; locale: Locale; publicCode: string; installationId: string | null }[]>`
		update print_jobs j set delivered_at = now(), deliveries = j.deliveries + 1
		from tickets t
		where j.id in (select id from print_jobs where device_id = ${deviceId} and printed_at is null order by id limit ${limit})
			and t.id = j.ticket_id
			-- A ticket that has left the queue (served, cancelled, yesterday's) is not worth paper.
			and t.state in ('waiting', 'called')
		returning j.id, j.kind, j.locale, t.public_code, (select id from installation) as installation_id`;
	rows.sort((a, b) => a.id - b.id);
	const jobs: PrintJob[] = [];
	for (const r of rows) {
		// Without its installation a job cannot be journalled safely: refuse rather than risk a skip.
		if (!r.installationId) throw new Error('the installation row is missing (migrations/0006_installation.sql)');
		const s = await ticketStatus(sql, r.publicCode);
		jobs.push({
			installationId: r.installationId,
			jobId: r.id,
			kind: r.kind,
			locale: r.locale,
			publicCode: s.publicCode,
			number: s.number,
			office: { nameRu: s.office.nameRu, nameEn: s.office.nameEn, timeZone: s.office.timeZone },
			service: { nameRu: s.service.nameRu, nameEn: s.service.nameEn },
			ahead: s.ahead,
			estimatedWaitSec: s.estimatedWaitSec,
			issuedAt: s.issuedAt,
			statusPath: `/t/${s.publicCode}`
		});
	}
	return jobs;
}

/**
 * The agent printed these jobs. Only the device's own jobs, and only when they are of this
 * database: ids the agent printed for another installation (a database since recreated) are
 * not this database's jobs, whatever their numbers. Acknowledging twice is harmless.
 */
export async function acknowledgeJobs(
	sql: Sql,
	deviceId: number,
	installationId: string,
	jobIds: number[]
): Promise<{ jobId: number; publicCode: string }[]> {
	if (jobIds.length === 0) return [];
	return sql<{ jobId: number; publicCode: string }[]>`
		update print_jobs j set printed_at = coalesce(j.printed_at, now())
		from tickets t
		where j.device_id = ${deviceId} and j.id in ${sql(jobIds)} and t.id = j.ticket_id
			and exists (select 1 from installation where id = ${installationId})
		returning j.id as job_id, t.public_code`;
}

/**
 * A reprint from the kiosk's done screen: only a ticket this kiosk issued, only while it is
 * still in the queue, and at most a few times, so the kiosk cannot become a paper tap.
 */
export const MAX_REPRINTS = 3;
export async function queueReprint(sql: Sql, deviceId: number, publicCode: string, locale: Locale): Promise<number> {
	return sql.begin(async (tx) => {
		const [ticket] = await tx<{ id: number; state: string; issuedByDeviceId: number | null }[]>`
			select id, state, issued_by_device_id from tickets where public_code = ${publicCode} for update`;
		if (!ticket || ticket.issuedByDeviceId !== deviceId) throw new TalonError('ticket_not_found');
		if (ticket.state !== 'waiting' && ticket.state !== 'called') throw new TalonError('ticket_state_conflict', { state: ticket.state });
		const [row] = await tx<{ count: number }[]>`
			select count(*)::int as count from print_jobs where ticket_id = ${ticket.id} and kind = 'reprint'`;
		if (row!.count >= MAX_REPRINTS) throw new TalonError('rate_limited');
		return insertPrintJob(tx, ticket.id, deviceId, 'reprint', locale);
	});
}
