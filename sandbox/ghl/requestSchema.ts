/**
 * Checks a request body against the request schema HighLevel's spec gives the
 * endpoint, answering like GHL's NestJS validation pipe: 422 with one message
 * per problem ("contactDetails.phoneNo should not be empty", "email must be a
 * string"), before the handler runs, so a bad body never reaches the store.
 *
 * Checked: required properties (in nested objects and array items too) and
 * the primitive types (string, boolean, number) of what is present; `null` is
 * allowed where the spec says nullable. Not checked: formats, enums,
 * additional properties, and anyOf/oneOf members (custom field values: their
 * spec types disagree with what GHL accepts). Handlers keep their own checks
 * (e.g. an empty string for a required top-level field).
 */
import { unprocessable } from './errors';
import { loadCommonSchemas, loadSpec, SPEC_FILES, type JsonSchema } from './reference';
import { endpointKey } from './scopes';

interface SchemaRef {
	/** Spec file the schema's local `$ref`s point into. */
	spec: string;
	schema: JsonSchema;
	/** The component's name, when reached through a `$ref`. */
	name?: string;
}

/**
 * Properties the spec marks required that GHL does not require (the spec's
 * error, not the API's), each with the reason; the rest is as published.
 */
const NOT_REALLY_REQUIRED: Record<string, { properties: string[]; why: string }> = {
	RecordPaymentDto: {
		properties: ['card', 'cheque', 'notes'],
		why: 'card and cheque details belong to their payment modes only (a cash payment has neither); notes are optional text',
	},
};

let bodies: Map<string, SchemaRef> | undefined;

/** endpointKey → the JSON request body schema of that operation. */
function requestBodies(): Map<string, SchemaRef> {
	if (bodies) return bodies;
	const table = new Map<string, SchemaRef>();
	for (const spec of SPEC_FILES) {
		for (const [path, ops] of Object.entries(loadSpec(spec).paths)) {
			for (const [method, op] of Object.entries(ops)) {
				const body = (op as { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }).requestBody;
				const schema = body?.content?.['application/json']?.schema;
				if (schema) table.set(endpointKey(method, path), { spec, schema });
			}
		}
	}
	bodies = table;
	return table;
}

/** Follows `$ref` (local, or into common-schemas.json) to the schema it names. */
function resolve(ref: SchemaRef): SchemaRef {
	let current = ref;
	for (let depth = 0; depth < 10 && typeof current.schema.$ref === 'string'; depth++) {
		const [file, pointer] = (current.schema.$ref as string).split('#');
		const name = pointer.split('/').pop() ?? '';
		const spec = file ? 'common-schemas' : current.spec;
		const doc = spec === 'common-schemas' ? loadCommonSchemas() : loadSpec(spec);
		const target = doc.components?.schemas?.[name];
		if (!target) throw new Error(`Unresolvable $ref ${String(current.schema.$ref)} in ${current.spec}.json`);
		current = { spec, schema: target, name };
	}
	return current;
}

/** A schema with its allOf parts folded in (GHL wraps $refs in allOf to add a description). */
function parts(ref: SchemaRef): SchemaRef[] {
	const resolved = resolve(ref);
	const allOf = resolved.schema.allOf;
	if (!Array.isArray(allOf)) return [resolved];
	return [resolved, ...allOf.flatMap((part) => parts({ spec: resolved.spec, schema: part as JsonSchema }))];
}

const TYPE_CHECKS: Record<string, { test: (v: unknown) => boolean; message: string }> = {
	string: { test: (v) => typeof v === 'string', message: 'must be a string' },
	boolean: { test: (v) => typeof v === 'boolean', message: 'must be a boolean value' },
	number: { test: (v) => typeof v === 'number' && Number.isFinite(v), message: 'must be a number conforming to the specified constraints' },
	integer: { test: (v) => typeof v === 'number' && Number.isInteger(v), message: 'must be an integer number' },
};

function check(value: unknown, ref: SchemaRef, path: string, problems: string[]): void {
	for (const part of parts(ref)) {
		const { schema, spec } = part;
		if (value === null) {
			if (schema.nullable !== true && typeof schema.type === 'string' && schema.type in TYPE_CHECKS) problems.push(`${path} ${TYPE_CHECKS[schema.type].message}`);
			continue;
		}
		const type = typeof schema.type === 'string' ? schema.type : undefined;
		if (type && type in TYPE_CHECKS) {
			if (!TYPE_CHECKS[type].test(value)) problems.push(`${path} ${TYPE_CHECKS[type].message}`);
			continue;
		}
		if (Array.isArray(value) && schema.items && typeof schema.items === 'object') {
			value.forEach((item, i) => check(item, { spec, schema: schema.items as JsonSchema }, `${path}.${i}`, problems));
			continue;
		}
		if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
		const record = value as Record<string, unknown>;
		const at = (name: string) => (path ? `${path}.${name}` : name);
		const optional = (part.name && NOT_REALLY_REQUIRED[part.name]?.properties) || [];
		const required = (Array.isArray(schema.required) ? (schema.required as string[]) : []).filter((name) => !optional.includes(name));
		for (const name of required) {
			const nullable = (schema.properties?.[name] as JsonSchema | undefined)?.nullable === true;
			if (record[name] === undefined || (record[name] === null && !nullable)) problems.push(`${at(name)} should not be empty`);
		}
		for (const [name, propertySchema] of Object.entries(schema.properties ?? {})) {
			if (record[name] !== undefined && !(record[name] === null && required.includes(name))) check(record[name], { spec, schema: propertySchema }, at(name), problems);
		}
	}
}

/** Throws GHL's 422 when the body breaks its endpoint's request schema; endpoints without one pass. */
export function checkRequestBody(method: string, routePath: string, body: unknown): void {
	const ref = requestBodies().get(endpointKey(method, routePath));
	if (!ref || body === undefined) return;
	const problems: string[] = [];
	check(body, ref, '', problems);
	if (problems.length > 0) throw unprocessable(...new Set(problems));
}
