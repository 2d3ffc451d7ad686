/**
 * Every GHL operation the node declares sends a request HighLevel's official
 * spec knows: method and path template, path and query parameter names, body
 * field names, the spec's required parameters, and the scopes of the official
 * table. Driven generically: each declaration's `request()` is called with
 * sample values for every field it shows (collections and fixed collections
 * filled completely), so a new operation is covered without writing a test.
 * The extract is test/fixtures/ghl-spec-extract.json (scripts/extract-ghl-spec.js).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ghlResources } from '../../dist/nodes/Ghl/actions';
import { ItemParameters, type OperationDefinition } from '../../dist/nodes/common/operation';
import { firstPageQuery, pagingIn } from '../../dist/nodes/common/pagination';
import extract from '../fixtures/ghl-spec-extract.json';

interface SpecOp {
	method: string;
	path: string;
	pathParams: Array<{ name: string; required: boolean }>;
	queryParams: Array<{ name: string; required: boolean }>;
	body: null | { properties: string[]; required: string[]; open: boolean };
	scopes: string[];
}

const specOps = (extract as { operations: SpecOp[] }).operations;

/** Declarations that are not one fixed endpoint. */
const NOT_ONE_ENDPOINT = new Set(['customApiCall/call']);

const norm = (p: string) => p.replace(/\{\w+\}/g, '{}').replace(/(.)\/+$/, '$1');

function sampleFor(prop: INodeProperties): unknown {
	switch (prop.type) {
		case 'string':
			if (prop.name === 'searchAfter') return '[1700000000000,"c1"]';
			return `sample-${prop.name}`;
		case 'number':
			return 5;
		case 'boolean':
			return true;
		case 'dateTime':
			return '2025-01-02T03:04:05.000Z';
		case 'json':
			return '{}';
		case 'color':
			return '#ff0000';
		case 'options':
			return prop.typeOptions?.loadOptionsMethod ? `opt-${prop.name}` : (prop.options?.[0] as { value: unknown })?.value;
		case 'multiOptions':
			return prop.typeOptions?.loadOptionsMethod ? [`opt-${prop.name}`] : [(prop.options?.[0] as { value: unknown })?.value];
		case 'resourceLocator':
			return { __rl: true, mode: 'id', value: `rl-${prop.name}` };
		case 'collection': {
			const out: IDataObject = {};
			for (const option of (prop.options ?? []) as INodeProperties[]) out[option.name] = sampleFor(option) as never;
			return out;
		}
		case 'fixedCollection': {
			const out: IDataObject = {};
			for (const group of (prop.options ?? []) as Array<{ name: string; values: INodeProperties[] }>) {
				const row: IDataObject = {};
				for (const value of group.values) row[value.name] = sampleFor(value) as never;
				out[group.name] = [row];
			}
			return out;
		}
		default:
			return prop.default;
	}
}

/** The values a user would see for this operation: every visible field filled (display options honoured). */
function sampleValues(op: OperationDefinition): IDataObject {
	const values: IDataObject = { resource: op.resource, operation: op.operation, returnAll: true };
	for (const prop of op.properties) {
		if (prop.type === 'notice') continue;
		values[prop.name] = sampleFor(prop) as never;
	}
	for (const prop of op.properties) {
		const show = prop.displayOptions?.show ?? {};
		const hidden = Object.entries(show).some(([key, allowed]) => !(allowed as unknown[]).includes(values[key]));
		if (hidden) delete values[prop.name];
	}
	return values;
}

function fakeParams(op: OperationDefinition, values: IDataObject): ItemParameters {
	const ctx = {
		getNodeParameter(name: string, _index: number, fallback?: unknown, options?: { extractValue?: boolean }) {
			let value: unknown = name.split('.').reduce<unknown>((v, k) => (v as IDataObject | undefined)?.[k], values);
			if (value === undefined) return fallback;
			if (options?.extractValue && value && typeof value === 'object' && '__rl' in (value as IDataObject)) {
				value = (value as IDataObject).value;
			}
			return value;
		},
		getNode: () => ({ name: 'GHL', type: 'ghl', typeVersion: 1, parameters: {} }),
		getInputData: () => [{ json: {} }],
	};
	const connection = {
		credentialType: 'ghlPrivateIntegrationApi',
		baseUrl: 'https://services.leadconnectorhq.com',
		bucketKey: 'k',
		secrets: [],
		defaults: { locationId: 'credLocation' },
	};
	return new ItemParameters(ctx as never, 0, op.properties, connection as never);
}

