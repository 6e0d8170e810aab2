/** Timing helpers for the benchmark: concurrent loops for a fixed time, and latency percentiles. */

export interface Latency {
	p50: number;
	p95: number;
	p99: number;
}

export interface LoopResult {
	/** Operations completed inside the measured window (warm-up excluded). */
	count: number;
	/** The measured window, seconds. */
	seconds: number;
	perSecond: number;
	/** Per-operation latencies of each named stage, milliseconds. */
	latency: Record<string, Latency>;
	/** True when a worker stopped early because it had nothing left to do. */
	ranDry: boolean;
}

/** Nearest-rank percentile of sorted milliseconds. */
function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function latencyOf(samples: number[]): Latency {
	const sorted = [...samples].sort((a, b) => a - b);
	return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/**
 * One timed operation: `time(stage, fn)` runs fn and records its duration under `stage`.
 * Return false from the operation to say "nothing left to do" (the worker then stops).
 */
export type Operation = (worker: number, time: <T>(stage: string, fn: () => Promise<T>) => Promise<T>) => Promise<boolean>;

/**
 * Runs `workers` loops of `op` side by side. The first `warmupSeconds` are not counted (each
 * pooled connection prepares its statements on first use); then the operations that *finish*
 * inside the next `seconds` are counted (throughput = completions in the window), and no new one
 * starts after it. An operation that finds nothing to do ends its worker and sets `ranDry`.
 */
export async function runLoops(opts: { workers: number; seconds: number; warmupSeconds: number; op: Operation }): Promise<LoopResult> {
	const startedAt = performance.now();
	const measureFrom = startedAt + opts.warmupSeconds * 1000;
	const measureUntil = measureFrom + opts.seconds * 1000;
	const samples = new Map<string, number[]>();
	let count = 0;
	let ranDry = false;

	const worker = async (w: number) => {
		while (performance.now() < measureUntil) {
			const timings: [string, number][] = [];
			const time = async <T>(stage: string, fn: () => Promise<T>): Promise<T> => {
				const t0 = performance.now();
				const result = await fn();
				timings.push([stage, performance.now() - t0]);
				return result;
			};
			if (!(await opts.op(w, time))) {
				ranDry = true;
				return;
			}
			const finishedAt = performance.now();
			if (finishedAt < measureFrom || finishedAt > measureUntil) continue;
			count++;
			for (const [stage, ms] of timings) {
				const list = samples.get(stage) ?? [];
				list.push(ms);
				samples.set(stage, list);
			}
		}
	};
	await Promise.all(Array.from({ length: opts.workers }, (_, w) => worker(w)));
	const latency: Record<string, Latency> = {};
	for (const [stage, list] of samples) latency[stage] = latencyOf(list);
	return { count, seconds: opts.seconds, perSecond: count / opts.seconds, latency, ranDry };
}
