/**
 * The board's announcement queue: announcements play one after another, never over each other;
 * an announcement whose key was already queued or played is ignored (a duplicate after a
 * reconnect), while a recall comes with a new key and is announced again.
 *
 * Playing is injected (`play`), so the queue is tested without a browser; in the board it is the
 * voice player (chime, then the clips, Web Speech where a clip is missing).
 */
export interface AnnouncerOptions<T> {
	play: (item: T) => Promise<void>;
	/** Queued items beyond this are dropped, oldest first: a burst of calls must not keep the hall listening for minutes. Default 6. */
	maxQueue?: number;
	/** Keys remembered to refuse duplicates. Default 500. */
	remember?: number;
	onError?: (err: unknown, item: T) => void;
}

export interface Announcer<T> {
	/** Queues an item; false when its key was seen before. */
	announce(key: string, item: T): boolean;
	readonly pending: number;
	readonly playing: boolean;
	/** Resolves when nothing is playing or queued. */
	idle(): Promise<void>;
	/** Drops what is queued (not what is playing). */
	clear(): void;
}

export function createAnnouncer<T>(opts: AnnouncerOptions<T>): Announcer<T> {
	const maxQueue = opts.maxQueue ?? 6;
	const remember = opts.remember ?? 500;
	const seen = new Set<string>();
	const queue: T[] = [];
	let playing = false;
	let waiters: (() => void)[] = [];

	async function pump() {
		if (playing) return;
		playing = true;
		while (queue.length) {
			const item = queue.shift()!;
			try {
				await opts.play(item);
			} catch (err) {
				opts.onError?.(err, item);
			}
		}
		playing = false;
		const w = waiters;
		waiters = [];
		for (const f of w) f();
	}

	return {
		announce(key, item) {
			if (seen.has(key)) return false;
			seen.add(key);
			if (seen.size > remember) seen.delete(seen.values().next().value!);
			queue.push(item);
			while (queue.length > maxQueue) queue.shift();
			void pump();
			return true;
		},
		get pending() {
			return queue.length;
		},
		get playing() {
			return playing;
		},
		idle() {
			if (!playing && !queue.length) return Promise.resolve();
			return new Promise((r) => waiters.push(r));
		},
		clear() {
			queue.length = 0;
		}
	};
}
