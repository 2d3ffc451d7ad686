/** The node's Metadata parameter (a key/value list) and `metadata.<key>` list filters. */
import type { IDataObject } from 'n8n-workflow';

import type { Metadata } from '../api/metadata';

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

/** `metadata.<key>=<value>` list filters. */
export function metadataQuery(metadata: Metadata | undefined): IDataObject {
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(metadata ?? {})) qs[`metadata.${key}`] = value;
	return qs;
}
