#!/usr/bin/env node
// Writes test/fixtures/ghl-spec-extract.json from HighLevel's official OpenAPI
// specs (openapi/*.json in HighLevel's reference, see scripts/generated.js)
// and scope table (scopes.json): per operation its method, path, path
// and query parameters (with required flags), request body property names
// (and the required ones) and the scopes. The output is committed so the
// tests never need the reference folder; `--check` fails when it is stale.
const fs = require('fs');
const path = require('path');
const { requireGhlReference, writeOrCheck } = require('./generated');

const referenceDir = requireGhlReference('GHL spec extract');
const openapiDir = path.join(referenceDir, 'openapi');
const target = path.join(__dirname, '..', 'test', 'fixtures', 'ghl-spec-extract.json');

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** `/contacts/:contactId/` and `/contacts/{contactId}` → `/contacts/{}` */
function normalisePath(p) {
	let out = p.trim();
	if (!out.startsWith('/')) out = `/${out}`;
	out = out.replace(/:(\w+)/g, '{}').replace(/\{\w+\}/g, '{}');
	if (out.length > 1) out = out.replace(/\/+$/, '');
	return out;
}

function loadScopeTable() {
	const rows = JSON.parse(fs.readFileSync(path.join(referenceDir, 'scopes.json'), 'utf8'));
	const byEndpoint = new Map();
	const known = new Set();
	for (const row of rows) {
		known.add(row.scope);
		for (const endpoint of row.endpoints ?? []) {
			const [method, ...rest] = endpoint.split(' ');
			const key = `${method.toUpperCase()} ${normalisePath(rest.join(' '))}`;
			if (!byEndpoint.has(key)) byEndpoint.set(key, new Set());
			byEndpoint.get(key).add(row.scope);
		}
	}
	return { byEndpoint, known };
}

function resolver(spec) {
	const deref = (schema, seen = new Set()) => {
		if (!schema || typeof schema !== 'object') return {};
		if (schema.$ref) {
			if (!schema.$ref.startsWith('#/')) return {};
			if (seen.has(schema.$ref)) return {};
			const next = schema.$ref
				.slice(2)
				.split('/')
				.reduce((node, key) => (node ? node[key] : undefined), spec);
			return deref(next, new Set([...seen, schema.$ref]));
		}
		return schema;
	};
	/** Property names and required names of an object schema, following $ref and allOf. */
	const objectShape = (schema, seen = new Set()) => {
		const s = deref(schema, seen);
		const properties = new Set(Object.keys(s.properties ?? {}));
		const required = new Set(Array.isArray(s.required) ? s.required : []);
		let open = !s.properties && !s.allOf;
		for (const part of s.allOf ?? []) {
			const inner = objectShape(part, seen);
			inner.properties.forEach((p) => properties.add(p));
			inner.required.forEach((p) => required.add(p));
			open = open && inner.open;
		}
		if (s.additionalProperties) open = true;
		return { properties, required, open };
	};
	return { deref, objectShape };
}

function extract() {
	const { byEndpoint, known } = loadScopeTable();
	const operations = [];
	const files = fs
		.readdirSync(openapiDir)
		.filter((f) => f.endsWith('.json'))
		.sort();
	for (const file of files) {
		const spec = JSON.parse(fs.readFileSync(path.join(openapiDir, file), 'utf8'));
		const { deref, objectShape } = resolver(spec);
		for (const [p, item] of Object.entries(spec.paths ?? {})) {
			for (const method of METHODS) {
				const op = item[method];
				if (!op) continue;
				const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((x) => deref(x));
				const pick = (where) =>
					params
						.filter((x) => x.in === where)
						.map((x) => ({ name: x.name, required: x.required === true }))
						.sort((a, b) => a.name.localeCompare(b.name));
				let body = null;
				const content = op.requestBody?.content ?? {};
				const mediaType = Object.keys(content)[0];
				if (mediaType) {
					const schema = deref(content[mediaType].schema);
					if (schema.type === 'array') {
						body = { mediaType, array: true, properties: [], required: [], open: true };
					} else {
						const shape = objectShape(content[mediaType].schema);
						body = {
							mediaType,
							requiredBody: op.requestBody.required === true,
							properties: [...shape.properties].sort(),
							required: [...shape.required].sort(),
							// No declared properties: the spec does not describe the body (e.g. contact search).
							open: shape.open || shape.properties.size === 0,
						};
					}
				}
				const specScopes = [
					...new Set((op.security ?? []).flatMap((entry) => Object.values(entry).flat())),
				].sort();
				const upper = method.toUpperCase();
				const tableScopes = [...(byEndpoint.get(`${upper} ${normalisePath(p)}`) ?? [])].sort();
				// The scope an operation declares: the official table's row for the
				// endpoint; otherwise the spec's own security scopes that the table
				// knows (a credential can only record scopes from the table).
				const scopes = tableScopes.length > 0 ? tableScopes : specScopes.filter((s) => known.has(s));
				operations.push({
					file,
					operationId: op.operationId ?? null,
					summary: op.summary ?? null,
					method: upper,
					path: p,
					pathParams: pick('path'),
					queryParams: pick('query'),
					body,
					specScopes,
					tableScopes,
					scopes,
				});
			}
		}
	}
	operations.sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)));
	return { generatedBy: 'scripts/extract-ghl-spec.js', source: 'HighLevel official OpenAPI specs and scope table', operations };
}

writeOrCheck({
	label: 'GHL spec extract',
	command: 'node scripts/extract-ghl-spec.js',
	outputs: { [target]: `${JSON.stringify(extract(), null, '\t')}\n` },
});
