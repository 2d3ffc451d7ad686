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
	/** Window length in ms, when the API says it (GHL). */
	windowMs?: number;
	/** Time until the server's window resets, in ms (17hats; GHL when nothing is left). */
	resetInMs?: number;
}

/**
 * A token bucket that never puts more than `capacity` requests into any
 * window-long stretch, whatever kind of window the server counts in (fixed,
 * clock-aligned or sliding). Each request holds a token from the moment it is
 * sent until one window after its answer: the server counted it somewhere in
 * between, so no window-long stretch at the server can hold more. The server's
 * headers only ever make it slower (requests it counted that are not ours),
 * never hand our own tokens back early: a fixed window that resets says
 * "plenty left" while a sliding window would still count what we just sent.
 */
export class TokenBucket {
	private capacity: number;

	private windowMs: number;

	/** Whether a request that opened the server's window told us the window length (17hats sends none). */
	private windowLearned = false;

	/** When each of our answered requests was answered, oldest first; entries before `oldest` are forgotten. */
	private answeredAt: number[] = [];

	private oldest = 0;

	/** Requests sent and not answered yet: the server may or may not have counted them. */
	private inFlight = 0;

	/** Requests the server counted that are not ours (other workflows or workers), until it forgets them. */
	private others = 0;

	private othersUntil = 0;

	/** While set, no token is handed out before this time (after a 429). */
	private blockedUntil = 0;

	/**
	 * How many of the limit this client lets itself use (AIMD). Other clients
	 * of the credential (queue-mode workers) are invisible until their requests
	 * show in the server's answers, so each client that finds the budget
	 * exhausted by others as well cuts its own share, and grows it back one
	 * step per window; alone it never cuts and keeps the whole limit.
	 */
	private share = Infinity;

	/** When the share was last cut (at most once per window: one shortage shows in many answers)… */
	private cutAt = -Infinity;

	/** …and when it last grew or was cut: it grows a step per whole window after that. */
	private shareAt = 0;

	constructor(capacity: number, windowMs: number) {
		this.capacity = capacity;
		this.windowMs = windowMs;
	}

	/** Forgets answers older than a window. */
	private forget(now: number): void {
		const cutoff = now - this.windowMs;
		const times = this.answeredAt;
		while (this.oldest < times.length && times[this.oldest] <= cutoff) this.oldest++;
		// Compact now and then instead of shifting the array on every answer.
		if (this.oldest > 256 && this.oldest * 2 > times.length) {
			this.answeredAt = times.slice(this.oldest);
			this.oldest = 0;
		}
	}

	private othersAt(now: number): number {
		return now < this.othersUntil ? this.others : 0;
	}

	private used(now: number): number {
		return this.own(now) + this.othersAt(now);
	}

	/** Our own requests in flight or answered in the last window. */
	private own(now: number): number {
		this.forget(now);
		return this.inFlight + (this.answeredAt.length - this.oldest);
	}

	/** The share, grown by a step for every whole window since it last changed. */
	private shareNow(now: number): number {
		if (this.share < this.capacity && now >= this.shareAt + this.windowMs) {
			const windows = Math.floor((now - this.shareAt) / this.windowMs);
			this.share += windows * Math.max(1, Math.round(this.capacity * GROW));
			this.shareAt += windows * this.windowMs;
		}
		if (this.share >= this.capacity) this.share = Infinity;
		return Math.min(this.share, this.capacity);
	}

	/**
	 * Others spend the same budget: take a smaller part of what we used
	 * (at most once per window, as one shortage shows in many answers).
	 */
	private cut(now: number): void {
		if (now < this.cutAt + this.windowMs) return;
		const base = Math.min(this.shareNow(now), this.own(now));
		this.share = Math.max(Math.ceil(this.capacity * FLOOR), Math.floor(base * CUT));
		this.shareAt = this.cutAt = now;
	}

	/**
	 * When the `count`-th token comes back: answered ones a window after their
	 * answer, the others' when the server forgets them. A token still in flight
	 * comes back no sooner than a window from now.
	 */
	private returnTime(count: number, now: number): number {
		const times = this.answeredAt;
		let mine = this.oldest;
		let others = this.othersAt(now);
		for (let returned = 1; ; returned++) {
			const nextMine = mine < times.length ? times[mine] + this.windowMs : Infinity;
			const nextOthers = others > 0 ? this.othersUntil : Infinity;
			const next = Math.min(nextMine, nextOthers);
			if (next === Infinity) return now + this.windowMs;
			if (returned === count) return next;
			if (nextMine <= nextOthers) mine++;
			else others--;
		}
	}

