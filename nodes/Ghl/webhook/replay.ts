/**
 * Replay guard, time side: a delivery's `timestamp` must be within a
 * tolerance of now, and a seen `webhookId` is remembered for a retention
 * derived from that tolerance. Where ids are remembered: replayCache.ts (this
 * process, answers 409) and processedDeliveries.ts (n8n's database, drops a
 * replay at the start of its execution).
 */
export const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;
/** Ids are kept at least this long (deliveries without a timestamp). */
export const MIN_RETENTION_MS = 60 * 60 * 1000;

/** Reads an ISO date, epoch seconds or epoch milliseconds. */
export function parseTimestamp(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value < 1e12 ? value * 1000 : value;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return parseTimestamp(Number(value));
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

export type TimestampVerdict = 'ok' | 'missing' | 'invalid' | 'stale' | 'future';

export function checkTimestamp(value: unknown, now: number, toleranceMs: number): TimestampVerdict {
	if (value === undefined || value === null || value === '') return 'missing';
	const ms = parseTimestamp(value);
	if (ms === undefined) return 'invalid';
	if (now - ms > toleranceMs) return 'stale';
	if (ms - now > toleranceMs) return 'future';
	return 'ok';
}

/**
 * How long a webhookId is remembered. With a tolerance, it outlives the window
 * in which its delivery could pass the timestamp check; with none (0) nothing
 * else stops an old delivery, so it is kept until the capacity pushes it out.
 */
export function retentionMs(toleranceMs: number): number {
	return toleranceMs > 0 ? Math.max(2 * toleranceMs, MIN_RETENTION_MS) : Number.POSITIVE_INFINITY;
}
