import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Database } from '../../src/lib/server/db/connect';
import { runJob, type Job } from '../../src/lib/server/jobs/scheduler';
import { createTestDatabase, usingServer, type TestDatabase } from '../helpers/db';

/** Scheduled jobs run once across nodes: a run holds the job's advisory lock to its commit. */
let db: TestDatabase;
beforeAll(async () => {
	db = await createTestDatabase();
	await db.sql`create table job_runs (node text not null, at timestamptz not null default now())`;
});
afterAll(() => db?.close());

const slowJob = (node: string, started: () => void, release: Promise<void>): Job => ({
	name: 'test.once',
	cron: '* * * * * *',
	async run(tx) {
		await tx`insert into job_runs (node) values (${node})`;
		started();
		await release;
		return 1;
	}
});

describe('scheduled jobs', () => {
	it('a failing job is reported as failed and rolls back what it wrote', async () => {
		const job: Job = {
			name: 'test.fails',
			cron: '* * * * * *',
			async run(tx) {
				await tx`insert into job_runs (node) values ('failing')`;
				throw new Error('boom');
			}
		};
		expect(await runJob(db.sql, job, new Date())).toEqual({ outcome: 'failed', rows: 0 });
		const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from job_runs where node = 'failing'`;
		expect(row!.n).toBe(0);
	});

	it.skipIf(!usingServer())(
		'two nodes ticking at once: the job runs on one, the other skips (needs a real PostgreSQL: two connections)',
		async () => {
			// A second "node": its own pool on the same schema.
			const other: Database = await connect({ url: process.env.TEST_DATABASE_URL!, schema: db.schema!, max: 2 });
			try {
				let release!: () => void;
				const released = new Promise<void>((r) => (release = r));
				let started!: () => void;
				const isRunning = new Promise<void>((r) => (started = r));
				const a = runJob(db.sql, slowJob('a', started, released), new Date());
				await isRunning;
				const b = await runJob(
					other.sql,
					slowJob('b', () => {}, Promise.resolve()),
					new Date()
				);
				expect(b).toEqual({ outcome: 'skipped', rows: 0 });
				release();
				expect(await a).toEqual({ outcome: 'done', rows: 1 });
				// Once the first run committed, the lock is free again: the next tick runs.
				expect(
					await runJob(
						other.sql,
						slowJob('b', () => {}, Promise.resolve()),
						new Date()
					)
				).toEqual({ outcome: 'done', rows: 1 });
				const nodes = await db.sql<{ node: string }[]>`select node from job_runs where node in ('a', 'b') order by at`;
				expect(nodes.map((r) => r.node)).toEqual(['a', 'b']);
			} finally {
				await other.close();
			}
		}
	);
});
