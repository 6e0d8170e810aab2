import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PrintJob } from '$lib/kiosk/types';

/** What identifies a printed job: whose database, which job, which ticket. */
export type JournalKey = Pick<PrintJob, 'installationId' | 'jobId' | 'publicCode'>;

/**
 * The agent's record of the jobs it has put on paper, made durable (fsync) right after the
 * printer took the bytes and before the server is told. A job that the server delivers again
 * (the agent died between printing and acknowledging, or the acknowledgement was lost with the
 * connection) is then acknowledged without printing twice.
 *
 * A job id alone says nothing outside its database: a wiped `./data` or the move from the
 * embedded database to PostgreSQL numbers jobs from 1 again, and an agent keyed by id only took
 * the new database's tickets for "already printed" and never printed them. So an entry is
 * (installation, job id) — the installation is the database's own random id
 * (migrations/0006_installation.sql) — and an entry of another installation never matches. The
 * ticket's public code (random per ticket) must match too: a backup restored over the same
 * installation rewinds the job ids, and the jobs after the backup must not look printed either.
 *
 * One line per job: `<installation> <job id> <public code>`. Lines of the older format (a bare
 * job id, no installation) are ignored: at worst a ticket printed but not acknowledged right
 * before the upgrade prints once more, the better failure for a visitor than no ticket.
 *
 * The one window left is between the printer taking the last byte and the fsync returning
 * (well under a millisecond): a power cut exactly there prints the ticket again on restart.
 */
export class PrintedJournal {
	/** `<installation> <job id>` → public code, in the order written (oldest first). */
	private readonly entries = new Map<string, string>();
	constructor(
		private readonly file: string,
		private readonly keep = 2000
	) {
		mkdirSync(dirname(file), { recursive: true });
		if (existsSync(file)) {
			for (const line of readFileSync(file, 'utf8').split('\n')) {
				const entry = parseLine(line);
				if (entry) this.entries.set(keyOf(entry), entry.publicCode);
			}
		}
		if (this.entries.size > this.keep) this.compact();
	}

	has(job: JournalKey): boolean {
		return this.entries.get(keyOf(job)) === job.publicCode;
	}

	add(job: JournalKey): void {
		if (this.has(job)) return;
		this.entries.delete(keyOf(job)); // a rewound id's old ticket: the new line replaces it
		this.entries.set(keyOf(job), job.publicCode);
		const fd = openSync(this.file, 'a');
		try {
			appendFileSync(fd, lineOf(job));
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
		if (this.entries.size > this.keep * 2) this.compact();
	}

	/** Keeps the newest entries: the server stops re-delivering a job once it is acknowledged. */
	private compact(): void {
		const newest = [...this.entries].slice(-this.keep);
		this.entries.clear();
		for (const [k, code] of newest) this.entries.set(k, code);
		// Written aside and renamed over: a crash while compacting leaves the old journal whole.
		const tmp = `${this.file}.tmp`;
		const fd = openSync(tmp, 'w');
		try {
			writeFileSync(fd, newest.map(([k, publicCode]) => `${k} ${publicCode}\n`).join(''));
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
		renameSync(tmp, this.file);
	}
}

/** A job's identity across databases: `<installation> <job id>`. */
export const jobKey = (j: Pick<JournalKey, 'installationId' | 'jobId'>): string => `${j.installationId} ${j.jobId}`;
const keyOf = jobKey;
const lineOf = (j: JournalKey) => `${keyOf(j)} ${j.publicCode}\n`;

function parseLine(line: string): JournalKey | null {
	const [installationId, id, publicCode, extra] = line.trim().split(' ');
	const jobId = Number(id);
	if (!installationId || !publicCode || extra !== undefined || !Number.isInteger(jobId) || jobId <= 0) return null;
	return { installationId, jobId, publicCode };
}
