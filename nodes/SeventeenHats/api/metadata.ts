/**
 * 17hats metadata: string key/value pairs. A PATCH replaces the whole object,
 * so every merge (the 17hats node's updates, the upsert, the sync's marks)
 * goes through `mergeMetadata`.
 */
import type { IDataObject } from 'n8n-workflow';

export type Metadata = Record<string, string>;

/** A record's metadata as string pairs (anything else counts as none). */
export function metadataOf(record: IDataObject | undefined): Metadata {
	const raw = record?.metadata;
	const out: Metadata = {};
	if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
		for (const [key, value] of Object.entries(raw as IDataObject)) out[key] = String(value ?? '');
	}
	return out;
}

/** The record's metadata with the incoming keys laid over it; undefined incoming values are left out. */
export function mergeMetadata(record: IDataObject | undefined, incoming: IDataObject): Metadata {
	const merged = metadataOf(record);
	for (const [key, value] of Object.entries(incoming)) if (value !== undefined) merged[key] = String(value ?? '');
	return merged;
}
