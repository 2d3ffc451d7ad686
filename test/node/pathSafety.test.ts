/**
 * An id must never rewrite the request path. Generated from the operation
 * tables: every GHL and 17hats operation whose path template has a parameter
 * is run once through n8n's engine with distinct valid values, the paths nock
 * receives show which field feeds which path segment, and then each such
 * field gets every hostile value: nothing may reach nock, and the item fails
 * naming the field. Plus the seen case, the Custom API Call's base-URL rule,
 * and ids that come from data (the sync node, load options).
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject, IDataObject, INodeProperties } from 'n8n-workflow';

import { ghlResources } from '../../dist/nodes/Ghl/actions';
import { hatsResources } from '../../dist/nodes/SeventeenHats/actions';
import type { OperationDefinition, ResourceDefinition } from '../../dist/nodes/common/operation';
import { createHarness, nodeType, type EngineHarness } from '../support/harness';
import { GHL_BASE, HATS_BASE, ghlPitCredentials, hatsCredentials } from '../support/fixtures';
import { createLoadOptionsHarness, type LoadOptionsHarness } from '../support/loadOptionsHarness';
import { useNock } from '../support/nock';

let harness: EngineHarness;
let loadOptions: LoadOptionsHarness;
beforeAll(async () => {
	harness = await createHarness();
	loadOptions = await createLoadOptionsHarness();
});
useNock();

const HOSTILE = ['.', '..', 'a/b', 'a\\b', 'a?b', 'a#b', '\u0000', '%2e%2e', '%2F', '%252e%252e', '..%2f'];

interface Api {
	node: string;
	base: string;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	resources: ResourceDefinition[];
}

const GHL: Api = { node: 'ghl', base: GHL_BASE, credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() }, resources: ghlResources };
const HATS: Api = { node: 'seventeenHats', base: HATS_BASE, credentials: { seventeenHatsApi: hatsCredentials() }, resources: hatsResources };

/** Every request nock receives below `base`, by method and path (below the base URL's own path). */
function captureAll(base: string, reply: IDataObject = {}): string[] {
	const seen: string[] = [];
	const basePath = new URL(base).pathname.replace(/\/$/, '');
	const scope = nock(new URL(base).origin).persist();
	for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
		scope[method](/.*/).reply((uri) => {
			seen.push(`${method.toUpperCase()} ${new URL(uri, 'http://x').pathname.slice(basePath.length)}`);
			return [200, reply];
		});
	}
	return seen;
}

/** A distinct valid value for each field the operation shows. */
function sampleFor(prop: INodeProperties, index: number): unknown {
	const id = `pv${index}x${prop.name}`;
	switch (prop.type) {
		case 'string':
			return id;
		case 'number':
			return 5;
		case 'boolean':
			return true;
		case 'dateTime':
			return '2025-01-02T03:04:05.000Z';
		case 'json':
			return prop.default === '[]' ? '[]' : '{}';
		case 'options':
			return prop.typeOptions?.loadOptionsMethod ? id : (prop.options?.[0] as { value: unknown })?.value;
		case 'multiOptions':
			return prop.typeOptions?.loadOptionsMethod ? [id] : [(prop.options?.[0] as { value: unknown })?.value];
		case 'resourceLocator':
			return { __rl: true, mode: 'id', value: `=${id}` };
		case 'collection': {
			// Filled, so an update has something to send.
			const out: IDataObject = {};
			for (const option of (prop.options ?? []) as INodeProperties[]) out[option.name] = sampleFor(option, index) as never;
			return out;
		}
		case 'fixedCollection': {
			const out: IDataObject = {};
			for (const group of (prop.options ?? []) as Array<{ name: string; values: INodeProperties[] }>) {
				const row: IDataObject = {};
				for (const value of group.values) row[value.name] = sampleFor(value, index) as never;
				out[group.name] = [row];
			}
			return out;
		}
		default:
			return prop.default;
	}
}

function sampleParameters(op: OperationDefinition): IDataObject {
	const parameters: IDataObject = { resource: op.resource, operation: op.operation, returnAll: false, limit: 1 };
	op.properties.forEach((prop, index) => {
		if (prop.type !== 'notice') {
			parameters[prop.name] = sampleFor(prop, index) as never;
		}
	});
	return parameters;
}

async function runNode(api: Api, parameters: IDataObject, input: IDataObject = {}) {
	return await harness.runWorkflow({
		nodes: [{ name: 'Node', type: nodeType(api.node), parameters } as never],
		credentials: api.credentials,
		input: [{ json: input }],
	});
}

const segmentsOf = (request: string) => request.split(' ')[1].split('/').map((s) => decodeURIComponent(s));

