import { describe, expect, it } from 'vitest';
import { PRINT_TAKEN_WITHIN_MS, printNotice, recordProgress, type PrintProgress } from './print-notice';

const online = { state: 'online', at: '2025-01-01T00:00:00Z' } as const;
const paperOut = { state: 'paper_out', at: '2025-01-01T00:00:00Z' } as const;

describe('printNotice', () => {
	it('says nothing while an online printer has not been given the job yet, then asks for a photo', () => {
		expect(printNotice(online, undefined, 0)).toBe('waiting');
		expect(printNotice(online, undefined, PRINT_TAKEN_WITHIN_MS - 1)).toBe('waiting');
		expect(printNotice(online, undefined, PRINT_TAKEN_WITHIN_MS)).toBe('photo');
	});

	it('says "printing" once an agent took the job while the printer is online', () => {
		expect(printNotice(online, 'taken', 100)).toBe('printing');
		expect(printNotice(online, 'taken', 60_000)).toBe('printing');
	});

	it('asks for a photo at once when the printer cannot print, even if the job was taken', () => {
		expect(printNotice(paperOut, undefined, 0)).toBe('photo');
		expect(printNotice(paperOut, 'taken', 0)).toBe('photo');
		expect(printNotice(null, undefined, 0)).toBe('photo');
	});

	it('a job on paper is "printing" whatever the printer says afterwards (the last sheet)', () => {
		expect(printNotice(paperOut, 'done', 0)).toBe('printing');
	});
});

describe('recordProgress', () => {
	it('keeps the furthest stage of each ticket and only the newest tickets', () => {
		let p: Record<string, PrintProgress> = {};
		p = recordProgress(p, { jobId: 1, publicCode: 'a' }, 'taken');
		p = recordProgress(p, { jobId: 1, publicCode: 'a' }, 'done');
		p = recordProgress(p, { jobId: 2, publicCode: 'a' }, 'taken'); // a reprint's job: still on paper once
		expect(p.a).toBe('done');
		for (let i = 0; i < 60; i++) p = recordProgress(p, { jobId: 10 + i, publicCode: `c${i}` }, 'taken', 50);
		expect(Object.keys(p)).toHaveLength(50);
		expect(p.c59).toBe('taken');
		expect(p.a).toBeUndefined();
	});
});
