/**
 * Estimated waiting time of a service (DESIGN.md): visitors ahead x rolling average service
 * time of that service / number of open desks that serve it.
 *
 * Before the first desk opens in the morning nobody is "open"; then the desks that serve the
 * service at all are the best guess of the capacity to come, rather than showing nothing.
 */
export interface EstimateInput {
	ahead: number;
	/** Rolling average service time of this service, seconds. */
	averageServiceSeconds: number;
	/** Desks serving this service that are open now (paused ones included: they come back). */
	openDesks: number;
	/** Desks configured to serve this service, open or not. */
	configuredDesks: number;
}

/** Seconds to wait, or `null` when no desk serves the service at all. */
export function estimateWaitSeconds(input: EstimateInput): number | null {
	const desks = input.openDesks > 0 ? input.openDesks : input.configuredDesks;
	if (desks <= 0) return null;
	if (input.ahead <= 0) return 0;
	return Math.round((input.ahead * input.averageServiceSeconds) / desks);
}

/**
 * Rolling average of the last service durations (seconds), falling back to the service's
 * expected duration until enough visitors were served today to trust the figure.
 */
export function rollingAverageSeconds(recentDurations: readonly number[], expectedSeconds: number, minSamples = 3): number {
	const valid = recentDurations.filter((d) => Number.isFinite(d) && d > 0);
	if (valid.length < minSamples) return expectedSeconds;
	return Math.round(valid.reduce((s, d) => s + d, 0) / valid.length);
}

/** Minutes as shown to people: rounded up to 5 above 10 minutes, never "0" when someone is ahead. */
export function displayMinutes(seconds: number | null): number | null {
	if (seconds === null) return null;
	if (seconds <= 0) return 0;
	const m = Math.ceil(seconds / 60);
	return m <= 10 ? m : Math.ceil(m / 5) * 5;
}
