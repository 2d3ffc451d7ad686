/**
 * Applies the mapping matrix to a normalised GHL record: default rows, user
 * overrides (the node's Field Overrides columns), transforms and status maps.
 */
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_MAPS, type HatsTarget, type MappingRow } from './defaults';
import { mapStatus, STATUS_MAPS, type StatusMapName } from './statusMaps';
import { applyTransform, isBlank, type TransformName } from './transforms';

export { DEFAULT_MAPS, HATS_TARGETS, type HatsTarget, type MappingRow } from './defaults';
export * from './statusMaps';

export interface MappingOptions {
	/** User values by `<target>:<field>` (see overrideKey); blank means "use the default". */
	overrides?: IDataObject;
	/** How GHL amounts are expressed (GHL invoices: major units). */
	amountUnits?: 'major' | 'minor';
}

export interface MappingResult {
	values: IDataObject;
	warnings: string[];
}

/** Column id of a 17hats field in the node's Field Overrides (a colon: n8n treats dots as paths). */
export function overrideKey(target: HatsTarget, field: string): string {
	return `${target}:${field}`;
}

/** Override values arrive as text; JSON objects and lists are parsed. */
function parseOverride(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const trimmed = value.trim();
	if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
		try {
			return JSON.parse(trimmed) as unknown;
		} catch {
			return value;
		}
	}
	return value;
}

/** Reads a dotted path from an object. */
export function getPath(record: IDataObject, path: string): unknown {
	let current: unknown = record;
	for (const part of path.split('.')) {
		if (current === null || current === undefined || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[part];
	}
	return current;
}

function isStatusMap(name: string): name is StatusMapName {
	return name in STATUS_MAPS;
}

/** The raw GHL value a row reads (an object of fields for multi-source rows). */
export function sourceValue(row: MappingRow, record: IDataObject): unknown {
	if (Array.isArray(row.source)) {
		const picked: IDataObject = {};
		for (const path of row.source) {
			const value = getPath(record, path);
			if (!isBlank(value)) picked[path.split('.').pop() as string] = value as IDataObject;
		}
		return picked;
	}
	return getPath(record, row.source);
}

/** Transforms one value with a row's transform or status map. */
export function transformValue(
	row: MappingRow,
	value: unknown,
	record: IDataObject,
	options: MappingOptions,
	warnings: string[],
	fromOverride = false,
): unknown {
	const transform = row.transform;
	if (isStatusMap(transform)) {
		const map = STATUS_MAPS[transform];
		// An override may already be a 17hats value.
		if (fromOverride && Object.values(map.entries).concat(map.fallback ?? []).includes(String(value))) return String(value);
		const mapped = mapStatus(map, Array.isArray(value) ? value[0] : value);
		if (mapped.unknown) {
			warnings.push(
				mapped.value === undefined
					? `${row.field}: GHL value "${String(value)}" is not in the map "${map.title}"; the 17hats ${row.field} was left as it is`
					: `${row.field}: GHL value "${String(value)}" is not in the map "${map.title}"; used "${mapped.value}"`,
			);
		}
		return mapped.value;
	}
	let name: TransformName = transform;
	if (name === 'moneyMajor' && options.amountUnits === 'minor') name = 'moneyMinor';
	const fallback = row.fallback && !fromOverride ? getPath(record, row.fallback) : undefined;
	return applyTransform(name, value, fallback);
}

/** Maps a normalised GHL record to the fields of one 17hats record. */
export function applyMapping(target: HatsTarget, record: IDataObject, options: MappingOptions = {}): MappingResult {
	const warnings: string[] = [];
	const values: IDataObject = {};
	for (const row of DEFAULT_MAPS[target].rows) {
		const override = parseOverride(options.overrides?.[overrideKey(target, row.field)]);
		const useOverride = !isBlank(override) && !(typeof override === 'object' && Object.keys(override as object).length === 0);
		let raw = useOverride ? override : sourceValue(row, record);
		// Name transforms use the fallback themselves (to split a full name); others take it as is.
		if (!useOverride && isBlank(raw) && row.fallback && row.transform !== 'firstName' && row.transform !== 'lastName') {
			raw = getPath(record, row.fallback);
		}
		let value: unknown;
		try {
			value = transformValue(row, raw, record, options, warnings, useOverride);
		} catch (error) {
			warnings.push(`${row.field}: ${(error as Error).message}`);
			continue;
		}
		if (useOverride && value === undefined) {
			warnings.push(`${row.field}: the override "${String(override)}" could not be used; the field was left unset`);
		}
		if (value !== undefined) values[row.field] = value as IDataObject;
	}
	return { values, warnings };
}
