/**
 * Request paths: a template such as `/contacts/{contactId}/notes/{id}` plus
 * its parameters. Every parameter must stay exactly one path segment: an id
 * of `..` or `a/b` would otherwise be normalised by the URL parser (or decoded
 * by the server) into another endpoint, e.g. a note delete becoming a contact
 * delete. The transport builds every path here and refuses, before sending,
 * any URL that does not keep the shape of its template.
 */

/** Path parameters by template name, e.g. `{ contactId: 'abc' }`. */
export type PathParams = Record<string, string | number>;

/** A path that can be sent, or why not (`parameter` names the template parameter at fault). */
export type PathResult = { path: string } | { refused: string; parameter?: string };

// Lone UTF-16 surrogates cannot be percent-encoded (encodeURIComponent throws).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** C0 controls (NUL included), DEL and C1 controls. */
function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
	}
	return false;
}
const SEPARATORS: Array<[string, string]> = [
	['/', '"/"'],
	['\\', 'a backslash'],
	['?', '"?"'],
	['#', '"#"'],
];

/**
 * One round of %XX decoding that never throws: a run of escapes that is valid
 * UTF-8 decodes as UTF-8 (`%E2%80%A4` is U+2024, not three Latin-1 bytes with
 * a C1 control among them); any other escape decodes byte by byte.
 */
function decodeOnce(text: string): string {
	return text.replace(/(?:%[0-9a-f]{2})+/gi, (run: string) => {
		try {
			return decodeURIComponent(run);
		} catch {
			return run.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
		}
	});
}

/** The value and every form repeated %-decoding turns it into, until it stops changing. */
function decodedForms(value: string): string[] {
	const forms = [value];
	for (let current = value, next = decodeOnce(current); next !== current; current = next, next = decodeOnce(current)) {
		forms.push(next);
	}
	return forms;
}

function problemOf(text: string): string | undefined {
	const trimmed = text.trim();
	if (trimmed === '') return 'must not be empty';
	if (/^\.+$/.test(trimmed)) return 'must not be "." or ".."';
	for (const [char, label] of SEPARATORS) if (text.includes(char)) return `must not contain ${label}`;
	if (hasControlCharacter(text)) return 'must not contain control characters';
	if (LONE_SURROGATE.test(text)) return 'must be valid text';
	return undefined;
}

/**
 * Why `value` cannot be one path segment, or undefined when it can. Checked
 * raw and after each round of %-decoding (`%2e%2e`, `%252f` …), since a
 * server or proxy may decode what the client encoded.
 */
export function pathSegmentProblem(value: string): string | undefined {
	const forms = decodedForms(value);
	for (const [index, form] of forms.entries()) {
		const problem = problemOf(form);
		if (problem) return index === 0 ? problem : `${problem}, also when %-encoded`;
	}
	return undefined;
}

const PARAMETER = /^\{(\w+)\}$/;

interface TemplateSegment {
	literal?: string;
	parameter?: string;
}

/** The template's segments below the base URL; a segment that is exactly `{name}` is a parameter. */
function segmentsOf(template: string): TemplateSegment[] {
	return template
		.replace(/^\//, '')
		.split('/')
		.map((segment) => {
			const match = PARAMETER.exec(segment);
			return match ? { parameter: match[1] } : { literal: segment };
		});
}

/** Compares segments as the server reads them: one round of decoding. */
function canonical(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * Why the literal part of a template is not a plain path below the base URL
 * (a full URL, `//host`, a backslash, a `.`/`..` or empty segment, raw or
 * encoded), or undefined. Only the last segment may be empty (a trailing slash).
 */
export function templateProblem(template: string): string | undefined {
	if (/^[a-z][a-z0-9+.-]*:/i.test(template)) return 'must be a path below the base URL, not a full URL';
	if (/^[/\\]{2}/.test(template)) return 'must not start with "//" (that names another host)';
	if (template.includes('\\')) return 'must not contain a backslash';
	const segments = segmentsOf(template);
	for (const [index, segment] of segments.entries()) {
		if (segment.literal === undefined) continue;
		if (segment.literal === '' && index === segments.length - 1) continue;
		const problem = pathSegmentProblem(segment.literal);
		if (problem) return `has a segment "${segment.literal}" that ${problem}`;
	}
	return undefined;
}

/** Fills the template: each parameter checked and encoded as exactly one segment. */
export function buildPath(template: string, params: PathParams = {}): PathResult {
	const problem = templateProblem(template);
	if (problem) return { refused: `The request path "${template}" ${problem}` };
	const segments: string[] = [];
	for (const segment of segmentsOf(template)) {
		const name = segment.parameter;
		if (name === undefined) {
			segments.push(segment.literal as string);
			continue;
		}
		const raw = params[name];
		if (raw === undefined || raw === null) return { refused: `The path parameter "${name}" has no value`, parameter: name };
		const value = String(raw);
		const valueProblem = pathSegmentProblem(value);
		if (valueProblem) return { refused: `The path parameter "${name}" (value ${shown(value)}) ${valueProblem}`, parameter: name };
		segments.push(encodeURIComponent(value));
	}
	return { path: `/${segments.join('/')}` };
}

/**
 * Why `path` (below the base URL, as it will be requested) does not have the
 * shape of `template`: a different number of segments, a literal segment
 * changed, or a parameter that is not one safe segment. Undefined when it fits.
 */
export function pathShapeProblem(template: string, path: string): { problem: string; parameter?: string } | undefined {
	const expected = segmentsOf(template);
	const actual = path.replace(/^\//, '').split('/');
	if (actual.length !== expected.length) {
		return { problem: `has ${actual.length} segments where "${template}" has ${expected.length}` };
	}
	for (const [index, segment] of expected.entries()) {
		const sent = actual[index];
		if (segment.parameter !== undefined) {
			const problem = pathSegmentProblem(sent);
			if (problem) return { problem: `puts "${sent}" where "{${segment.parameter}}" goes; it ${problem}`, parameter: segment.parameter };
		} else if (canonical(sent) !== canonical(segment.literal as string)) {
			return { problem: `has "${sent}" where "${template}" has "${segment.literal}"` };
		}
	}
	return undefined;
}

/** The URL the HTTP client requests for `path` below `baseUrl` (joined as axios joins them), if valid. */
function joinUrl(baseUrl: string, path: string): URL | undefined {
	const joined = `${baseUrl.replace(/\/?\/$/, '')}/${path.replace(/^\/+/, '')}`;
	return URL.canParse(joined) ? new URL(joined) : undefined;
}

/**
 * Builds the path for a request and proves, on the URL the client will
 * actually request, that it stays below `baseUrl` with the template's shape.
 * When refused, nothing may be sent.
 */
export function requestPath(baseUrl: string, template: string, params: PathParams = {}): PathResult {
	const built = buildPath(template, params);
	if (!('path' in built)) return built;
	const { path } = built;
	const url = joinUrl(baseUrl, path);
	if (!URL.canParse(baseUrl) || !url) return { refused: `The base URL "${baseUrl}" is not a valid URL` };
	const base = new URL(baseUrl);
	const basePath = base.pathname.replace(/\/+$/, '');
	if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`) || url.search !== '' || url.hash !== '') {
		return { refused: `The request path "${path}" leaves the base URL` };
	}
	const shape = pathShapeProblem(template, url.pathname.slice(basePath.length));
	if (shape) return { refused: `The request path "${path}" ${shape.problem}`, parameter: shape.parameter };
	return { path };
}

/** A value as shown in a message: quoted, control characters visible, long ones cut. */
function shown(value: string): string {
	return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}
