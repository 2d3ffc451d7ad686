/**
 * n8n's DB-backed "processed data" store (`this.helpers.checkProcessedAndRecord`),
 * in memory for the engine tests. n8n's server initialises n8n-core's
 * DataDeduplicationService with a deduplicator over its `processed_data`
 * table; without one every call throws "Instance needs to initialized".
 *
 * Semantics follow n8n 2.40's DeduplicationHelper for mode 'entries': one
 * record per workflow id + context (`n:<node id>` for scope 'node'), values
 * compared by an md5 digest, the oldest dropped beyond `maxEntries`. The store
 * is per test process, so it outlives a simulated n8n restart like the
 * database does.
 */
import { createHash } from 'crypto';

import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

function recordKey(scope: DeduplicationScope, context: ICheckProcessedContextData): string {
	if (!context.workflow.id) throw new Error('Deduplication needs a workflow id');
	if (scope === 'node' && !context.node) throw new Error("No node given for scope 'node'");
	return `${String(context.workflow.id)}|${scope === 'node' ? `n:${context.node!.id}` : ''}`;
}

const digest = (value: DeduplicationItemTypes) => createHash('md5').update(String(value)).digest('base64');

function entriesOnly(options: ICheckProcessedOptions): void {
	if (options.mode !== 'entries') throw new Error(`The test deduplicator supports mode "entries" only, not "${options.mode}"`);
}

export class MemoryDeduplicator implements IDataDeduplicator {
	private readonly records = new Map<string, string[]>();
	/** How many next first-writes of a record lose n8n's insert race (two processes, one new record). */
	insertRaces = 0;
	/** Every checkProcessedAndRecord call, for tests that assert the store was consulted. */
	readonly calls: Array<{ key: string; items: DeduplicationItemTypes[]; maxEntries?: number }> = [];

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		entriesOnly(options);
		const key = recordKey(scope, context);
		this.calls.push({ key, items: [...items], maxEntries: options.maxEntries });
		if (this.insertRaces > 0 && !this.records.has(key)) {
			// n8n 2.40.7 reads the record, then INSERTs when there was none: another process
			// inserted it in between, so this INSERT breaks the table's primary key.
			this.insertRaces--;
			this.records.set(key, []);
			throw new Error('duplicate key value violates unique constraint "PK_processed_data"');
		}
		const stored = this.records.get(key) ?? [];
		const known = new Set(stored);
		const result: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			const hash = digest(item);
			if (known.has(hash)) {
				result.processed.push(item);
			} else {
				result.new.push(item);
				stored.push(hash);
				known.add(hash);
			}
		}
		if (options.maxEntries && stored.length > options.maxEntries) stored.splice(0, stored.length - options.maxEntries);
		this.records.set(key, stored);
		return result;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<void> {
		entriesOnly(options);
		const key = recordKey(scope, context);
		const drop = new Set(items.map(digest));
		this.records.set(
			key,
			(this.records.get(key) ?? []).filter((hash) => !drop.has(hash)),
		);
	}

	async clearAllProcessedItems(scope: DeduplicationScope, context: ICheckProcessedContextData): Promise<void> {
		this.records.delete(recordKey(scope, context));
	}

	async getProcessedDataCount(
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<number> {
		return options.mode === 'entries' ? (this.records.get(recordKey(scope, context))?.length ?? 0) : 0;
	}

	/** Forgets everything (a fresh database). */
	clear(): void {
		this.records.clear();
		this.calls.length = 0;
		this.insertRaces = 0;
	}
}

let deduplicator: MemoryDeduplicator | undefined;

/**
 * The process's deduplicator, initialising n8n-core's DataDeduplicationService
 * with it once (n8n-core allows a single init per process).
 */
export async function processedDataStore(): Promise<MemoryDeduplicator> {
	if (!deduplicator) {
		deduplicator = new MemoryDeduplicator();
		await DataDeduplicationService.init(deduplicator);
	}
	return deduplicator;
}
