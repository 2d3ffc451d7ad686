/**
 * Validates requests and responses against an OpenAPI 3.1 document, resolved
 * by method + concrete path. Used by the fake 17hats (so it accepts exactly
 * what the contract says) and by tests (to check both sides of the contract).
 */
import * as fs from 'fs';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

export interface Issue {
	location: 'path' | 'query' | 'header' | 'body' | 'status';
	/** Dotted field name ('email', 'address.city', 'limit'); '' for the whole body. */
	field: string;
	message: string;
}

export interface ValidationResult {
	valid: boolean;
	/** Human-readable, one per problem: "body.email: must match format \"email\"". */
	errors: string[];
	issues: Issue[];
	operation?: { method: string; path: string; operationId?: string };
}

export interface MatchedOperation {
	method: string;
	/** The templated path as written in the doc, e.g. '/contacts/{contact_id}'. */
	template: string;
	operation: Json;
	pathItem: Json;
	pathParams: Record<string, string>;
}

export type QueryInput = URLSearchParams | Record<string, string | number | boolean | Array<string | number> | undefined>;

const DOC_ID = 'https://sandbox.invalid/openapi.json';

export class OpenApiValidator {
	readonly doc: Json;
	private readonly ajv: Ajv2020;
	private readonly compiled = new Map<string, ValidateFunction>();
	private readonly basePaths: string[];
	private readonly templates: Array<{ template: string; segments: string[] }>;

	constructor(doc: Json) {
		this.doc = doc;
		this.ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
		addFormats(this.ajv);
		// components.schemas is registered as $defs of one schema resource (a root
		// named "components" would trip Ajv's strict mode); refs are rewritten to it.
		this.ajv.addSchema({ $id: DOC_ID, $defs: rebaseRefs(doc.components?.schemas ?? {}) });
		this.basePaths = (doc.servers ?? [])
			.map((s: Json) => {
				try {
					return new URL(s.url).pathname.replace(/\/$/, '');
				} catch {
					return '';
				}
			})
			.filter((p: string) => p.length > 0)
			.sort((a: string, b: string) => b.length - a.length);
		// Literal segments before params so '/contacts/search' would beat '/contacts/{id}'.
		this.templates = Object.keys(doc.paths ?? {})
			.map((t) => ({ template: t, segments: t.split('/').filter(Boolean) }))
			.sort((a, b) => literalScore(b.segments) - literalScore(a.segments));
	}

	static fromFile(file: string): OpenApiValidator {
		return new OpenApiValidator(parseYaml(fs.readFileSync(file, 'utf8')));
	}

