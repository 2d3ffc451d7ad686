/**
 * 17hats metadata: string key/value pairs. A PATCH replaces the whole object,
 * so every merge (the 17hats node's updates, the upsert, the sync's marks)
 * goes through `mergeMetadata`.
 */
import type { IDataObject } from 'n8n-workflow';

export type Metadata = Record<string, string>;

/** A `metadata` value as string pairs; undefined values, and anything but an object, count as none. */
export function metadataOf(raw: unknown): Metadata {
	const out: Metadata = {};
	if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
		for (const [key, value] of Object.entries(raw as IDataObject)) if (value !== undefined) out[key] = String(value ?? '');
	}
	return out;
}

/** `existing` metadata with the incoming keys laid over it. */
export function mergeMetadata(existing: unknown, incoming: IDataObject): Metadata {
	return { ...metadataOf(existing), ...metadataOf(incoming) };
}
