/**
 * The webhookIds this n8n process has accepted, so a repeat is answered 409
 * before any execution starts (a resend seconds later, or many copies at
 * once: JavaScript runs one check-and-set at a time). Kept in memory, shared
 * by every GHL Trigger in the process, keyed by workflow + node + webhookId.
 * What it cannot see (another process, a restart) is caught by
 * processedDeliveries.ts.
 *
 * Every operation is O(1) whatever the size: a Map answers "seen?", and a
 * ring of the same keys in insertion order says which is oldest (expired
 * entries are dropped from its head; beyond the capacity the oldest goes).
 * The ring, not the Map's own order, finds the oldest: V8 leaves deleted Map
 * entries in place until it rehashes, so reading a Map's first key after many
 * deletions walks over all of them.
 */
import { createHash } from 'crypto';

/** Entries kept at most, over all GHL Triggers of the process (a few MB). */
export const REPLAY_CACHE_CAPACITY = 50_000;
/** Longer webhookIds are kept as a digest (a body may be up to the size limit). */
const MAX_RAW_ID_LENGTH = 128;

export class ReplayCache {
	/** key → sequence number of its entry in the ring. */
	private readonly live = new Map<string, number>();
	/** The ring: entry `seq` sits at `seq % capacity`; entries [head, next) are in use. */
	private readonly ringKeys: string[] = [];
	/** When each ring entry may be forgotten (ms; Infinity = only by capacity). */
	private readonly ringExpiries: number[] = [];
	private head = 0;
	private next = 0;

	constructor(private readonly capacity: number) {}

	get size(): number {
		return this.live.size;
	}

	/** Whether `key` is new (within its retention); either way it is remembered from now on. */
	firstSeen(key: string, now: number, retentionMs: number): boolean {
		this.dropExpired(now);
		const seq = this.live.get(key);
		if (seq !== undefined && this.ringExpiries[seq % this.capacity] > now) return false;
		if (this.next - this.head >= this.capacity) this.dropHead();
		const slot = this.next % this.capacity;
		this.ringKeys[slot] = key;
		this.ringExpiries[slot] = now + retentionMs;
		// A key seen again after it expired gets a new entry; its old one is skipped at the head.
		this.live.set(key, this.next++);
		return true;
	}

	clear(): void {
		this.live.clear();
		this.ringKeys.length = 0;
		this.ringExpiries.length = 0;
		this.head = 0;
		this.next = 0;
	}

	/**
	 * Drops expired entries from the head. Retentions differ between triggers,
	 * so an expired entry behind a later-expiring head waits (and counts as
	 * new when its key comes again).
	 */
	private dropExpired(now: number): void {
		while (this.head < this.next) {
			const slot = this.head % this.capacity;
			const current = this.live.get(this.ringKeys[slot]) === this.head;
			if (current && this.ringExpiries[slot] > now) return;
			this.dropHead();
		}
	}

	private dropHead(): void {
		const slot = this.head % this.capacity;
		const key = this.ringKeys[slot];
		if (this.live.get(key) === this.head) this.live.delete(key);
		this.ringKeys[slot] = '';
		this.head++;
	}
}

/** Workflow and node ids contain no newline, so the parts cannot run into each other. */
export function replayKey(workflowId: string, nodeId: string, webhookId: string): string {
	const id =
		webhookId.length > MAX_RAW_ID_LENGTH ? `#${createHash('sha256').update(webhookId).digest('base64')}` : `=${webhookId}`;
	return `${workflowId}\n${nodeId}\n${id}`;
}

/** The process's cache. */
export const replayCache = new ReplayCache(REPLAY_CACHE_CAPACITY);

/** Forgets everything, as a restart of n8n does (tests). */
export function resetReplayCache(): void {
	replayCache.clear();
}
