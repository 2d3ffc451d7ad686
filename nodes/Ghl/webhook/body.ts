/**
 * Reads a verified delivery's bytes as a JSON object, within bounds: GHL
 * payloads are a few KB and a few levels deep, so anything far beyond is
 * refused before it can cost memory or produce an item n8n cannot serialise.
 * The size is checked by the caller before the signature (see handler.ts).
 */
import type { IDataObject } from 'n8n-workflow';

export const DEFAULT_MAX_BODY_KILOBYTES = 1024;
export const DEFAULT_MAX_JSON_DEPTH = 64;
/** The item wraps the payload and n8n copies items recursively: keep well below stack limits. */
export const MAX_JSON_DEPTH_LIMIT = 512;

export interface BodyProblem {
	error: 'invalid_utf8' | 'malformed_body' | 'too_deep';
	message: string;
}

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const BYTE_ORDER_MARK = 0xfeff;
const REPLACEMENT_CHARACTER = '\ufffd';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Whether JSON text nests objects/arrays deeper than `maxDepth` (the outer
 * object is depth 1). One pass over the text, brackets inside strings ignored,
 * stopping at the first level too deep — so it runs before JSON.parse builds
 * anything.
 */
export function jsonDepthExceeds(text: string, maxDepth: number): boolean {
	// No more opening brackets than the limit: nothing can nest deeper (native
	// indexOf, so a usual payload is never walked character by character).
	let opening = 0;
	for (let at = text.indexOf('{'); at !== -1 && opening <= maxDepth; at = text.indexOf('{', at + 1)) opening++;
	for (let at = text.indexOf('['); at !== -1 && opening <= maxDepth; at = text.indexOf('[', at + 1)) opening++;
	if (opening <= maxDepth) return false;
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === BACKSLASH) i++;
			else if (c === QUOTE) inString = false;
		} else if (c === QUOTE) {
			inString = true;
		} else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
			if (++depth > maxDepth) return true;
		} else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
			depth--;
		}
	}
	return false;
}

/**
 * The body as a JSON object, or why not. Bytes that are not UTF-8 are refused
 * rather than replaced with U+FFFD; a leading byte order mark is skipped (the
 * signature was checked over the bytes as sent, mark included).
 */
export function readJsonBody(raw: Buffer, maxDepth: number): { body: IDataObject } | { problem: BodyProblem } {
	let text = raw.toString('utf8');
	// Bytes that are not UTF-8 come out as U+FFFD: only then is the strict (slower) decoder needed.
	if (text.includes(REPLACEMENT_CHARACTER)) {
		try {
			strictUtf8.decode(raw);
		} catch {
			return { problem: { error: 'invalid_utf8', message: 'The body is not valid UTF-8' } };
		}
	}
	if (text.charCodeAt(0) === BYTE_ORDER_MARK) text = text.slice(1);
	if (jsonDepthExceeds(text, maxDepth)) {
		return { problem: { error: 'too_deep', message: `The body is nested deeper than ${maxDepth} levels` } };
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return { problem: { error: 'malformed_body', message: 'The body is not valid JSON' } };
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return { problem: { error: 'malformed_body', message: 'The body must be a JSON object' } };
	}
	return { body: parsed as IDataObject };
}
