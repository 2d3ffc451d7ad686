/**
 * When to retry a request and how long to wait first. Pure functions, so the
 * policy is unit-tested without a clock.
 */

export interface RetryPolicy {
	/** Attempts in total, the first one included. */
	maxAttempts: number;
	/** The longest single wait; a server asking for longer ends the retries. */
	maxWaitMs: number;
	/** First backoff step; doubles each attempt. */
	baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	maxWaitMs: 60_000,
	baseDelayMs: 500,
};

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** Network failures worth another try; anything else (DNS, TLS, refused) is final. */
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export function isRetryableStatus(status: number): boolean {
	return RETRYABLE_STATUS.has(status);
}

export function isRetryableNetworkCode(code: string | undefined): boolean {
	return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

export type HeaderBag = Record<string, string | string[] | undefined>;

export function header(headers: HeaderBag | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

/** `Retry-After` as milliseconds: either delta-seconds or an HTTP date. */
export function retryAfterMs(headers: HeaderBag | undefined, now = Date.now()): number | undefined {
	const value = header(headers, 'retry-after');
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1). The server's
 * own word (Retry-After, or the rate-limit window) wins over our backoff;
 * otherwise exponential backoff with full jitter spreads parallel workers.
 */
export function backoffDelayMs(
	attempt: number,
	policy: RetryPolicy,
	serverHintMs: number | undefined,
	random: () => number = Math.random,
): number {
	if (serverHintMs !== undefined) return serverHintMs;
	const ceiling = Math.min(policy.maxWaitMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