/** Which fields feed a path segment: run once with distinct values and look for them in the paths sent. */
async function pathFields(api: Api, op: OperationDefinition): Promise<INodeProperties[]> {
	const seen = captureAll(api.base);
	const parameters = sampleParameters(op);
	const probe = await runNode(api, parameters);
	nock.cleanAll();
	if (seen.length === 0) throw new Error(`The probe sent nothing: ${probe.error('Node')?.message}`);
	const segments = new Set(seen.flatMap(segmentsOf));
	return op.properties.flatMap((prop, index) => {
		if (prop.type === 'hidden') return [];
		const sample = sampleFor(prop, index);
		if (prop.type === 'collection') {
			// An option may feed the path too (GHL's Options → Location ID (Override)); named "collection.option".
			const options = (prop.options ?? []) as INodeProperties[];
			const feeds = (o: INodeProperties) => {
				const value = (sample as IDataObject)[o.name];
				return typeof value === 'string' && value !== '' && segments.has(value);
			};
			return options.filter(feeds).map((o) => ({ ...o, name: `${prop.name}.${o.name}` }));
		}
		const value = typeof sample === 'string' ? sample : (sample as { value?: string } | undefined)?.value?.replace(/^=/, '');
		return typeof value === 'string' && segments.has(value) ? [prop] : [];
	});
}

/** The field set to an expression that reads the hostile value from the item, as in a real flow. */
function hostileParameters(op: OperationDefinition, field: INodeProperties): IDataObject {
	const parameters = sampleParameters(op);
	const expression = '={{ $json.hostile }}';
	const [collection, option] = field.name.split('.');
	if (option !== undefined) parameters[collection] = { ...(parameters[collection] as IDataObject), [option]: expression };
	else parameters[field.name] = field.type === 'resourceLocator' ? { __rl: true, mode: 'id', value: expression } : expression;
	return parameters;
}

const templated = (api: Api) =>
	api.resources
		.flatMap((r) => r.operations)
		.filter((op) => op.resource !== 'customApiCall' && /\{\w+\}/.test(op.path))
		.map((op) => [`${op.resource} → ${op.operation} (${op.method} ${op.path})`, op] as const);

describe('the seen case: Contact Note → Delete with note id ".."', () => {
	it('sends nothing (it used to DELETE /contacts/<contactId>/) and names the field', async () => {
		const seen = captureAll(GHL_BASE);
		const result = await runNode(
			GHL,
			{ resource: 'contactNote', operation: 'delete', contactId: { __rl: true, mode: 'id', value: 'c1' }, noteId: '={{ $json.noteId }}' },
			{ noteId: '..' },
		);
		expect(seen).toEqual([]);
		const error = result.error('Node');
		expect(error?.message).toMatch(/The field "Note ID"/);
		expect(error?.context?.itemIndex).toBe(0);
	});
});

describe.each([
	['GHL', GHL],
	['17hats', HATS],
])('%s: every path parameter refuses values that would change the path', (_name, api) => {
	it.each(templated(api))('%s', async (_label, op) => {
		const fields = await pathFields(api, op);
		// Each parameter of the template is fed by one field.
		expect(fields).toHaveLength(op.path.match(/\{\w+\}/g)?.length ?? 0);
		for (const field of fields) {
			const values = field.required ? ['', ...HOSTILE] : HOSTILE;
			for (const hostile of values) {
				const seen = captureAll(api.base);
				const result = await runNode(api, hostileParameters(op, field), { hostile });
				nock.cleanAll();
				const error = result.error('Node');
				expect({ field: field.name, hostile, sent: seen }).toEqual({ field: field.name, hostile, sent: [] });
				expect({ hostile, message: error?.message }).toEqual({ hostile, message: expect.stringContaining(`"${field.displayName}"`) });
				expect(error?.context?.itemIndex).toBe(0);
			}
		}
	});
});

