import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrintedJournal } from '../../kiosk/journal';

const A = '6f1c1c1e-8d43-4b0e-9f3c-2a1d7c7e0a01';
const B = '0b7d2f44-1e9a-4c55-8a3e-93b1d6f0c2b2';
const file = () => join(mkdtempSync(join(tmpdir(), 'talon-journal-')), 'printed.log');

describe('the agent journal of printed jobs', () => {
	it('remembers a printed job across restarts, for its own installation only', () => {
		const f = file();
		new PrintedJournal(f).add({ installationId: A, jobId: 1, publicCode: 'aaaa' });
		const reopened = new PrintedJournal(f);
		expect(reopened.has({ installationId: A, jobId: 1, publicCode: 'aaaa' })).toBe(true);
		// Job 1 of a database made afresh (wiped ./data, the move to PostgreSQL) is another job.
		expect(reopened.has({ installationId: B, jobId: 1, publicCode: 'bbbb' })).toBe(false);
	});

	it('a job id rewound in the same installation (a backup restored over it) is another ticket', () => {
		const j = new PrintedJournal(file());
		j.add({ installationId: A, jobId: 7, publicCode: 'before' });
		expect(j.has({ installationId: A, jobId: 7, publicCode: 'after' })).toBe(false);
		j.add({ installationId: A, jobId: 7, publicCode: 'after' });
		expect(j.has({ installationId: A, jobId: 7, publicCode: 'after' })).toBe(true);
	});

	it('ignores lines of the old format (bare job ids) and a torn last line', () => {
		const f = file();
		writeFileSync(f, `1\n2\n${A} 3 cccc\n${A} 4`);
		const j = new PrintedJournal(f);
		expect(j.has({ installationId: A, jobId: 1, publicCode: 'x' })).toBe(false);
		expect(j.has({ installationId: A, jobId: 3, publicCode: 'cccc' })).toBe(true);
		expect(j.has({ installationId: A, jobId: 4, publicCode: '' })).toBe(false);
	});

	it('compacts to the newest entries in the order written, whatever the installation', () => {
		const f = file();
		const j = new PrintedJournal(f, 3);
		for (let id = 1; id <= 7; id++) j.add({ installationId: id % 2 ? A : B, jobId: 100 - id, publicCode: `c${id}` });
		const lines = readFileSync(f, 'utf8').trim().split('\n');
		// Seven entries over a limit of 3 × 2: the three written last stay (ids fall here, so not by id).
		expect(lines).toEqual([`${A} 95 c5`, `${B} 94 c6`, `${A} 93 c7`]);
		const reopened = new PrintedJournal(f, 3);
		expect(reopened.has({ installationId: A, jobId: 93, publicCode: 'c7' })).toBe(true);
		expect(reopened.has({ installationId: A, jobId: 99, publicCode: 'c1' })).toBe(false);
	});
});
