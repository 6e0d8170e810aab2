import { describe, expect, it } from 'vitest';
import { DISPLAY_LOG_KEEP, logAnnounced, type DisplayLog } from './board-log';

describe('the board log', () => {
	it('keeps only the newest announcements, however long the board runs', () => {
		const log: DisplayLog = { announced: [], states: 0 };
		for (let i = 1; i <= 10_000; i++) logAnnounced(log, `call ${i}`);
		expect(log.announced).toHaveLength(DISPLAY_LOG_KEEP);
		expect(log.announced.at(-1)).toBe('call 10000');
		expect(log.announced[0]).toBe(`call ${10_000 - DISPLAY_LOG_KEEP + 1}`);
	});
});