	/**
	 * Takes one token. Returns 0 when the request may go now, else how many ms
	 * to wait before asking again (nothing is taken in that case).
	 */
	take(now = Date.now()): number {
		if (now < this.blockedUntil) return this.blockedUntil - now;
		const used = this.used(now);
		const own = this.own(now);
		const share = this.shareNow(now);
		if (used < this.capacity && own < share) {
			this.inFlight++;
			return 0;
		}
		const full = used < this.capacity ? now : this.returnTime(used - this.capacity + 1, now);
		// Over our share: our oldest answered token or the next step of the share frees one.
		const mineBack = this.oldest < this.answeredAt.length ? this.answeredAt[this.oldest] + this.windowMs : now + this.windowMs;
		const overShare = own < share ? now : Math.min(mineBack, this.shareAt + this.windowMs);
		return Math.max(1, Math.max(full, overShare) - now);
	}

	/** Aligns the bucket with what the API just reported (call before `settled` for the same answer). */
	observe(info: RateLimitObservation, now = Date.now()): void {
		if (info.limit && info.limit > 0) this.capacity = info.limit;
		if (info.windowMs && info.windowMs > 0) {
			this.windowMs = info.windowMs;
		} else if (info.resetInMs !== undefined && info.resetInMs > 0) {
			// No window length (17hats): the request that opened the server's window
			// (all but one left) has a whole window until the reset. Any reset is at
			// most a window, so the window is never taken shorter than one seen.
			const opened = info.remaining === this.capacity - 1;
			this.windowMs = opened && !this.windowLearned ? info.resetInMs : Math.max(this.windowMs, info.resetInMs);
			this.windowLearned ||= opened;
		}
		if (info.remaining !== undefined && info.remaining >= 0) {
			// The server counts every client of this credential: what it counted
			// beyond our own requests (answered in the window, or in flight) belongs
			// to others, and comes back when it says its window resets.
			this.forget(now);
			const ours = this.inFlight + this.answeredAt.length - this.oldest;
			this.others = Math.max(0, this.capacity - info.remaining - ours);
			this.othersUntil = now + (info.resetInMs ?? this.windowMs);
			// Others spent part of it and what is left will not even cover our
			// requests on the way: together we are at the limit.
			if (this.others > 0 && info.remaining < this.inFlight) this.cut(now);
		}
	}

	/** A request that took a token got its answer (or failed): its token comes back a window from now. */
	settled(now = Date.now()): void {
		if (this.inFlight === 0) return;
		this.inFlight--;
		const times = this.answeredAt;
		// Answers come in time order; a rare earlier `now` is put in its place.
		let at = times.length;
		while (at > this.oldest && times[at - 1] > now) at--;
		if (at === times.length) times.push(now);
		else times.splice(at, 0, now);
	}

	/**
	 * After a 429: hand out nothing until the server's wait is over, and
	 * believe the server that what others spent is forgotten by then. Our own
	 * tokens still come back only a window after their answers.
	 */
	block(forMs: number, now = Date.now()): void {
		this.blockedUntil = Math.max(this.blockedUntil, now + forMs);
		this.cut(now);
		this.othersUntil = Math.min(this.othersUntil, this.blockedUntil);
	}

	snapshot(now = Date.now()): { available: number; capacity: number; windowMs: number } {
		const available = Math.min(this.capacity - this.used(now), this.shareNow(now) - this.own(now));
		return { available, capacity: this.capacity, windowMs: this.windowMs };
	}
}

/**
 * AIMD: a cut keeps CUT of what we used (never less than FLOOR of the limit);
 * each window after it gives GROW of the limit back. Tuned on the two- and
 * three-worker simulation in test/unit/rateLimiter.test.ts: a faster growth
 * or a milder cut brings the 429s back.
 */
const CUT = 0.7;
const FLOOR = 0.1;
const GROW = 0.05;

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
