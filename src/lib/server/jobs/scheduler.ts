import { Cron } from 'croner';
import type { Sql, Tx } from '$lib/server/db/connect';
import { log } from '$lib/server/log';

/**
 * Scheduled jobs inside the server process (croner: no extra store, no LISTEN, so they work on
 * the embedded database too), run once across nodes: each run is one transaction that first
 * takes the job's advisory lock with `pg_try_advisory_xact_lock`; a node that does not get it
 * skips that tick because another node is running it. The lock ends with the transaction, so a
 * node killed mid-run leaves nothing held.
 *
 * A job is a database job: its body runs in that transaction and should touch a bounded batch
 * of rows (on the embedded database every other command waits for it). Work that sends things
 * out (mail, SMS) belongs to an outbox sender that claims rows with `for update skip locked`.
 */
export interface Job {
	/** Stable name: the lock key and the log's `job` field. */
	name: string;
	/** croner pattern with seconds, e.g. `15 * * * * *` (every minute at :15). */
	cron: string;
	/** Also run once when the scheduler starts. */
	atStart?: boolean;
	/** The work; returns how many rows it changed (logged when not 0), or that with what to do after the commit. */
	run(tx: Tx, now: Date): Promise<number | JobDone>;
}

/** A run's rows and what to do once its transaction committed (e.g. broadcast the events it appended). */
export interface JobDone {
	rows: number;
	committed?: () => void;
}

export interface JobRun {
	/** `skipped`: another node held the job's lock. */
	outcome: 'done' | 'skipped' | 'failed';
	rows: number;
}

/** One run of a job now, under its lock. Exported for tests and for `talon` commands. */
export async function runJob(sql: Sql, job: Job, now: Date): Promise<JobRun> {
	try {
		const result = await sql.begin(async (tx) => {
			const [row] = await tx<{ locked: boolean }[]>`select pg_try_advisory_xact_lock(hashtext(${'talon.job.' + job.name})) as locked`;
			if (!row?.locked) return null;
			return job.run(tx, now);
		});
		if (result === null) return { outcome: 'skipped', rows: 0 };
		const rows = typeof result === 'number' ? result : result.rows;
		if (rows > 0) log.info({ job: job.name, rows }, 'job');
		if (typeof result !== 'number') result.committed?.();
		return { outcome: 'done', rows };
	} catch (e) {
		log.error({ err: e, job: job.name }, 'job failed');
		return { outcome: 'failed', rows: 0 };
	}
}

export interface Scheduler {
	stop(): void;
}

export function startJobs(sql: Sql, jobs: readonly Job[], clock: () => Date = () => new Date()): Scheduler {
	const crons = jobs.map((job) => new Cron(job.cron, { protect: true }, async () => void (await runJob(sql, job, clock()))));
	for (const job of jobs) if (job.atStart) void runJob(sql, job, clock());
	return {
		stop() {
			for (const c of crons) c.stop();
		}
	};
}
