/**
 * A token bucket per credential keeps bursts under the API's limit. It starts
 * from the documented limit and then follows what the API itself reports in
 * its rate-limit headers, so several workflows (or workers) sharing one
 * credential slow down together instead of collecting 429s.
 *
 * The bucket lives in process memory on purpose: it is a throttle, not state
 * that a result depends on. Losing it (restart, another worker) only means
 * starting from the documented limit again; the API's headers correct it on
 * the next response.
 */

export interface RateLimitObservation {
	/** Requests allowed per window. */
	limit?: number;
	/** Requests left in the current window. */
	remaining?: number;
	/** Window length (GHL) or time until the window resets, in ms. */
	windowMs?: number;
	resetInMs?: number;
}

/**
 * Each request spends a token; a token comes back exactly one window after it
 * was spent. So no stretch of the API's window length ever sees more than the
 * limit (a refill-rate bucket would allow a full burst plus a window's refill,
 * up to twice the limit), and the limit is still used fully.
 */
export class TokenBucket {
	/** When each token still out was spent, oldest first. */
	private spent: number[] = [];

	private capacity: number;

	private windowMs: number;

	/** While set, no token is handed out before this time (after a 429). */
	private blockedUntil = 0;

	/** Requests sent and not answered yet: the server may not have counted them. */
	private inFlight = 0;

	constructor(capacity: number, windowMs: number, _now = Date.now()) {
		this.capacity = capacity;
		this.windowMs = windowMs;
	}

	private returnTokens(now: number): void {
		const cutoff = now - this.windowMs;
		let returned = 0;
		while (returned < this.spent.length && this.spent[returned] <= cutoff) returned++;
		if (returned > 0) this.spent.splice(0, returned);
	}

	/**
	 * Takes one token. Returns 0 when the request may go now, else how many ms
	 * to wait before asking again (nothing is taken in that case).
	 */
	take(now = Date.now()): number {
		if (now < this.blockedUntil) return this.blockedUntil - now;
		this.returnTokens(now);
		if (this.spent.length < this.capacity) {
			this.spent.push(now);
			this.inFlight++;
			return 0;
		}
		// Wait until the oldest outstanding token comes back.
		return Math.max(1, this.spent[this.spent.length - this.capacity] + this.windowMs - now);
	}

	/** Aligns the bucket with what the API just reported. */
	observe(info: RateLimitObservation, now = Date.now()): void {
		if (info.limit && info.limit > 0) this.capacity = info.limit;
		if (info.windowMs && info.windowMs > 0) this.windowMs = info.windowMs;
		this.returnTokens(now);
		if (info.remaining !== undefined && info.remaining >= 0) {
			// The server counts every client of this credential; when it has fewer
			// left than we think, count the difference as spent. Those tokens come
			// back when the server's window resets, if it says when, else a window from now.
			const usedByServer = this.capacity - info.remaining;
			const spentAt = info.resetInMs !== undefined ? now + info.resetInMs - this.windowMs : now;
			for (let i = this.spent.length; i < usedByServer; i++) this.spent.push(spentAt);
			// More left than we think, even counting every unanswered request as
			// not yet seen by the server: its window reset earlier than ours would
			// (a shorter window, or one that started earlier). Return the oldest.
			const answered = this.spent.length - Math.max(0, this.inFlight - 1);
			if (answered > usedByServer) this.spent.splice(0, answered - Math.max(0, usedByServer));
			this.spent.sort((a, b) => a - b);
			// The server says when its window resets: what it has counted comes back then.
			if (info.resetInMs !== undefined) {
				const returnBy = now + info.resetInMs - this.windowMs;
				const counted = this.spent.length - Math.max(0, this.inFlight - 1);
				for (let i = 0; i < counted; i++) this.spent[i] = Math.min(this.spent[i], returnBy);
				this.spent.sort((a, b) => a - b);
			}
			if (info.remaining === 0 && info.resetInMs !== undefined) {
				this.blockedUntil = Math.max(this.blockedUntil, now + info.resetInMs);
			}
		}
	}

	/** A request that took a token got its answer (or failed). */
	settled(): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
	}

	/**
	 * After a 429: hand out nothing until the server's wait is over, and
	 * believe the server that its window has room again by then.
	 */
	block(forMs: number, now = Date.now()): void {
		this.blockedUntil = Math.max(this.blockedUntil, now + forMs);
		const returnBy = this.blockedUntil - this.windowMs;
		this.spent = this.spent.map((t) => Math.min(t, returnBy)).sort((a, b) => a - b);
	}

	snapshot(now = Date.now()): { available: number; capacity: number; windowMs: number } {
		this.returnTokens(now);
		return { available: this.capacity - this.spent.length, capacity: this.capacity, windowMs: this.windowMs };
	}
}

const buckets = new Map<string, TokenBucket>();

/** The shared bucket for one credential (keyed by a hash, never by the secret itself). */
export function bucketFor(key: string, capacity: number, windowMs: number): TokenBucket {
	let bucket = buckets.get(key);
	if (!bucket) {
		bucket = new TokenBucket(capacity, windowMs);
		buckets.set(key, bucket);
	}
	return bucket;
}

/** For tests: forget every bucket. */
export function resetBuckets(): void {
	buckets.clear();
}
