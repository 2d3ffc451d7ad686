/**
 * Request counter per key (per API key / per location), like the real APIs'
 * "N requests per interval" limits, in one of two kinds:
 * - `fixed` (default): a window starts at a key's first request and lasts
 *   windowMs; the count starts over when it ends (so two windows back to back
 *   can let up to 2 × max through within one windowMs);
 * - `sliding`: a request is allowed while fewer than max were allowed in the
 *   windowMs before it, so no windowMs-long stretch ever holds more than max.
 */

export type WindowKind = 'fixed' | 'sliding';

export const WINDOW_KINDS: readonly WindowKind[] = ['fixed', 'sliding'];

export interface LimiterOptions {
	max: number;
	windowMs: number;
	/** Default `fixed`. */
	kind?: WindowKind;
}

export interface LimitDecision {
	allowed: boolean;
	remaining: number;
	/**
	 * Milliseconds until the count goes down: the end of a fixed window, or when
	 * the oldest request counted in a sliding window leaves it. A request that
	 * opens a window (the only one counted) gets a whole window.
	 */
	resetMs: number;
	max: number;
}

export class WindowLimiter {
	private opts: Required<LimiterOptions>;
	private windows = new Map<string, { start: number; count: number }>();
	/** Sliding kind: when each allowed request came, oldest first. */
	private logs = new Map<string, number[]>();

	constructor(opts: LimiterOptions) {
		this.opts = { kind: 'fixed', ...opts };
	}

	take(key: string, now: number = Date.now()): LimitDecision {
		return this.opts.kind === 'sliding' ? this.takeSliding(key, now) : this.takeFixed(key, now);
	}

	private takeFixed(key: string, now: number): LimitDecision {
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

	private takeSliding(key: string, now: number): LimitDecision {
		const { max, windowMs } = this.opts;
		let log = this.logs.get(key);
		if (!log) this.logs.set(key, (log = []));
		// Keep the requests of (now - windowMs, now]: the same stretch the bench measures.
		let expired = 0;
		while (expired < log.length && log[expired] <= now - windowMs) expired++;
		if (expired > 0) log.splice(0, expired);
		const allowed = log.length < max;
		if (allowed) log.push(now);
		return { allowed, remaining: Math.max(0, max - log.length), resetMs: Math.max(0, log[0] + windowMs - now), max };
	}

	reset(): void {
		this.windows.clear();
		this.logs.clear();
	}

	/** Changes the limits (and the kind) and starts fresh windows. */
	configure(opts: Partial<LimiterOptions>): void {
		this.opts = { ...this.opts, ...opts };
		this.reset();
	}

	options(): Required<LimiterOptions> {
		return { ...this.opts };
	}
}

/** The original name: a limiter counts in fixed windows unless told `kind: 'sliding'`. */
export { WindowLimiter as FixedWindowLimiter };

/**
 * Reads `{ max?, windowMs?, kind? }` from an admin request body; returns an
 * error message when a value is invalid or nothing is given.
 */
export function parseLimiterOptions(body: unknown): Partial<LimiterOptions> | string {
	const b = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
	const out: Partial<LimiterOptions> = {};
	for (const name of ['max', 'windowMs'] as const) {
		if (b[name] === undefined) continue;
		if (!(Number.isInteger(b[name]) && (b[name] as number) > 0)) return `${name} must be a positive integer.`;
		out[name] = b[name] as number;
	}
	if (b.kind !== undefined) {
		if (!WINDOW_KINDS.includes(b.kind as WindowKind)) return `kind must be one of: ${WINDOW_KINDS.join(', ')}.`;
		out.kind = b.kind as WindowKind;
	}
	return Object.keys(out).length > 0 ? out : 'Send { max, windowMs, kind } (any of them): positive integers, kind fixed or sliding.';
}
