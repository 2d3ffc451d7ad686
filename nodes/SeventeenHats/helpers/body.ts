/**
 * Request bodies and list queries from node parameters. Each resource has a
 * field map (node parameter name → 17hats field, with a conversion); one
 * builder serves every create and update.
 */
import type { IDataObject } from 'n8n-workflow';

import { metadataFromCollection, metadataQuery } from './metadata';

export type Convert = (value: unknown) => unknown;

/** A 17hats field name, or the name plus how to convert the parameter's value. */
export type FieldMap = Record<string, string | { key: string; convert: Convert }>;

/** Parameters whose 17hats field is their snake_case name (`firstName` → `first_name`). */
export function plain(...names: string[]): FieldMap {
	return Object.fromEntries(names.map((name) => [name, name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]));
}

/** A resource locator value (`{ __rl, mode, value }`) as its plain value. */
export function locatorValue(value: unknown): unknown {
	if (value && typeof value === 'object' && '__rl' in (value as IDataObject)) return (value as IDataObject).value;
	return value;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export const toList: Convert = (value) =>
	(Array.isArray(value) ? value : String(value).split(','))
		.map((v) => String(v).trim())
		.filter((v) => v !== '');

export const toNumber: Convert = (value) => Number(value);

export const toUpper: Convert = (value) => String(value).trim().toUpperCase();

/** ISO date-time with a zone, as the API wants (`2024-05-01T00:00:00.000Z`). */
export const toDateTime: Convert = (value) => {
	const date = new Date(String(value));
	return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
};

/** The calendar date part, `YYYY-MM-DD`. */
export const toDate: Convert = (value) => String(value).trim().slice(0, 10);

/** The Address fixedCollection as a 17hats address. */
export const toAddress: Convert = (value) => {
	const details = ((value ?? {}) as IDataObject).details as IDataObject | undefined;
	const names: Record<string, string> = { street: 'street', city: 'city', state: 'state', postalCode: 'postal_code', country: 'country' };
	const out: IDataObject = {};
	for (const [param, key] of Object.entries(names)) {
		if (!isEmpty(details?.[param])) out[key] = String(details?.[param]).trim();
	}
	return out;
};

/** Maps parameter values to a 17hats body; empty values are left out. */
export function buildBody(values: IDataObject, map: FieldMap): IDataObject {
	const body: IDataObject = {};
	for (const [param, target] of Object.entries(map)) {
		const value = locatorValue(values[param]);
		if (isEmpty(value)) continue;
		const { key, convert } = typeof target === 'string' ? { key: target, convert: undefined } : target;
		const converted = convert ? convert(value) : typeof value === 'string' ? value.trim() : value;
		if (converted && typeof converted === 'object' && !Array.isArray(converted) && Object.keys(converted).length === 0) continue;
		body[key] = converted as IDataObject;
	}
	return body;
}

/** Fields every record has. */
export const RECORD_FIELDS: FieldMap = {
	...plain('externalId'),
	lastSyncedAt: { key: 'last_synced_at', convert: toDateTime },
};

/** Filters every list accepts, plus each resource's own (see listFilters in common.descriptions). */
export const FILTER_FIELDS: FieldMap = {
	...plain('externalId', 'email', 'type', 'contactId', 'projectId', 'contractId', 'documentType', 'status'),
	updatedSince: { key: 'updated_since', convert: toDateTime },
};

/** The query for a Get Many: mapped filters plus `metadata.<key>` filters. */
export function listQuery(filters: IDataObject): IDataObject {
	return { ...buildBody(filters, FILTER_FIELDS), ...metadataQuery(metadataFromCollection(filters.metadata)) };
}

/** A send request: `{ message }` when there is one, else no body (it is optional). */
export function sendBody(message: string | undefined): IDataObject | undefined {
	return message ? { message } : undefined;
}
