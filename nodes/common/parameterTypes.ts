/**
 * Number and date fields filled by expressions can resolve to anything ("abc",
 * "1,5", NaN, an object). n8n passes such values on as they are, and sending
 * them would create an invoice with a null amount or a task due "not a date".
 * This checks every number and date field an operation shows, top level and
 * inside collections, before anything is sent, and names the field at fault.
 */
import type { IDataObject, INodeProperties, INodePropertyCollection } from 'n8n-workflow';

/** A plain decimal number as text (no hex, no separators, no units). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** An ISO 8601 date, optionally with a time and a zone. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

function shown(value: unknown): string {
	let text: string;
	try {
		text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
	} catch {
		text = String(value);
	}
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Why `value` is not a usable number for `prop`, or undefined. Empty values are left to the required check. */
export function numberProblem(value: unknown, prop: Pick<INodeProperties, 'typeOptions'>): string | undefined {
	if (isEmpty(value)) return undefined;
	let n: number;
	if (typeof value === 'number') n = value;
	else if (typeof value === 'string' && DECIMAL.test(value.trim())) n = Number(value.trim());
	else return `must be a number, not ${shown(value)}`;
	if (!Number.isFinite(n)) return `must be a finite number, not ${shown(value)}`;
	const min = prop.typeOptions?.minValue;
	const max = prop.typeOptions?.maxValue;
	if (typeof min === 'number' && n < min) return `must be at least ${min}, not ${shown(value)}`;
	if (typeof max === 'number' && n > max) return `must be at most ${max}, not ${shown(value)}`;
	return undefined;
}

/** Why `value` is not a usable date, or undefined. Accepts ISO 8601 text, Date and Luxon DateTime. */
export function dateProblem(value: unknown): string | undefined {
	if (isEmpty(value)) return undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'must be a valid date' : undefined;
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return (value as { isValid?: boolean }).isValid === false ? 'must be a valid date' : undefined;
	}
	const problem = `must be a date such as 2025-01-31 or 2025-01-31T09:00:00Z, not ${shown(value)}`;
	if (typeof value !== 'string') return problem;
	const match = ISO_DATE.exec(value.trim());
	if (!match) return problem;
	const [year, month, day, hour = '0', minute = '0', second = '0'] = match.slice(1).map((part) => part ?? undefined);
	const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
	const sameDay = calendar.getUTCFullYear() === Number(year) && calendar.getUTCMonth() === Number(month) - 1 && calendar.getUTCDate() === Number(day);
	if (!sameDay || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return problem;
	return Number.isNaN(Date.parse(value.trim().replace(' ', 'T'))) ? problem : undefined;
}

export interface TypedValueProblem {
	/** The field as the user sees it, e.g. `Additional Fields → Due Date`. */
	field: string;
	parameter: string;
	problem: string;
}

function check(prop: INodeProperties, value: unknown, path: string[]): TypedValueProblem | undefined {
	const field = [...path, prop.displayName].join(' → ');
	if (prop.type === 'number') {
		const problem = numberProblem(value, prop);
		return problem ? { field, parameter: prop.name, problem } : undefined;
	}
	if (prop.type === 'dateTime') {
		const problem = dateProblem(value);
		return problem ? { field, parameter: prop.name, problem } : undefined;
	}
	if (prop.type === 'collection' && value && typeof value === 'object') {
		for (const option of (prop.options ?? []) as INodeProperties[]) {
			const found = check(option, (value as IDataObject)[option.name], [...path, prop.displayName]);
			if (found) return found;
		}
	}
	if (prop.type === 'fixedCollection' && value && typeof value === 'object') {
		for (const group of (prop.options ?? []) as INodePropertyCollection[]) {
			const rows = (value as IDataObject)[group.name];
			for (const row of Array.isArray(rows) ? rows : rows ? [rows] : []) {
				if (!row || typeof row !== 'object') continue;
				for (const option of group.values ?? []) {
					const found = check(option, (row as IDataObject)[option.name], [...path, prop.displayName]);
					if (found) return found;
				}
			}
		}
	}
	return undefined;
}

/**
 * The first number or date field (top level, in a collection or a fixed
 * collection) whose value for this item cannot be used. `read` returns a
 * parameter's resolved value, or undefined when it is not shown.
 */
export function typedValueProblem(properties: INodeProperties[], read: (name: string) => unknown): TypedValueProblem | undefined {
	for (const prop of properties) {
		if (!['number', 'dateTime', 'collection', 'fixedCollection'].includes(prop.type)) continue;
		const value = read(prop.name);
		if (value === undefined) continue;
		// A top-level number left empty by an expression is no number either (collections' empty options are unset).
		if (prop.type === 'number' && isEmpty(value)) {
			return { field: prop.displayName, parameter: prop.name, problem: `must be a number, not ${shown(value)}` };
		}
		const found = check(prop, value, []);
		if (found) return found;
	}
	return undefined;
}
