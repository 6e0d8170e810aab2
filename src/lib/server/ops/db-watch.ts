import type { Sql } from '$lib/server/db/connect';
import { isDatabaseUnavailable } from '$lib/server/db/errors';

/**
 * Notices when the database goes out of reach and when it is back, so open screens can say so
 * (`server:database` to every socket: kiosks and boards show their offline state, then fetch a
 * fresh snapshot) instead of waiting for their next command to fail. A ping a second: a
 * connection error marks it down at once; a ping with no answer only on the second in a row
 * (one slow answer under load is not an outage).
 */
export interface DatabaseWatch {
	readonly up: boolean;
	stop(): void;
}

export function watchDatabase(sql: Sql, opts: { onChange: (up: boolean) => void; intervalMs?: number; timeoutMs?: number }): DatabaseWatch {
	const intervalMs = opts.intervalMs ?? 1000;
	const timeoutMs = opts.timeoutMs ?? 3000;
	let up = true;
	let stopped = false;
	let silent = 0;
	let timer: ReturnType<typeof setTimeout> | null = null;

	const set = (now: boolean) => {
		if (now === up) return;
		up = now;
		opts.onChange(now);
	};

	async function ping(): Promise<'ok' | 'down' | 'silent'> {
		let timeout: ReturnType<typeof setTimeout> | undefined;
		try {
			const answered = await Promise.race([
				sql`select 1`.then(() => true),
				new Promise<false>((r) => (timeout = setTimeout(() => r(false), timeoutMs)))
			]);
			return answered ? 'ok' : 'silent';
		} catch (e) {
			return isDatabaseUnavailable(e) ? 'down' : 'ok';
		} finally {
			clearTimeout(timeout);
		}
	}

	async function tick() {
		const result = await ping();
		if (stopped) return;
		if (result === 'ok') {
			silent = 0;
			set(true);
		} else if (result === 'down' || ++silent >= 2) set(false);
		timer = setTimeout(() => void tick(), intervalMs);
	}
	timer = setTimeout(() => void tick(), intervalMs);

	return {
		get up() {
			return up;
		},
		stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
		}
	};
}
