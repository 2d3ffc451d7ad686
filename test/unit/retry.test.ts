import {
	backoffDelayMs,
	DEFAULT_RETRY_POLICY,
	isRetryableNetworkCode,
	isRetryableStatus,
	retryAfterMs,
} from '../../nodes/common/retry';

describe('retry policy', () => {
	it('retries 429 and the transient 5xx only', () => {
		expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
		expect([400, 401, 403, 404, 409, 422, 501].some(isRetryableStatus)).toBe(false);
	});

	it('retries resets and timeouts, not refusals or DNS failures', () => {
		expect(isRetryableNetworkCode('ECONNRESET')).toBe(true);
		expect(isRetryableNetworkCode('ETIMEDOUT')).toBe(true);
		expect(isRetryableNetworkCode('ECONNREFUSED')).toBe(false);
		expect(isRetryableNetworkCode('ENOTFOUND')).toBe(false);
		expect(isRetryableNetworkCode(undefined)).toBe(false);
	});

	it('reads Retry-After as seconds or as an HTTP date, case-insensitively', () => {
		expect(retryAfterMs({ 'retry-after': '3' })).toBe(3000);
		expect(retryAfterMs({ 'Retry-After': '0' })).toBe(0);
		const now = Date.parse('2026-11-27T10:00:00Z');
		expect(retryAfterMs({ 'retry-after': 'Fri, 27 Nov 2026 10:00:05 GMT' }, now)).toBe(5000);
		expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
		expect(retryAfterMs({})).toBeUndefined();
	});

	it('prefers the server hint over backoff', () => {
		expect(backoffDelayMs(1, DEFAULT_RETRY_POLICY, 2500)).toBe(2500);
	});

	it('backs off exponentially with jitter inside [ceiling/2, ceiling], capped by maxWaitMs', () => {
		const policy = { maxAttempts: 10, maxWaitMs: 4000, baseDelayMs: 500 };
		expect(backoffDelayMs(1, policy, undefined, () => 0)).toBe(250);
		expect(backoffDelayMs(1, policy, undefined, () => 1)).toBe(500);
		expect(backoffDelayMs(3, policy, undefined, () => 1)).toBe(2000);
		expect(backoffDelayMs(8, policy, undefined, () => 1)).toBe(4000);
		expect(backoffDelayMs(8, policy, undefined, () => 0)).toBe(2000);
	});
});