const declarations = ghlResources.flatMap((r) => r.operations).filter((op) => !NOT_ONE_ENDPOINT.has(`${op.resource}/${op.operation}`));

describe('GHL declarations against the official spec', () => {
	it('declares at least the issue’s resources', () => {
		const resources = ghlResources.map((r) => r.value);
		for (const r of ['contact', 'contactNote', 'contactTask', 'invoice', 'invoiceSchedule', 'invoiceTemplate', 'estimate', 'document', 'documentTemplate', 'customField', 'location', 'customValue', 'tag', 'user', 'opportunity', 'customApiCall']) {
			expect(resources).toContain(r);
		}
		expect(declarations.length).toBeGreaterThanOrEqual(100);
	});

	it.each(declarations.map((op) => [`${op.resource}.${op.operation}`, op] as const))('%s', (_name, op) => {
		const spec = specOps.find((s) => s.method === op.method && norm(s.path) === norm(op.path));
		if (!spec) throw new Error(`${op.method} ${op.path} is not in HighLevel's spec`);

		// Path parameter names exactly as the spec's path template names them
		// (the template is the truth: a few spec entries forget to list them).
		const namesIn = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		const declaredPathParams = namesIn(op.path);
		expect(declaredPathParams).toEqual(namesIn(spec.path));
		for (const p of spec.pathParams) expect(declaredPathParams).toContain(p.name);

		// Scopes: the official table's (or the spec's, where the table has no row).
		expect([...op.scopes].sort()).toEqual(spec.scopes);

		expect(op.request).toBeDefined();
		const parts = op.request!(fakeParams(op, sampleValues(op)));
		for (const name of declaredPathParams) expect(String(parts.pathParams?.[name] ?? '')).not.toBe('');

		let qs: IDataObject = { ...(parts.qs ?? {}) };
		let body = parts.body as IDataObject | undefined;
		if (op.pagination) {
			if (pagingIn(op.pagination) === 'body') body = firstPageQuery(op.pagination, body ?? {});
			else qs = firstPageQuery(op.pagination, qs);
		}

		const specQuery = spec.queryParams.map((q) => q.name);
		for (const key of Object.keys(qs)) expect({ op: op.path, query: key, known: specQuery.includes(key) }).toEqual({ op: op.path, query: key, known: true });
		for (const q of spec.queryParams.filter((q) => q.required)) expect({ query: q.name, sent: qs[q.name] !== undefined }).toEqual({ query: q.name, sent: true });

		if (spec.body === null) {
			// Operations without a documented body send none (an empty object is harmless).
			expect(Object.keys(body ?? {})).toEqual([]);
		} else {
			const sent = Object.keys(body ?? {});
			if (!spec.body.open) {
				for (const key of sent) expect({ body: key, known: spec.body.properties.includes(key) }).toEqual({ body: key, known: true });
			}
			for (const key of spec.body.required) expect({ body: key, sent: sent.includes(key) }).toEqual({ body: key, sent: true });
		}
	});

	it('leaves no declared endpoint outside the extract and covers the issue’s endpoints', () => {
		const covered = new Set(declarations.map((op) => `${op.method} ${norm(op.path)}`));
		for (const must of [
			'POST /contacts/search',
			'POST /contacts/upsert',
			'GET /contacts/search/duplicate',
			'POST /invoices/text2pay',
			'POST /invoices/{}/record-payment',
			'POST /invoices/schedule/{}/auto-payment',
			'GET /proposals/document',
			'POST /proposals/templates/send',
			'PUT /opportunities/{}/status',
		]) {
			expect(covered).toContain(must);
		}
	});
});
