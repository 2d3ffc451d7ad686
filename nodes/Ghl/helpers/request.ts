/** Small pure helpers the GHL operation declarations share. */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemParameters } from '../../common/operation';
import { pathSegmentProblem } from '../../common/requestPath';

/** Options → Location ID (Override), as the editor names it. */
const LOCATION_OVERRIDE = 'Location ID (Override)';

/**
 * The location set on the node, if any, and the field it came from:
 * Options → Location ID (Override), else the top-level Location ID a workflow
 * saved by an older version still holds.
 */
function locationSetOnNode(p: ItemParameters): { value: string; field: string } | undefined {
	// Read through the collection: operations without Options (Custom API Call) have no such parameter.
	const override = String(p.collection('options').locationId ?? '').trim();
	if (override !== '') return { value: override, field: LOCATION_OVERRIDE };
	const legacy = p.optional('locationId');
	if (legacy !== undefined) return { value: legacy, field: 'Location ID' };
	return undefined;
}

/** The location to work in: the node's override when set, else the credential's location. */
export function locationOf(p: ItemParameters): string {
	return locationSetOnNode(p)?.value ?? p.default('locationId');
}

/**
 * The location as a path segment (`/locations/{locationId}/…`), checked like
 * every path id: a value that would change the path fails the item naming
 * the field it came from (or the credential's "Location ID").
 */
export function locationPathId(p: ItemParameters): string {
	const fromNode = locationSetOnNode(p);
	const value = fromNode?.value ?? p.default('locationId');
	const problem = pathSegmentProblem(value);
	if (problem) {
		const message = fromNode
			? `The field "${fromNode.field}" ${problem}`
			: `The credential's "Location ID" ${problem}; set "${LOCATION_OVERRIDE}" under Options or fix the credential`;
		throw new NodeOperationError(p.ctx.getNode(), message, {
			itemIndex: p.itemIndex,
			description: 'The location is one segment of the request path; such a value would send the request to another endpoint. Nothing was sent.',
		});
	}
	return value;
}

/** Invoices, schedules, templates and estimates address the location as altId/altType. */
export function altOf(p: ItemParameters): { altId: string; altType: 'location' } {
	return { altId: locationOf(p), altType: 'location' };
}

function isEmpty(value: unknown): boolean {
	if (value === undefined || value === null || value === '') return true;
	if (Array.isArray(value)) return value.length === 0;
	return false;
}

/** Drops empty values (keeps `false` and `0`). */
export function compact(obj: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(obj)) if (!isEmpty(value)) out[key] = value;
	return out;
}

/** Parses a JSON text value, failing the item with the field's name. */
export function parseJsonValue(p: ItemParameters, value: unknown, label: string): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		throw new NodeOperationError(p.ctx.getNode(), `The field "${label}" is not valid JSON`, {
			itemIndex: p.itemIndex,
		});
	}
}

/**
 * A collection parameter as a request body part: empty values dropped, the
 * listed keys parsed from JSON, the comma-list keys split into arrays.
 */
export function fieldsOf(
	p: ItemParameters,
	name: string,
	options: { json?: string[]; lists?: string[] } = {},
): IDataObject {
	const raw = p.collection(name);
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(raw)) {
		let v: unknown = value;
		if (options.json?.includes(key)) v = parseJsonValue(p, value, key);
		else if (options.lists?.includes(key)) v = listOf(value);
		if (!isEmpty(v)) out[key] = v as IDataObject;
	}
	return out;
}

/** A JSON parameter that must be an object (or empty). */
export function jsonObject(p: ItemParameters, name: string): IDataObject {
	const value = p.json(name);
	if (value === undefined) return {};
	if (Array.isArray(value)) {
		throw new NodeOperationError(p.ctx.getNode(), `The field "${name}" must be a JSON object`, {
			itemIndex: p.itemIndex,
		});
	}
	return value;
}

/** A JSON parameter that must be an array (or empty). */
export function jsonArray(p: ItemParameters, name: string): IDataObject[] {
	const value = p.json(name);
	if (value === undefined) return [];
	return Array.isArray(value) ? value : [value];
}

/** "a, b" or ["a","b"] → ["a","b"]. */
export function listOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter((v) => v !== '');
	if (value === undefined || value === null) return [];
	return String(value)
		.split(',')
		.map((v) => v.trim())
		.filter((v) => v !== '');
}

/** A required list (comma-separated text or multi-options); empty fails naming the field. */
export function requiredList(p: ItemParameters, name: string, label: string): string[] {
	const list = listOf(p.get<unknown>(name, ''));
	if (list.length === 0) {
		throw new NodeOperationError(p.ctx.getNode(), `The field "${label}" is required`, { itemIndex: p.itemIndex });
	}
	return list;
}

/**
 * Custom field values in HighLevel's contact/opportunity shape:
 * `customFields: [{ id, field_value }]` (the spec's customFieldsInputArraySchema).
 * Values that look like JSON arrays (checkbox, multi-select) are sent as arrays.
 */
export function customFieldValues(p: ItemParameters, name = 'customFieldsUi'): IDataObject[] {
	const ui = p.get<IDataObject>(name, {}) ?? {};
	const rows = (ui.field ?? []) as IDataObject[];
	return rows
		.filter((row) => String(row.id ?? '').trim() !== '')
		.map((row) => {
			let value: unknown = row.value;
			if (typeof value === 'string' && /^\s*\[/.test(value)) {
				try {
					value = JSON.parse(value) as unknown;
				} catch {
					// Not JSON after all: send the text.
				}
			}
			return { id: String(row.id).trim(), field_value: value as IDataObject };
		});
}

/** Output: the object under `key`, or the body. */
export function unwrap(key: string) {
	return (body: unknown): IDataObject => {
		const b = (body ?? {}) as IDataObject;
		return ((b[key] as IDataObject) ?? b) as IDataObject;
	};
}

/** Output: the list under `key`, one item each. */
export function itemsOf(key: string) {
	return (body: unknown): IDataObject[] => {
		const b = (body ?? {}) as IDataObject;
		const list = b[key];
		return Array.isArray(list) ? (list as IDataObject[]) : [];
	};
}

/** Output for calls that answer with little or nothing: the body, plus what was done. */
export function done(extra: (p: ItemParameters) => IDataObject) {
	return (body: unknown, p: ItemParameters): IDataObject => {
		const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
		return { success: true, ...extra(p), ...b };
	};
}

/** Limits a non-paginated list to the Limit field unless Return All is on. */
export function limited(items: IDataObject[], p: ItemParameters): IDataObject[] {
	if (p.get<boolean>('returnAll', true)) return items;
	return items.slice(0, p.get<number>('limit', 50));
}