	/** Strips scheme/host and a server base path (e.g. '/v1') from a URL or path. */
	relativePath(pathOrUrl: string): string {
		let p = pathOrUrl;
		if (/^https?:\/\//i.test(p)) p = new URL(p).pathname;
		p = p.split('?')[0];
		for (const base of this.basePaths) {
			if (p === base) return '/';
			if (p.startsWith(base + '/')) return p.slice(base.length);
		}
		return p;
	}

	findOperation(method: string, pathOrUrl: string): MatchedOperation | undefined {
		const m = method.toLowerCase();
		const parts = this.relativePath(pathOrUrl).split('/').filter(Boolean);
		for (const { template, segments } of this.templates) {
			if (segments.length !== parts.length) continue;
			const params: Record<string, string> = {};
			let ok = true;
			for (let i = 0; i < segments.length && ok; i++) {
				const pm = /^\{(.+)\}$/.exec(segments[i]);
				if (pm) params[pm[1]] = safeDecode(parts[i]);
				else ok = segments[i] === parts[i];
			}
			const pathItem = this.doc.paths[template];
			if (ok && pathItem[m]) return { method: m.toUpperCase(), template, operation: pathItem[m], pathItem, pathParams: params };
		}
		return undefined;
	}

	/** Follows a local '#/...' $ref (repeatedly) inside the document. */
	deref<T = Json>(node: Json): T {
		let n = node;
		for (let i = 0; n && typeof n === 'object' && typeof n.$ref === 'string' && i < 20; i++) {
			n = n.$ref
				.replace(/^#\//, '')
				.split('/')
				.map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
				.reduce((acc: Json, key: string) => acc?.[key], this.doc);
		}
		return n as T;
	}

	/** Validates a value against a schema from the doc (object, or '#/components/schemas/X'). */
	validateSchema(schema: Json | string, value: unknown): ErrorObject[] {
		const ref = typeof schema === 'string' ? schema : undefined;
		const key = ref ?? JSON.stringify(schema);
		let fn = this.compiled.get(key);
		if (!fn) {
			// Inline schemas may contain local refs; rebase them on the registered doc.
			const s = ref ? rebaseRefs({ $ref: ref }) : rebaseRefs(schema);
			fn = this.ajv.compile(s);
			this.compiled.set(key, fn);
		}
		return fn(value) ? [] : [...(fn.errors ?? [])];
	}

	validateRequest(req: { method: string; path: string; query?: QueryInput; body?: unknown; headers?: Record<string, unknown> }): ValidationResult {
		const op = this.findOperation(req.method, req.path);
		if (!op) return fail([{ location: 'path', field: '', message: `no operation ${req.method.toUpperCase()} ${this.relativePath(req.path)} in the document` }]);
		const issues: Issue[] = [];
		const params: Json[] = [...(op.pathItem.parameters ?? []), ...(op.operation.parameters ?? [])].map((p) => this.deref(p));
		const query = normaliseQuery(req.query ?? (req.path.includes('?') ? new URLSearchParams(req.path.split('?')[1]) : undefined));
		const known = new Set<string>();

		for (const p of params) {
			const where = p.in as Issue['location'];
			let raw: string | string[] | undefined;
			if (p.in === 'path') raw = op.pathParams[p.name];
			else if (p.in === 'query') {
				known.add(p.name);
				raw = query.get(p.name);
			} else if (p.in === 'header') raw = headerValue(req.headers, p.name);
			else continue;
			if (raw === undefined) {
				if (p.required) issues.push({ location: where, field: p.name, message: 'is required' });
				continue;
			}
			const schema = this.deref(p.schema ?? {});
			const value = coerce(Array.isArray(raw) && schema.type !== 'array' ? raw[raw.length - 1] : raw, schema, (s) => this.deref(s));
			for (const e of this.validateSchema(p.schema ?? {}, value)) issues.push(toIssue(where, e, p.name));
		}
		for (const name of query.keys()) {
			if (known.has(name)) continue;
			if (op.operation['x-metadata-filter'] && /^metadata\.[A-Za-z0-9_.:-]{1,64}$/.test(name)) continue;
			issues.push({ location: 'query', field: name, message: 'is not a parameter of this operation' });
		}

		const rb = this.deref(op.operation.requestBody);
		const empty = req.body === undefined || req.body === null || req.body === '';
		if (!rb) {
			if (!empty) issues.push({ location: 'body', field: '', message: 'this operation takes no body' });
		} else if (empty) {
			if (rb.required) issues.push({ location: 'body', field: '', message: 'a JSON body is required' });
		} else {
			const schema = rb.content?.['application/json']?.schema;
			if (schema) issues.push(...collapse(this.validateSchema(schema, req.body)).map((e) => toIssue('body', e)));
		}
		return result(issues, op);
	}

	validateResponse(res: { method: string; path: string; status: number; body?: unknown; headers?: Record<string, unknown> | Headers }): ValidationResult {
		const op = this.findOperation(res.method, res.path);
		if (!op) return fail([{ location: 'path', field: '', message: `no operation ${res.method.toUpperCase()} ${this.relativePath(res.path)} in the document` }]);
		const responses = op.operation.responses ?? {};
		const spec = this.deref(responses[String(res.status)] ?? responses[`${String(res.status)[0]}XX`] ?? responses.default);
		if (!spec) return result([{ location: 'status', field: '', message: `status ${res.status} is not documented for ${op.method} ${op.template}` }], op);
		const issues: Issue[] = [];
		const headers = res.headers instanceof Headers ? Object.fromEntries(res.headers.entries()) : res.headers;
		if (headers) {
			for (const [name, h0] of Object.entries(spec.headers ?? {})) {
				const h = this.deref(h0 as Json);
				const raw = headerValue(headers, name);
				if (raw === undefined) {
					if (h.required) issues.push({ location: 'header', field: name, message: 'is required' });
					continue;
				}
				const value = coerce(Array.isArray(raw) ? raw[0] : raw, this.deref(h.schema ?? {}), (s) => this.deref(s));
				for (const e of this.validateSchema(h.schema ?? {}, value)) issues.push(toIssue('header', e, name));
			}
		}
		const schema = spec.content?.['application/json']?.schema;
		const empty = res.body === undefined || res.body === null || res.body === '';
		if (!schema) {
			if (!empty) issues.push({ location: 'body', field: '', message: `status ${res.status} has no body in the document` });
		} else if (empty) issues.push({ location: 'body', field: '', message: 'a JSON body is required' });
		else issues.push(...collapse(this.validateSchema(schema, res.body)).map((e) => toIssue('body', e)));
		return result(issues, op);
	}
}

function literalScore(segments: string[]): number {
	return segments.reduce((n, s, i) => n + (s.startsWith('{') ? 0 : 1 << (10 - Math.min(i, 10))), 0);
}

function safeDecode(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

function rebaseRefs(node: Json): Json {
	if (Array.isArray(node)) return node.map(rebaseRefs);
	if (!node || typeof node !== 'object') return node;
	const out: Json = {};
	for (const [k, v] of Object.entries(node)) {
		out[k] = k === '$ref' && typeof v === 'string' ? v.replace(/^#\/components\/schemas\//, DOC_ID + '#/$defs/') : rebaseRefs(v);
	}
	return out;
}

function normaliseQuery(q: QueryInput | undefined): Map<string, string | string[]> {
	const out = new Map<string, string | string[]>();
	if (!q) return out;
	const entries: Array<[string, unknown]> = q instanceof URLSearchParams ? [...q.entries()] : Object.entries(q);
	for (const [k, v] of entries) {
		if (v === undefined) continue;
		const vals = Array.isArray(v) ? v.map(String) : [String(v)];
		const prev = out.get(k);
		const merged = prev === undefined ? vals : [...(Array.isArray(prev) ? prev : [prev]), ...vals];
		out.set(k, merged.length === 1 ? merged[0] : merged);
	}
	return out;
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | string[] | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
	const v = key === undefined ? undefined : headers[key];
	return v === undefined || v === null ? undefined : Array.isArray(v) ? v.map(String) : String(v);
}

/** Query/header values are strings; turn them into what the schema's type expects. */
function coerce(raw: string | string[], schema0: Json, deref: (s: Json) => Json): unknown {
	const schema = deref(schema0);
	const types: string[] = Array.isArray(schema?.type) ? schema.type : schema?.type ? [schema.type] : [];
	if (Array.isArray(raw)) return types.includes('array') ? raw.map((r) => coerce(r, schema.items ?? {}, deref)) : raw;
	if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
	if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
	return raw;
}

/** anyOf of `required` alternatives gives one error per branch; report it once. */
function collapse(errors: ErrorObject[]): ErrorObject[] {
	const anyOf = errors.filter((e) => e.keyword === 'anyOf');
	if (!anyOf.length) return errors;
	const out: ErrorObject[] = [];
	for (const a of anyOf) {
		const branch = errors.filter((e) => e.schemaPath.startsWith(a.schemaPath + '/') && e.instancePath === a.instancePath);
		const missing = branch.filter((e) => e.keyword === 'required').map((e) => (e.params as Json).missingProperty as string);
		if (missing.length === branch.length && missing.length > 0) {
			out.push({ ...a, keyword: 'anyOfRequired', params: { missing }, message: `at least one of ${missing.join(', ')} is required` });
		} else out.push(a, ...branch);
	}
	const inBranch = (e: ErrorObject) => anyOf.some((a) => e !== a && e.schemaPath.startsWith(a.schemaPath + '/'));
	return [...errors.filter((e) => e.keyword !== 'anyOf' && !inBranch(e)), ...out];
}

function toIssue(location: Issue['location'], e: ErrorObject, base?: string): Issue {
	const p = e.params as Json;
	const segs = e.instancePath.split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
	if (base) segs.unshift(base);
	if (e.keyword === 'required') segs.push(p.missingProperty);
	if (e.keyword === 'additionalProperties') segs.push(p.additionalProperty);
	let message = e.message ?? 'is invalid';
	if (e.keyword === 'additionalProperties') message = 'is not a known field';
	if (e.keyword === 'required') message = 'is required';
	if (e.keyword === 'enum') message = `must be one of ${(p.allowedValues as unknown[]).join(', ')}`;
	if (e.keyword === 'anyOfRequired') return { location, field: (p.missing as string[]).join('|'), message };
	return { location, field: segs.join('.'), message };
}

function fail(issues: Issue[]): ValidationResult {
	return result(issues);
}

function result(issues: Issue[], op?: MatchedOperation): ValidationResult {
	return {
		valid: issues.length === 0,
		issues,
		errors: issues.map((i) => `${i.location}${i.field ? '.' + i.field : ''}: ${i.message}`),
		operation: op ? { method: op.method, path: op.template, operationId: op.operation.operationId } : undefined,
	};
}
