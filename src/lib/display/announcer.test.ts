import { describe, expect, it } from 'vitest';
import { createAnnouncer } from './announcer';

function deferredPlayer() {
	const log: string[] = [];
	let active = 0;
	let maxActive = 0;
	const finishers: (() => void)[] = [];
	const play = (item: string) =>
		new Promise<void>((resolve) => {
			active++;
			maxActive = Math.max(maxActive, active);
			log.push(`start ${item}`);
			finishers.push(() => {
				log.push(`end ${item}`);
				active--;
				resolve();
			});
		});
	const finishNext = async () => {
		finishers.shift()?.();
		await new Promise((r) => setTimeout(r, 0));
	};
	return { log, play, finishNext, maxActive: () => maxActive };
}

describe('announcement queue', () => {
	it('plays announcements one after another, never overlapping, in order', async () => {
		const p = deferredPlayer();
		const a = createAnnouncer({ play: p.play });
		a.announce('1:1', 'П001');
		a.announce('1:2', 'П002');
		a.announce('1:3', 'К001');
		expect(a.playing).toBe(true);
		expect(a.pending).toBe(2);
		await p.finishNext();
		await p.finishNext();
		await p.finishNext();
		await a.idle();
		expect(p.log).toEqual(['start П001', 'end П001', 'start П002', 'end П002', 'start К001', 'end К001']);
		expect(p.maxActive()).toBe(1);
	});

	it('announces a key once: a duplicate is refused, a recall (new key) plays again', async () => {
		const played: string[] = [];
		const a = createAnnouncer({ play: async (x: string) => void played.push(x) });
		expect(a.announce('1:5', 'П042 call')).toBe(true);
		expect(a.announce('1:5', 'П042 call')).toBe(false);
		expect(a.announce('1:9', 'П042 recall')).toBe(true);
		await a.idle();
		expect(played).toEqual(['П042 call', 'П042 recall']);
	});

	it('a failing clip does not stop the queue', async () => {
		const played: string[] = [];
		const errors: unknown[] = [];
		const a = createAnnouncer({
			play: async (x: string) => {
				if (x === 'bad') throw new Error('decode failed');
				played.push(x);
			},
			onError: (e) => errors.push(e)
		});
		a.announce('a', 'bad');
		a.announce('b', 'good');
		await a.idle();
		expect(played).toEqual(['good']);
		expect(errors).toHaveLength(1);
	});

	it('a burst beyond the limit drops the oldest queued, keeps the one playing', async () => {
		const p = deferredPlayer();
		const a = createAnnouncer({ play: p.play, maxQueue: 2 });
		for (let i = 1; i <= 5; i++) a.announce(`k${i}`, `T${i}`);
		expect(a.pending).toBe(2);
		for (let i = 0; i < 3; i++) await p.finishNext();
		await a.idle();
		expect(p.log.filter((l) => l.startsWith('start'))).toEqual(['start T1', 'start T4', 'start T5']);
	});

	it('idle resolves at once when nothing plays; clear drops the queue', async () => {
		const p = deferredPlayer();
		const a = createAnnouncer({ play: p.play });
		await a.idle();
		a.announce('x', 'X');
		a.announce('y', 'Y');
		a.clear();
		await p.finishNext();
		await a.idle();
		expect(p.log).toEqual(['start X', 'end X']);
	});
});
