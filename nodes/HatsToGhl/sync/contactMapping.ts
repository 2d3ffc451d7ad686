/**
 * 17hats contact → GHL contact, derived from the one mapping matrix
 * (nodes/GhlTo17hats/mapping/defaults.ts): each forward row "17hats field ←
 * GHL field" is read backwards. Both sides are compared in the matrix's
 * 17hats terms (the GHL record through the forward mapping, the 17hats
 * record through the same transforms), with the forward sync's equality rule
 * (sameValue, SeventeenHats/api/diff.ts): what one direction counts as "in
 * sync", the other does too, so neither writes what the other just wrote.
 */
import type { IDataObject } from 'n8n-workflow';

import { applyMapping, DEFAULT_MAPS, type MappingRow } from '../../GhlTo17hats/mapping';
import { sameValue } from '../../SeventeenHats/api';

/** 17hats address key → GHL contact field (the forward `address` transform's inputs). */
const ADDRESS_TO_GHL: Record<string, string> = {
	street: 'address1',
	city: 'city',
	state: 'state',
	postal_code: 'postalCode',
	country: 'country',
};

/** Rows written back: a plain source path and a value transform. Status maps (contact type) are one-way. */
const WRITABLE = new Set(['text', 'lowercaseEmail', 'firstName', 'lastName', 'phone', 'tags', 'address']);

export const REVERSE_CONTACT_ROWS: MappingRow[] = DEFAULT_MAPS.contact.rows.filter((row) => WRITABLE.has(row.transform));

/** The 17hats contact in GHL's shape, row by row (undefined where 17hats has nothing). */
export function hatsContactAsGhl(hats: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const row of REVERSE_CONTACT_ROWS) {
		const value = hats[row.field];
		if (row.transform === 'address') {
			const address = (value && typeof value === 'object' ? value : {}) as IDataObject;
			for (const [key, ghlKey] of Object.entries(ADDRESS_TO_GHL)) {
				if (address[key] !== undefined && address[key] !== null) out[ghlKey] = address[key];
			}
		} else if (typeof row.source === 'string' && value !== undefined && value !== null) {
			out[row.source] = value as IDataObject;
		}
	}
	return out;
}

/** GHL stores tags trimmed and lower-cased: "VIP" and "vip" are the same tag there. */
function comparable(field: string, value: unknown): unknown {
	return field === 'tags' && Array.isArray(value) ? value.map((t) => String(t).toLowerCase()) : value;
}

export interface ContactDifference {
	/** 17hats field → its value, in the matrix's 17hats terms. */
	hats: IDataObject;
	ghl: IDataObject;
	/** The 17hats fields whose values differ. */
	fields: string[];
}

/** Where the two contacts differ, each read through the one mapping. */
export function compareContacts(hats: IDataObject, ghl: IDataObject): ContactDifference {
	const fromHats = applyMapping('contact', hatsContactAsGhl(hats)).values;
	const fromGhl = ghl ? applyMapping('contact', ghl).values : {};
	const fields: string[] = [];
	for (const row of REVERSE_CONTACT_ROWS) {
		const h = fromHats[row.field];
		if (h === undefined) continue; // 17hats has nothing: GHL's value stays.
		if (!sameValue(row.field, comparable(row.field, h), comparable(row.field, fromGhl[row.field]))) fields.push(row.field);
	}
	return { hats: fromHats, ghl: fromGhl, fields };
}

/** The GHL body that writes the given 17hats fields (values already through the matrix's transforms). */
export function ghlBodyFor(fields: string[], hatsValues: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const row of REVERSE_CONTACT_ROWS) {
		if (!fields.includes(row.field)) continue;
		Object.assign(body, hatsContactAsGhl({ [row.field]: hatsValues[row.field] }));
	}
	return body;
}
