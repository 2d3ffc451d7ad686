/**
 * How the 17hats Trigger reads: the collection's list with `updated_since`
 * and the chosen list filters, every page (`next_cursor`), through the
 * shared 17hats transport (scopes, rate limit, retries, errors).
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { hatsTransport } from '../transport';
import { COLLECTIONS, LIST_PAGINATION } from '../api/collections';
import { readRecord, type ReadRecord } from './events';
import { TRIGGER_RESOURCES, type TriggerResource } from './resources';

/** Every record changed at or after `since` (ms) that matches the list filters. */
export async function readChangedSince(
	ctx: IPollFunctions,
	resource: TriggerResource,
	since: number | undefined,
	listFilters: IDataObject,
): Promise<ReadRecord[]> {
	const c = COLLECTIONS[TRIGGER_RESOURCES[resource].collection];
	const qs: IDataObject = { ...listFilters };
	if (since !== undefined) qs.updated_since = new Date(since).toISOString();
	const raw = await hatsTransport.all(ctx, { method: 'GET', path: c.path, qs, scopes: [c.readScope] }, LIST_PAGINATION);
	return raw.map((r) => readRecord(resource, r)).filter((r): r is ReadRecord => r !== undefined);
}

const DAY_MS = 86_400_000;
/** Windows tried in turn for samples: lists run in creation order, so "latest" is found by update time. */
const SAMPLE_WINDOWS_MS = [DAY_MS, 30 * DAY_MS, undefined];

/** The `count` most recently changed records (a manual run's samples). */
export async function readLatest(
	ctx: IPollFunctions,
	resource: TriggerResource,
	listFilters: IDataObject,
	count: number,
	now: number,
): Promise<ReadRecord[]> {
	let records: ReadRecord[] = [];
	for (const window of SAMPLE_WINDOWS_MS) {
		records = await readChangedSince(ctx, resource, window === undefined ? undefined : now - window, listFilters);
		if (records.length >= count) break;
	}
	return records.sort((a, b) => b.updatedAt - a.updatedAt).slice(0, count);
}
