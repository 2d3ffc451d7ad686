/**
 * Fixed-window request counter per key (per API key / per location).
 * A window starts at a key's first request and lasts windowMs, like the
 * real APIs' "N requests per interval" limits.
 */

export interface LimiterOptions {
	max: number;
	windowMs: number;
}

export interface LimitDecision {
	allowed: boolean;
	remaining: number;
	/** Milliseconds until the current window ends. */
	resetMs: number;
	max: number;
}

export class FixedWindowLimiter {
	private opts: LimiterOptions;
	private windows = new Map<string, { start: number; count: number }>();

	constructor(opts: LimiterOptions) {
		this.opts = { ...opts };
	}

	take(key: string, now: number = Date.now()): LimitDecision {
		const { max, windowMs } = this.opts;
		let w = this.windows.get(key);
		if (!w || now >= w.start + windowMs) {
			w = { start: now, count: 0 };
			this.windows.set(key, w);
		}
		// Denied requests are not counted, so the window's count never exceeds max.
		const allowed = w.count < max;
		if (allowed) w.count++;
		return { allowed, remaining: Math.max(0, max - w.count), resetMs: Math.max(0, w.start + windowMs - now), max };
	}

	reset(): void {
		this.windows.clear();
	}

	/** Changes the limits and starts fresh windows. */
	configure(opts: Partial<LimiterOptions>): void {
		this.opts = { ...this.opts, ...opts };
		this.windows.clear();
	}

	options(): LimiterOptions {
		return { ...this.opts };
	}
}
