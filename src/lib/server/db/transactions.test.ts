import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGate } from './transactions';
import { TalonError } from '$lib/errors';

const deferred = () => {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => (resolve = r));
	return { promise, resolve };
};

describe('the transaction gate', () => {
	afterEach(() => vi.useRealTimers());

	it('admits as many as the pool holds and starts the others in arrival order', async () => {
		const gate = createGate({ limit: 2 });
		const started: number[] = [];
		const finish = [deferred(), deferred(), deferred(), deferred()];
		const runs = finish.map((d, i) => gate.run(async () => (started.push(i), await d.promise, i)));
		await Promise.resolve();
		expect(started).toEqual([0, 1]);
		expect(gate.stats).toMatchObject({ running: 2, waiting: 2 });
		finish[1]!.resolve();
		await runs[1];
		await Promise.resolve();
		expect(started).toEqual([0, 1, 2]);
		finish[0]!.resolve();
		finish[2]!.resolve();
		finish[3]!.resolve();
		expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
		expect(started).toEqual([0, 1, 2, 3]);
		expect(gate.stats).toMatchObject({ running: 0, waiting: 0 });
	});

	it('starts a `first` turn (a read-only snapshot) ahead of waiting writes, in order among its kind', async () => {
		const gate = createGate({ limit: 1 });
		const started: string[] = [];
		const hold = deferred();
		const names = ['w1', 'w2', 'r1', 'w3', 'r2'];
		const runs = [
			gate.run(async () => (started.push('running'), await hold.promise)),
			...names.map((n) => gate.run(async () => void started.push(n), { first: n.startsWith('r') }))
		];
		hold.resolve();
		await Promise.all(runs);
		expect(started).toEqual(['running', 'r1', 'r2', 'w1', 'w2', 'w3']);
	});

	it('refuses with busy a turn that waited too long, without ever running it', async () => {
		vi.useFakeTimers();
		const gate = createGate({ limit: 1, maxWaitMs: 1000 });
		const hold = deferred();
		const first = gate.run(() => hold.promise);
		const ran = vi.fn(async () => 'ran');
		const second = gate.run(ran);
		const outcome = second.catch((e: unknown) => e);
		await vi.advanceTimersByTimeAsync(999);
		expect(gate.stats.waiting).toBe(1);
		await vi.advanceTimersByTimeAsync(1);
		const e = await outcome;
		expect(e).toBeInstanceOf(TalonError);
		expect((e as TalonError).code).toBe('busy');
		expect((e as TalonError).status).toBe(503);
		hold.resolve();
		await first;
		expect(ran).not.toHaveBeenCalled();
		expect(gate.stats).toMatchObject({ running: 0, waiting: 0, refused: 1 });
	});

	it('refuses at once when the line is full', async () => {
		const gate = createGate({ limit: 1, maxQueue: 1 });
		const hold = deferred();
		const first = gate.run(() => hold.promise);
		const second = gate.run(async () => 2);
		await expect(gate.run(async () => 3)).rejects.toMatchObject({ code: 'busy' });
		hold.resolve();
		await first;
		expect(await second).toBe(2);
	});

	it('frees the turn when the work throws, synchronously or not', async () => {
		const gate = createGate({ limit: 1 });
		await expect(
			gate.run(() => {
				throw new Error('sync');
			})
		).rejects.toThrow('sync');
		await expect(
			gate.run(async () => {
				throw new Error('async');
			})
		).rejects.toThrow('async');
		expect(await gate.run(async () => 'next')).toBe('next');
		expect(gate.stats.running).toBe(0);
	});
});
