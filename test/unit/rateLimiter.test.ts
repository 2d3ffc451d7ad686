import { bucketFor, resetBuckets, TokenBucket } from '../../nodes/common/rateLimiter';

describe('token bucket', () => {
	it('hands out a full window at once, then each token one window after it was spent', () => {
		const t0 = 1_000_000;
		const bucket = new TokenBucket(100, 10_000, t0);
		for (let i = 0; i < 100; i++) expect(bucket.take(t0 + i)).toBe(0);
		expect(bucket.take(t0 + 100)).toBe(9_900);
		expect(bucket.take(t0 + 10_000)).toBe(0);
		expect(bucket.take(t0 + 10_000)).toBe(1);
	});

	it('never lets more than the limit through in any window (simulated 30 s)', () => {
		const t0 = 0;
		const bucket = new TokenBucket(100, 10_000, t0);
		const sent: number[] = [];
		let now = t0;
		while (now < 30_000) {
			const wait = bucket.take(now);
			if (wait === 0) sent.push(now);
			else now += wait;
		}
		for (const start of sent) {
			const inWindow = sent.filter((t) => t >= start && t < start + 10_000).length;
			expect(inWindow).toBeLessThanOrEqual(100);
		}
		// And it uses the limit fully: 100 in each of the three windows.
		expect(sent.length).toBe(300);
	});

	it('follows the remaining count the API reports', () => {
		const bucket = new TokenBucket(100, 10_000, 0);
		bucket.observe({ limit: 100, remaining: 2, windowMs: 10_000 }, 0);
		expect(bucket.take(0)).toBe(0);
		expect(bucket.take(0)).toBe(0);
		expect(bucket.take(0)).toBeGreaterThan(0);
	});

	it('adopts a smaller limit from the headers (e.g. a sandbox token with 25 / 10 s)', () => {
		const bucket = new TokenBucket(100, 10_000, 0);
		bucket.observe({ limit: 25, remaining: 25, windowMs: 10_000 }, 0);
		expect(bucket.snapshot(0)).toEqual({ available: 25, capacity: 25, windowMs: 10_000 });
	});

	it('blocks after a 429 until the server says so', () => {
		const bucket = new TokenBucket(100, 10_000, 0);
		bucket.block(3000, 0);
		expect(bucket.take(0)).toBe(3000);
		expect(bucket.take(2999)).toBe(1);
		expect(bucket.take(3000)).toBe(0);
	});

	it('after a 429 trusts the server wait over its own full-window estimate', () => {
		const bucket = new TokenBucket(120, 60_000, 0);
		// 17hats says nothing is left but not when it resets…
		bucket.observe({ limit: 120, remaining: 0 }, 0);
		expect(bucket.take(0)).toBe(60_000);
		// …then the 429 says Retry-After: 1.
		bucket.block(1000, 0);
		expect(bucket.take(500)).toBe(500);
		expect(bucket.take(1000)).toBe(0);
	});

	it('gives tokens back when the server reports more remaining than we counted', () => {
		const bucket = new TokenBucket(10, 60_000, 0);
		for (let i = 0; i < 10; i++) bucket.take(0);
		for (let i = 0; i < 9; i++) bucket.settled();
		expect(bucket.take(100)).toBeGreaterThan(0);
		// The server's (shorter) window has reset: 9 of 10 left after this request.
		bucket.observe({ limit: 10, remaining: 9 }, 100);
		bucket.settled();
		for (let i = 0; i < 9; i++) expect(bucket.take(100)).toBe(0);
		expect(bucket.take(100)).toBeGreaterThan(0);
	});

	it('does not give tokens back for answers that predate requests still in flight', () => {
		const bucket = new TokenBucket(10, 2000, 0);
		for (let i = 0; i < 10; i++) bucket.take(0);
		// The first answer says 9 left, but 9 more requests are still on their way.
		bucket.observe({ limit: 10, remaining: 9 }, 10);
		bucket.settled();
		expect(bucket.take(10)).toBeGreaterThan(0);
	});

	it('returns spent tokens when the server says its (shorter) window resets', () => {
		// We assume a 60 s window; the server's resets in 2 s.
		const bucket = new TokenBucket(50, 60_000, 0);
		for (let i = 0; i < 50; i++) {
			bucket.take(0);
			bucket.settled();
		}
		bucket.observe({ limit: 50, remaining: 0, resetInMs: 2000 }, 100);
		expect(bucket.take(1000)).toBe(1100);
		expect(bucket.take(2100)).toBe(0);
	});

	it('returns tokens counted from the headers when the window resets', () => {
		const bucket = new TokenBucket(120, 60_000, 0);
		bucket.observe({ limit: 120, remaining: 0, resetInMs: 5000 }, 0);
		expect(bucket.take(5000)).toBe(0);
	});

	it('blocks until reset when the API reports nothing remaining', () => {
		const bucket = new TokenBucket(120, 60_000, 0);
		bucket.observe({ limit: 120, remaining: 0, resetInMs: 5000 }, 0);
		expect(bucket.take(10)).toBe(4990);
	});

	it('shares one bucket per credential key', () => {
		resetBuckets();
		const a = bucketFor('k1', 10, 1000);
		expect(bucketFor('k1', 10, 1000)).toBe(a);
		expect(bucketFor('k2', 10, 1000)).not.toBe(a);
	});
});
