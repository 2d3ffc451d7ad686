/**
 * GHL's per-location limits: a burst window (default 100 requests / 10 s,
 * fixed or sliding) and a daily quota (200,000), reported on every answer in
 * X-RateLimit-* headers.
 */
import { WindowLimiter, type WindowKind } from '../common/rateLimit';
import type { SandboxResponse } from '../common/http';
import { ghlError } from './errors';

export interface GhlRateLimitOptions {
	max: number;
	windowMs: number;
	daily?: number;
	/** How the burst window counts (default fixed). */
	kind?: WindowKind;
}

export class GhlRateLimiter {
	private burst: WindowLimiter;
	private daily = new Map<string, { day: string; count: number }>();
	private opts: Required<GhlRateLimitOptions>;

	constructor(opts: GhlRateLimitOptions) {
		this.opts = { max: opts.max, windowMs: opts.windowMs, daily: opts.daily ?? 200_000, kind: opts.kind ?? 'fixed' };
		this.burst = new WindowLimiter(this.opts);
	}

	/** Counts one request; `rejection` is set when it must be answered 429. */
	take(locationId: string): { headers: Record<string, string>; rejection?: SandboxResponse } {
		const b = this.burst.take(locationId);
		const day = new Date().toISOString().slice(0, 10);
		let d = this.daily.get(locationId);
		if (!d || d.day !== day) this.daily.set(locationId, (d = { day, count: 0 }));
		const dailyOk = d.count < this.opts.daily;
		if (b.allowed && dailyOk) d.count++;
		const headers = {
			'X-RateLimit-Max': String(b.max),
			'X-RateLimit-Remaining': String(b.remaining),
			'X-RateLimit-Interval-Milliseconds': String(this.opts.windowMs),
			'X-RateLimit-Limit-Daily': String(this.opts.daily),
			'X-RateLimit-Daily-Remaining': String(Math.max(0, this.opts.daily - d.count)),
		};
		if (!b.allowed || !dailyOk) {
			return { headers, rejection: { ...ghlError(429, 'Too many requests'), headers } };
		}
		return { headers };
	}

	configure(opts: Partial<GhlRateLimitOptions>): void {
		this.opts = { ...this.opts, ...opts };
		this.burst.configure({ max: this.opts.max, windowMs: this.opts.windowMs, kind: this.opts.kind });
		this.daily.clear();
	}

	options(): Required<GhlRateLimitOptions> {
		return { ...this.opts };
	}

	reset(): void {
		this.burst.reset();
		this.daily.clear();
	}
}
