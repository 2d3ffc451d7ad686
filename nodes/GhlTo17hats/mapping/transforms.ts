/**
 * Pure value transforms used by the mapping matrix (mapping/defaults.ts).
 * Each takes the raw GHL value (and the whole GHL record, for the few that
 * need more than one field) and returns the 17hats value, or undefined when
 * there is nothing to set (the field is then left as it is in 17hats).
 */
import type { IDataObject } from 'n8n-workflow';

export type TransformName =
	| 'text'
	| 'lowercaseEmail'
	| 'firstName'
	| 'lastName'
	| 'phone'
	| 'address'
	| 'moneyMajor'
	| 'moneyMinor'
	| 'date'
	| 'dateTime'
	| 'tags'
	| 'currency'
	| 'invoiceNumber';

/** Which character separates the decimals in amounts given as text (the node's Decimal Separator option). */
export type DecimalSeparator = 'point' | 'comma';

/** A value the transform cannot read; the mapping turns it into an item error naming the field. */
export class InvalidValueError extends Error {}

export interface TransformInfo {
	name: TransformName;
	description: string;
}

export const TRANSFORM_DESCRIPTIONS: Record<TransformName, string> = {
	text: 'Trimmed text; empty becomes unset',
	lowercaseEmail: 'Trimmed, lower-cased e-mail address',
	firstName: 'First name; when missing, the first word of the full name',
	lastName: 'Last name; when missing, the rest of the full name',
	phone: 'E.164-ish: keeps a leading +, drops spaces, dashes, dots and brackets; a 00 prefix becomes +',
	address: 'GHL address parts → { street, city, state, postal_code, country }',
	moneyMajor:
		'Amount already in major units (GHL invoices: 999 = 999.00), rounded to cents. Text is read strictly: 1234.56 or 1,234.56 (with Decimal Separator "Comma": 1234,56 or 1.234,56), optionally with a currency symbol or code; anything else fails the item',
	moneyMinor: 'Amount in minor units (cents) divided by 100; text is read as for moneyMajor',
	date: 'Any date or date-time → YYYY-MM-DD (ISO date, UTC); a value that is not a date leaves the field as it is, with a warning',
	dateTime: 'Any date or date-time → ISO 8601 date-time (UTC); a value that is not a date leaves the field as it is, with a warning',
	tags: 'Array or comma-separated list → trimmed, de-duplicated tags',
	currency: 'ISO 4217 code, upper-cased (3 letters) or unset',
	invoiceNumber: 'Invoice number as text',
};

export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function text(value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	if (typeof value === 'object') return undefined;
	return String(value).trim();
}

export function lowercaseEmail(value: unknown): string | undefined {
	return text(value)?.toLowerCase();
}

function splitName(full: unknown): { first?: string; last?: string } {
	const name = text(full);
	if (!name) return {};
	const parts = name.split(/\s+/);
	return { first: parts[0], last: parts.length > 1 ? parts.slice(1).join(' ') : undefined };
}

/** `value` is the GHL first name; `fullName` the GHL full name used as fallback. */
export function firstName(value: unknown, fullName?: unknown): string | undefined {
	return text(value) ?? splitName(fullName).first;
}

export function lastName(value: unknown, fullName?: unknown): string | undefined {
	return text(value) ?? splitName(fullName).last;
}

export function phone(value: unknown): string | undefined {
	const raw = text(value);
	if (!raw) return undefined;
	let cleaned = raw.replace(/(?:ext\.?|x)\s*\d+$/i, '').replace(/[^\d+]/g, '');
	if (cleaned.startsWith('00')) cleaned = '+' + cleaned.slice(2);
	const plus = cleaned.startsWith('+');
	const digits = cleaned.replace(/\+/g, '');
	if (digits.length === 0) return undefined;
	return (plus ? '+' : '') + digits;
}

export interface HatsAddress {
	street?: string | null;
	city?: string | null;
	state?: string | null;
	postal_code?: string | null;
	country?: string | null;
}

/**
 * GHL contacts carry address1/city/state/postalCode/country at the top level;
 * invoices carry contactDetails.address { addressLine1, addressLine2, city,
 * state, postalCode, countryCode }. Both are accepted.
 */
export function address(value: unknown): HatsAddress | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const a = value as IDataObject;
	const street = [text(a.address1 ?? a.addressLine1 ?? a.street), text(a.addressLine2)].filter(Boolean).join(', ');
	const out: HatsAddress = {};
	if (street) out.street = street;
	const city = text(a.city);
	if (city) out.city = city;
	const state = text(a.state);
	if (state) out.state = state;
	const postal = text(a.postalCode ?? a.postal_code);
	if (postal) out.postal_code = postal;
	const country = text(a.country ?? a.countryCode);
	if (country) out.country = country;
	return Object.keys(out).length > 0 ? out : undefined;
}

