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

export class TokenBucket {
	private tokens: number;

	private capacity: number;

	private windowMs: number;

	private updatedAt: number;

	/** While set, no token is handed out before this time (after a 429). */
	private blockedUntil = 0;

	constructor(capacity: number, windowMs: number, now = Date.now()) {
		this.capacity = capacity;
		this.windowMs = windowMs;
		this.tokens = capacity;
		this.updatedAt = now;
	}

	private refill(now: number): void {
		const elapsed = Math.max(0, now - this.updatedAt);
		this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.capacity) / this.windowMs);
		this.updatedAt = now;
	}

	/**
	 * Takes one token. Returns 0 when the request may go now, else how many ms
	 * to wait before asking again (nothing is taken in that case).
	 */
	take(now = Date.now()): number {
		if (now < this.blockedUntil) return this.blockedUntil - now;
		this.refill(now);
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		return Math.ceil(((1 - this.tokens) * this.windowMs) / this.capacity);
	}

	/** Aligns the bucket with what the API just reported. */
	observe(info: RateLimitObservation, now = Date.now()): void {
		this.refill(now);
		if (info.limit && info.limit > 0) this.capacity = info.limit;
		if (info.windowMs && info.windowMs > 0) this.windowMs = info.windowMs;
		if (info.remaining !== undefined && info.remaining >= 0) {
			// The server counts every client of this credential; believe it when it has fewer left.
			this.tokens = Math.min(this.tokens, info.remaining);
			if (info.remaining === 0 && info.resetInMs !== undefined) {
				this.blockedUntil = Math.max(this.blockedUntil, now + info.resetInMs);
			}
		}
	}

	/** After a 429: hand out nothing until the server's wait is over. */
	block(forMs: number, now = Date.now()): void {
		this.tokens = 0;
		this.updatedAt = now;
		this.blockedUntil = Math.max(this.blockedUntil, now + forMs);
	}

	snapshot(): { tokens: number; capacity: number; windowMs: number } {
		return { tokens: this.tokens, capacity: this.capacity, windowMs: this.windowMs };
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
