/**
 * Applies the mapping matrix to a normalised GHL record: default rows, user
 * overrides (the node's Field Overrides columns), transforms and status maps.
 */
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_MAPS, type HatsTarget, type MappingRow } from './defaults';
import { mapStatus, STATUS_MAPS, type StatusMapName } from './statusMaps';
import { applyTransform, InvalidValueError, isBlank, type DecimalSeparator, type TransformName } from './transforms';

export { DEFAULT_MAPS, HATS_TARGETS, type HatsTarget, type MappingRow } from './defaults';
export * from './statusMaps';

export interface MappingOptions {
	/** User values by `<target>:<field>` (see overrideKey); blank means "use the default". */
	overrides?: IDataObject;
	/** How GHL amounts are expressed (GHL invoices: major units). */
	amountUnits?: 'major' | 'minor';
	/** The decimal separator of amounts given as text (default point: 1,234.56). */
	decimalSeparator?: DecimalSeparator;
}

/** A value the mapping cannot use for a field 17hats must not get wrong (amounts): fails the item. */
export class MappingError extends Error {}

const TARGET_LABEL: Record<HatsTarget, string> = {
	contact: 'Contact',
	document: 'Document',
	contract: 'Contract',
	invoice: 'Invoice',
};

/** How a 17hats field is named in the node ("Invoice: Amount"), as in its Field Overrides column. */
export function fieldLabel(target: HatsTarget, row: MappingRow): string {
	return `${TARGET_LABEL[target]}: ${row.label}`;
}

/** What a value had to be, for the warning when a non-empty GHL value gives nothing. */
const EXPECTED: Partial<Record<TransformName, string>> = {
	date: 'a date',
	dateTime: 'a date',
	currency: 'a 3-letter currency code',
	phone: 'a phone number',
	lowercaseEmail: 'an e-mail address',
};

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

/** Paths split once: the matrix has a few dozen, read for every item. */
const splitPaths = new Map<string, string[]>();

function pathParts(path: string): string[] {
	let parts = splitPaths.get(path);
	if (!parts) {
		parts = path.split('.');
		if (splitPaths.size < 1024) splitPaths.set(path, parts);
	}
	return parts;
}

/** Reads a dotted path from an object. */
export function getPath(record: IDataObject, path: string): unknown {
	if (!path.includes('.')) return record === null || record === undefined || typeof record !== 'object' ? undefined : record[path];
	let current: unknown = record;
	for (const part of pathParts(path)) {
		if (current === null || current === undefined || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[part];
	}
	return current;
}

function isStatusMap(name: string): name is StatusMapName {
	return Object.hasOwn(STATUS_MAPS, name);
}

/** The raw GHL value a row reads (an object of fields for multi-source rows). */
export function sourceValue(row: MappingRow, record: IDataObject): unknown {
	if (Array.isArray(row.source)) {
		const picked: IDataObject = {};
		for (const path of row.source) {
			const value = getPath(record, path);
			if (!isBlank(value)) picked[path.slice(path.lastIndexOf('.') + 1)] = value as IDataObject;
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
	return applyTransform(name, value, fallback, options.decimalSeparator);
}

function ghlFieldOf(row: MappingRow): string {
	return Array.isArray(row.source) ? row.source.join(' + ') : row.source;
}

/** Maps a normalised GHL record to the fields of one 17hats record. */
export function applyMapping(target: HatsTarget, record: IDataObject, options: MappingOptions = {}): MappingResult {
	const warnings: string[] = [];
	const values: IDataObject = {};
	const overrides = options.overrides;
	for (const row of DEFAULT_MAPS[target].rows) {
		const override = overrides ? parseOverride(overrides[overrideKey(target, row.field)]) : undefined;
		const useOverride = !isBlank(override) && !(typeof override === 'object' && Object.keys(override as object).length === 0);
		let raw = useOverride ? override : sourceValue(row, record);
		// Name transforms use the fallback themselves (to split a full name); others take it as is.
		if (!useOverride && isBlank(raw) && row.fallback && row.transform !== 'firstName' && row.transform !== 'lastName') {
			raw = getPath(record, row.fallback);
		}
		let value: unknown;
		let invalid: InvalidValueError | undefined;
		try {
			value = transformValue(row, raw, record, options, warnings, useOverride);
		} catch (error) {
			if (!(error instanceof InvalidValueError)) {
				warnings.push(`${row.field}: ${(error as Error).message}`);
				continue;
			}
			invalid = error;
		}
		if (invalid) {
			// Amounts must not be guessed: the item fails, naming the field.
			const where = useOverride ? `${fieldLabel(target, row)} (Field Overrides)` : fieldLabel(target, row);
			const from = useOverride ? '' : ` (GHL field "${ghlFieldOf(row)}")`;
			throw new MappingError(`${where}: ${invalid.message}${from}`);
		}
		if (useOverride && value === undefined) {
			warnings.push(`${row.field}: the override "${String(override)}" could not be used; the field was left unset`);
		} else if (value === undefined && !isStatusMap(row.transform) && (typeof raw === 'string' || typeof raw === 'number') && !isBlank(raw)) {
			// A GHL value that was there but cannot be used: say so rather than leave the field unset silently.
			const expected = EXPECTED[row.transform as TransformName] ?? 'usable';
			warnings.push(
				`${row.field}: GHL value "${String(raw)}" (GHL field "${ghlFieldOf(row)}") is not ${expected}; the 17hats ${row.field} was left as it is`,
			);
		}
		if (value !== undefined) values[row.field] = value as IDataObject;
	}
	return { values, warnings };
}