/** A currency symbol, or a 3-letter code, before or after the number. */
const CURRENCY = String.raw`(?:[$€£¥₹₩₽₺₪₫₴₦฿]|[A-Za-z]{3})`;
/** Digits with an optional decimal part, or digits grouped by thousands; per decimal separator. */
const NUMBER: Record<DecimalSeparator, string> = {
	point: String.raw`\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?`,
	comma: String.raw`\d+(?:,\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?`,
};
const AMOUNT: Record<DecimalSeparator, RegExp> = {
	point: amountPattern('point'),
	comma: amountPattern('comma'),
};

function amountPattern(separator: DecimalSeparator): RegExp {
	const number = `([-+]?)(${NUMBER[separator]})`;
	return new RegExp(`^(?:${CURRENCY}\\s*${number}|${number}(?:\\s*${CURRENCY})?)$`);
}

const SEPARATOR_EXAMPLES: Record<DecimalSeparator, string> = {
	point: 'use a number such as 1234.56 or 1,234.56 (a currency symbol or code may stand before or after it)',
	comma: 'use a number such as 1234,56 or 1.234,56 (a currency symbol or code may stand before or after it)',
};

/**
 * An amount: numbers as they are; text only in the chosen notation (never
 * by dropping what is not a digit: "12,50" is not 1250, "abc" is not 0).
 */
export function parseAmount(value: unknown, separator: DecimalSeparator = 'point'): number | undefined {
	if (isBlank(value)) return undefined;
	if (typeof value === 'number') {
		if (Number.isFinite(value)) return value;
		throw new InvalidValueError(`${String(value)} is not an amount`);
	}
	if (typeof value !== 'string') throw new InvalidValueError('is not an amount (a number or text is needed)');
	const match = AMOUNT[separator].exec(value.trim());
	if (!match) throw new InvalidValueError(`"${value}" is not an amount; ${SEPARATOR_EXAMPLES[separator]}`);
	const sign = match[1] ?? match[3];
	const digits = match[2] ?? match[4];
	const [group, decimal] = separator === 'point' ? [',', '.'] : ['.', ','];
	const plain = digits.split(group).join('').replace(decimal, '.');
	const n = Number(plain);
	return finiteAmount(sign === '-' ? -n : n, value);
}

/** Too many digits overflow to Infinity (sent as null): refused like any other non-amount. */
function finiteAmount(n: number, value: unknown): number {
	if (!Number.isFinite(n)) throw new InvalidValueError(`${typeof value === 'string' ? `"${value.slice(0, 40)}"` : String(value)} is too large to be an amount`);
	return n;
}

export function moneyMajor(value: unknown, separator: DecimalSeparator = 'point'): number | undefined {
	const n = parseAmount(value, separator);
	return n === undefined ? undefined : finiteAmount(Math.round(n * 100) / 100, value);
}

export function moneyMinor(value: unknown, separator: DecimalSeparator = 'point'): number | undefined {
	const n = parseAmount(value, separator);
	return n === undefined ? undefined : finiteAmount(Math.round(n) / 100, value);
}

function parseDate(value: unknown): Date | undefined {
	if (isBlank(value)) return undefined;
	if (typeof value === 'number') {
		// Seconds or milliseconds since the epoch.
		const d = new Date(value < 1e12 ? value * 1000 : value);
		return Number.isNaN(d.getTime()) ? undefined : d;
	}
	const s = String(value).trim();
	const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00.000Z` : s);
	return Number.isNaN(d.getTime()) ? undefined : d;
}

export function date(value: unknown): string | undefined {
	return parseDate(value)?.toISOString().slice(0, 10);
}

export function dateTime(value: unknown): string | undefined {
	return parseDate(value)?.toISOString();
}

export function tags(value: unknown): string[] | undefined {
	if (isBlank(value)) return undefined;
	const list = Array.isArray(value) ? value : String(value).split(',');
	const out: string[] = [];
	for (const t of list) {
		const tag = text(t);
		if (tag && !out.includes(tag)) out.push(tag);
	}
	return out;
}

export function currency(value: unknown): string | undefined {
	const c = text(value)?.toUpperCase();
	return c && /^[A-Z]{3}$/.test(c) ? c : undefined;
}

export function invoiceNumber(value: unknown): string | undefined {
	return text(value);
}

/** Applies a named transform. `fallback` is the row's fallback GHL value (for name fallbacks). */
export function applyTransform(
	name: TransformName,
	value: unknown,
	fallback?: unknown,
	separator: DecimalSeparator = 'point',
): unknown {
	switch (name) {
		case 'text':
			return text(value);
		case 'lowercaseEmail':
			return lowercaseEmail(value);
		case 'firstName':
			return firstName(value, fallback);
		case 'lastName':
			return lastName(value, fallback);
		case 'phone':
			return phone(value);
		case 'address':
			return address(value);
		case 'moneyMajor':
			return moneyMajor(value, separator);
		case 'moneyMinor':
			return moneyMinor(value, separator);
		case 'date':
			return date(value);
		case 'dateTime':
			return dateTime(value);
		case 'tags':
			return tags(value);
		case 'currency':
			return currency(value);
		case 'invoiceNumber':
			return invoiceNumber(value);
	}
}