describe('ids that come from data', () => {
	const CONTACT_ID = 'nmFmQEsNgz6AVpgLVUJ0';
	const contactEvent = (type: string) => ({
		type,
		locationId: 've9EPM428h8vShlRW1KT',
		id: CONTACT_ID,
		firstName: 'John',
		lastName: 'Deo',
		email: 'john@example.com',
		phone: '+919509597501',
	});

	async function sync(input: IDataObject, parameters: IDataObject = {}) {
		return await harness.runWorkflow({
			nodes: [{ name: 'Sync', type: nodeType('ghlTo17hatsSync'), parameters: { entity: 'auto', ...parameters } } as never],
			credentials: { seventeenHatsApi: hatsCredentials() },
			input: [{ json: input }],
		});
	}

	/** 17hats answers every list with one contact linked to the GHL contact, under a hostile id. */
	function hatsWithLinkedContact(contactId: string): string[] {
		const writes: string[] = [];
		const scope = nock(HATS_BASE).persist();
		scope.get(/.*/).reply(200, {
			data: [{ contact_id: contactId, external_id: CONTACT_ID, first_name: 'Old', last_name: 'Name', email: 'old@example.com', metadata: {} }],
			next_cursor: null,
		});
		for (const method of ['post', 'patch', 'delete'] as const) {
			scope[method](/.*/).reply((uri) => (writes.push(`${method.toUpperCase()} ${uri}`), [200, {}]));
		}
		return writes;
	}

	it.each(['..', '.', '%2e%2e', 'a/b', '%252e%252e'])('sync node: a 17hats contact id %j is never written to', async (hostile) => {
		const writes = hatsWithLinkedContact(hostile);
		const result = await sync(contactEvent('ContactUpdate'));
		expect(writes).toEqual([]);
		expect(result.error('Sync')?.message).toMatch(/path parameter "id"/);
	});

	it('sync node: a GHL delete never deletes through a hostile 17hats id', async () => {
		const writes = hatsWithLinkedContact('..');
		const result = await sync(contactEvent('ContactDelete'), { deleteHandling: 'delete' });
		expect(writes).toEqual([]);
		expect(result.error('Sync')?.message).toMatch(/path parameter "id"/);
	});

	it('17hats Contact → Create or Update: a matched record with a hostile id is never patched', async () => {
		const writes: string[] = [];
		const scope = nock(HATS_BASE).persist();
		scope.get(/.*/).reply(200, { data: [{ contact_id: '..', external_id: 'ghl_c1', email: 'ada@example.com', metadata: {} }], next_cursor: null });
		for (const method of ['post', 'patch', 'delete'] as const) {
			scope[method](/.*/).reply((uri) => (writes.push(`${method.toUpperCase()} ${uri}`), [200, {}]));
		}
		const result = await runNode(HATS, { resource: 'contact', operation: 'upsert', externalId: 'ghl_c1', email: 'ada@example.com', firstName: 'Ada' });
		expect(writes).toEqual([]);
		expect(result.error('Node')?.message).toMatch(/path parameter "id"/);
	});

	it.each(['getTags', 'getContactCustomFields'])('GHL load options %s: a Location ID of ".." sends nothing', async (method) => {
		const seen = captureAll(GHL_BASE, { tags: [], customFields: [] });
		await expect(
			loadOptions.loadOptions('ghl', method, {
				credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
				parameters: { resource: 'customField', operation: 'getAll', locationId: '..' },
			}),
		).rejects.toThrow(/path parameter "locationId"/);
		expect(seen).toEqual([]);
	});

	it("GHL load options: a credential location of '%2e%2e' sends nothing", async () => {
		const seen = captureAll(GHL_BASE, { tags: [] });
		await expect(
			loadOptions.loadOptions('ghl', 'getTags', { credentials: { ghlPrivateIntegrationApi: ghlPitCredentials({ locationId: '%2e%2e' }) } }),
		).rejects.toThrow(/path parameter "locationId"/);
		expect(seen).toEqual([]);
	});

	it('GHL action: an empty Location ID falls back to a hostile credential location, which is refused naming the field', async () => {
		const seen = captureAll(GHL_BASE);
		const result = await harness.runWorkflow({
			nodes: [{ name: 'Node', type: nodeType('ghl'), parameters: { resource: 'location', operation: 'get' } } as never],
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials({ locationId: '..' }) },
		});
		expect(seen).toEqual([]);
		expect(result.error('Node')?.message).toMatch(/"Location ID"/);
	});
});

describe('Custom API Call never leaves the credential’s base URL', () => {
	const call = (path: string, extra: IDataObject = {}) =>
		runNode(GHL, { resource: 'customApiCall', operation: 'call', method: 'DELETE', path: '={{ $json.path }}', ...extra }, { path });

	it.each([
		'https://evil.example/contacts/',
		'//evil.example/contacts/',
		'\\\\evil.example/contacts/',
		'/contacts/../locations/x',
		'/contacts/./x',
		'/contacts/%2e%2e/x',
		'/contacts/%2E%2e',
		'/contacts/%252e%252e/x',
		'/contacts/a\\..\\x',
		'/contacts/c1/notes/..',
		'/contacts/a%2fb',
		'/contacts//x',
		'/contacts/x#y',
		'/contacts/\u0000',
	])('refuses %j, sending nothing, naming the Path field', async (path) => {
		const seen = captureAll(GHL_BASE);
		const result = await call(path);
		expect(seen).toEqual([]);
		expect(result.error('Node')?.message).toMatch(/"Path"/);
	});

	it('refuses a hostile Location ID used for {locationId}', async () => {
		const seen = captureAll(GHL_BASE);
		const result = await call('/locations/{locationId}/tags', { locationId: '={{ ".." }}' });
		expect(seen).toEqual([]);
		expect(result.error('Node')?.message).toMatch(/"Location ID"/);
	});

	it('still calls a plain path, fills {locationId}, and keeps a query typed into the path', async () => {
		const seen: string[] = [];
		nock(GHL_BASE)
			.delete('/locations/loc%20one/tags/t1')
			.query({ a: '1', b: '2' })
			.reply((uri) => (seen.push(uri), [200, { ok: true }]));
		const result = await call('locations/{locationId}/tags/t1?a=1', { locationId: 'loc one', queryJson: '{"b":"2"}' });
		expect(result.error('Node')).toBeUndefined();
		expect(seen).toEqual(['/locations/loc%20one/tags/t1?a=1&b=2']);
	});
});
