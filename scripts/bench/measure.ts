/**
 * What the benchmark (and its smoke test) measure from a server's request
 * log: the busiest sliding window, the 429s, and how close a run came to the
 * fastest schedule the limit allows.
 */

/**
 * The most requests in any window-long stretch [t, t + windowMs), over every
 * t: the count a sliding-window server compares with its limit.
 */
export function maxInAnyWindow(times: readonly number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	let start = 0;
	for (let end = 0; end < sorted.length; end++) {
		while (sorted[end] - sorted[start] >= windowMs) start++;
		best = Math.max(best, end - start + 1);
	}
	return best;
}

/**
 * The shortest time from the first to the last of `requests` requests that
 * never puts more than `limit` into any `windowMs` stretch: a full burst, then
 * one more burst each window.
 */
export function lowerBoundMs(requests: number, limit: number, windowMs: number): number {
	return Math.max(0, Math.ceil(requests / limit) - 1) * windowMs;
}

/** The lower bound as a percentage of the time taken (100 = as fast as the limit allows). */
export function pctOfCeiling(requests: number, limit: number, windowMs: number, elapsedMs: number): number {
	const bound = lowerBoundMs(requests, limit, windowMs);
	if (bound === 0) return 100;
	return Math.round((bound / Math.max(elapsedMs, 1)) * 1000) / 10;
}

/**
 * What the pacing costs per window: the mean time, beyond one window, between
 * the first request of one full-limit burst and the first of the next (the
 * k-th burst starts at request k × limit). Only meaningful without 429s.
 */
export function windowLagMs(times: readonly number[], limit: number, windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	const lags: number[] = [];
	for (let start = limit; start < sorted.length; start += limit) lags.push(sorted[start] - sorted[start - limit] - windowMs);
	return lags.length === 0 ? 0 : Math.round(lags.reduce((a, b) => a + b, 0) / lags.length);
}
