import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The agent's record of the jobs it has put on paper, one job id per line, made durable
 * (fsync) right after the printer took the bytes and before the server is told. A job that the
 * server delivers again (the agent died between printing and acknowledging, or the
 * acknowledgement was lost with the connection) is then acknowledged without printing twice.
 *
 * The one window left is between the printer taking the last byte and the fsync returning
 * (well under a millisecond): a power cut exactly there prints the ticket again on restart,
 * which is the better failure for a visitor than a ticket that never prints.
 */
export class PrintedJournal {
	private readonly ids = new Set<number>();
	constructor(private readonly file: string, private readonly keep = 2000) {
		mkdirSync(dirname(file), { recursive: true });
		if (existsSync(file)) {
			for (const line of readFileSync(file, 'utf8').split('\n')) {
				const id = Number(line);
				if (Number.isInteger(id) && id > 0) this.ids.add(id);
			}
		}
		if (this.ids.size > this.keep) this.compact();
	}

	has(jobId: number): boolean {
		return this.ids.has(jobId);
	}

	add(jobId: number): void {
		if (this.ids.has(jobId)) return;
		this.ids.add(jobId);
		const fd = openSync(this.file, 'a');
		try {
			appendFileSync(fd, `${jobId}\n`);
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
		if (this.ids.size > this.keep * 2) this.compact();
	}

	/** Keeps the newest ids: the server stops re-delivering a job once it is acknowledged. */
	private compact(): void {
		const newest = [...this.ids].sort((a, b) => a - b).slice(-this.keep);
		this.ids.clear();
		for (const id of newest) this.ids.add(id);
		writeFileSync(this.file, newest.map((id) => `${id}\n`).join(''));
	}
}
