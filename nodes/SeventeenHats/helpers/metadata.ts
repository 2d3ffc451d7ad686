/**
 * 17hats metadata: string key/value pairs. A PATCH replaces the whole object,
 * so the node merges client-side unless the user asks to replace.
 */
import type { IDataObject } from 'n8n-workflow';

export type Metadata = Record<string, string>;

/** The Metadata fixedCollection (`{ entries: [{ key, value }] }`) as an object; undefined when empty. */
export function metadataFromCollection(raw: unknown): Metadata | undefined {
	const entries = ((raw ?? {}) as IDataObject).entries;
	if (!Array.isArray(entries)) return undefined;
	const out: Metadata = {};
	for (const entry of entries as IDataObject[]) {
		const key = String(entry?.key ?? '').trim();
		if (key !== '') out[key] = entry.value === undefined || entry.value === null ? '' : String(entry.value);
	}
	return Object.keys(out).length > 0 ? out : undefined;
}

/** Existing metadata with the incoming keys laid over it. */
export function mergeMetadata(existing: unknown, incoming: Metadata): Metadata {
	const base: Metadata = {};
	if (existing && typeof existing === 'object' && !Array.isArray(existing)) {
		for (const [key, value] of Object.entries(existing as IDataObject)) base[key] = String(value ?? '');
	}
	return { ...base, ...incoming };
}

/** `metadata.<key>=<value>` list filters. */
export function metadataQuery(metadata: Metadata | undefined): IDataObject {
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(metadata ?? {})) qs[`metadata.${key}`] = value;
	return qs;
}
