/**
 * The shared runner (nodes/common/runner.ts) in n8n's engine: items about the
 * same record keep their input order while other records overlap, credentials
 * are read once per item, and the sync node runs through the same runner with
 * the same Request Options.
 */
import nock from 'nock';
import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { loadWebhookEvent } from '../../sandbox/ghl/reference';
import { createHarness, FixtureCredentialsHelper, nodeType, type EngineHarness } from '../support/harness';
import { GHL_BASE, HATS_BASE, LOCATION_ID, ghlPitCredentials, hatsCredentials } from '../support/fixtures';
import { useNock } from '../support/nock';

let harness: EngineHarness;
beforeAll(async () => {
	harness = await createHarness();
});
useNock();

const wait = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** The start and end (ms) of every request a nock responder answered, in arrival order. */
interface Span {
	key: string;
	body: IDataObject;
	start: number;
	end: number;
}

async function runGhl(parameters: IDataObject, input: IDataObject[]) {
	return await harness.runWorkflow({
		nodes: [{ name: 'GHL', type: nodeType('ghl'), parameters } as never],
		credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
		input: input.map((json) => ({ json })),
	});
}

describe('items about the same record run in input order; other records overlap', () => {
	it('two Add Tags on one contact are sent one after the other, in input order, while other contacts overlap', async () => {
		const spans: Span[] = [];
		nock(GHL_BASE)
			.persist()
			.post(/^\/contacts\/[^/]+\/tags$/)
			.reply(async (uri, body) => {
				const span: Span = { key: uri.split('/')[2], body: body as IDataObject, start: Date.now(), end: 0 };
				spans.push(span);
				await wait(80);
				span.end = Date.now();
				return [201, { tags: (body as IDataObject).tags }];
			});
		const input = [
			{ contactId: 'c1', tags: 'first' },
			{ contactId: 'c2', tags: 'other' },
			{ contactId: 'c1', tags: 'second' },
			{ contactId: 'c3', tags: 'third contact' },
		];
		const result = await runGhl(
			{ resource: 'contact', operation: 'addTags', contactId: '={{ $json.contactId }}', tags: '={{ $json.tags }}' },
			input,
		);
		expect(result.error('GHL')).toBeUndefined();
		// Output and pairing follow the input, whatever the order of completion.
		expect(result.output('GHL')).toEqual([{ tags: ['first'] }, { tags: ['other'] }, { tags: ['second'] }, { tags: ['third contact'] }]);
		expect(result.items('GHL').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);

		const c1 = spans.filter((s) => s.key === 'c1');
		expect(c1.map((s) => s.body.tags)).toEqual([['first'], ['second']]);
		// Strictly one after the other: the second is sent only once the first is answered.
		expect(c1[1].start).toBeGreaterThanOrEqual(c1[0].end);
		// The other contacts do not wait for c1.
		for (const other of spans.filter((s) => s.key !== 'c1')) expect(other.start).toBeLessThan(c1[0].end);
	});

	it('an item that fails (Continue On Fail) does not stop the next item of its record', async () => {
		const seen: string[] = [];
		nock(GHL_BASE)
			.persist()
			.post(/^\/contacts\/[^/]+\/tags$/)
			.reply((uri, body) => {
				const tags = (body as IDataObject).tags as string[];
				seen.push(`${uri.split('/')[2]}:${tags.join()}`);
				return tags.includes('bad') ? [422, { message: 'bad tag' }] : [201, { tags }];
			});
		const result = await harness.runWorkflow({
			nodes: [
				{
					name: 'GHL',
					type: nodeType('ghl'),
					parameters: { resource: 'contact', operation: 'addTags', contactId: '={{ $json.contactId }}', tags: '={{ $json.tags }}' },
					onError: 'continueRegularOutput',
				} as never,
			],
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
			input: [
				{ json: { contactId: 'c1', tags: 'bad' } },
				{ json: { contactId: 'c1', tags: 'good' } },
			],
		});
		expect(result.output('GHL')).toEqual([expect.objectContaining({ error: expect.stringContaining('bad tag'), httpCode: '422' }), { tags: ['good'] }]);
		expect(seen).toEqual(['c1:bad', 'c1:good']);
	});
});

describe('credentials are read at most once per item', () => {
	let reads: jest.SpyInstance;
	beforeEach(() => {
		reads = jest.spyOn(FixtureCredentialsHelper.prototype, 'getDecrypted');
	});
	afterEach(() => reads.mockRestore());
	const readsOf = (type: string) => reads.mock.calls.filter((call) => call[2] === type).length;

	it('a multi-page Return All, two items: one read per item', async () => {
		const page = (tag: string, count: number) => Array.from({ length: count }, (_, i) => ({ _id: `${tag}${i}` }));
		for (let item = 0; item < 2; item++) {
			nock(GHL_BASE).get('/invoices/').query((q) => q.offset === '0').reply(200, { invoices: page('a', 100), total: 250 });
			nock(GHL_BASE).get('/invoices/').query((q) => q.offset === '100').reply(200, { invoices: page('b', 100), total: 250 });
			nock(GHL_BASE).get('/invoices/').query((q) => q.offset === '200').reply(200, { invoices: page('c', 50), total: 250 });
		}
		const result = await runGhl({ resource: 'invoice', operation: 'getAll', returnAll: true }, [{}, {}]);
		expect(result.error('GHL')).toBeUndefined();
		expect(result.output('GHL')).toHaveLength(500);
		expect(readsOf('ghlPrivateIntegrationApi')).toBeLessThanOrEqual(2);
		expect(readsOf('ghlPrivateIntegrationApi')).toBeGreaterThan(0);
	});

	it('the sync node: one read per item, however many 17hats requests each item makes', async () => {
		const requests: string[] = [];
		let created = 0;
		const hats = nock(HATS_BASE).persist();
		hats.get(/.*/).reply((uri) => (requests.push(`GET ${uri}`), [200, { data: [], next_cursor: null }]));
		hats.post('/contacts').reply((uri, body) => {
			requests.push(`POST ${uri}`);
			return [201, { contact_id: `ct_${++created}`, metadata: {}, ...(body as IDataObject) }];
		});
		const contacts = Array.from({ length: 3 }, (_, i) => ({
			...(structuredClone(loadWebhookEvent('ContactCreate').example) as IDataObject),
			id: `contact-${i}`,
			email: `c${i}@example.com`,
		}));
		const result = await harness.runWorkflow({
			nodes: [{ name: 'Sync', type: nodeType('ghlTo17hatsSync'), parameters: { entity: 'auto' } } as never],
			credentials: { seventeenHatsApi: hatsCredentials() },
			input: contacts.map((json) => ({ json })),
		});
		expect(result.error('Sync')).toBeUndefined();
		expect(result.output('Sync').map((o) => o.action)).toEqual(['created', 'created', 'created']);
		// Several requests per item (find by link, by e-mail, create) ...
		expect(requests.length).toBeGreaterThanOrEqual(6);
		// ... and one credential read per item.
		expect(readsOf('seventeenHatsApi')).toBeLessThanOrEqual(3);
		expect(readsOf('seventeenHatsApi')).toBeGreaterThan(0);
	});
});

describe('the sync node runs through the shared runner with the shared Request Options', () => {
	const syncNode = (parameters: IDataObject, typeVersion?: number) =>
		({ name: 'Sync', type: nodeType('ghlTo17hatsSync'), typeVersion, parameters: { entity: 'contact', dryRun: true, ...parameters } }) as never;

	/** The most 17hats requests in flight at once while syncing `count` different contacts in dry run. */
	async function mostInFlight(parameters: IDataObject, typeVersion?: number, count = 8): Promise<number> {
		let inFlight = 0;
		let most = 0;
		nock.cleanAll();
		nock(HATS_BASE)
			.persist()
			.get(/.*/)
			.reply(async () => {
				most = Math.max(most, ++inFlight);
				await wait(15);
				inFlight--;
				return [200, { data: [], next_cursor: null }];
			});
		const contacts = Array.from({ length: count }, (_, i) => ({ id: `k${i}`, locationId: LOCATION_ID, email: `k${i}@example.com`, firstName: `K${i}` }));
		const result = await harness.runWorkflow({
			nodes: [syncNode(parameters, typeVersion)],
			credentials: { seventeenHatsApi: hatsCredentials() },
			input: contacts.map((json) => ({ json })),
		});
		expect(result.error('Sync')).toBeUndefined();
		expect(result.output('Sync')).toHaveLength(count);
		return most;
	}

	it('the current version reads Concurrency under Request Options, like the GHL and 17hats nodes', async () => {
		expect(await mostInFlight({ requestOptions: { concurrency: 1 } }, 1.1)).toBe(1);
		expect(await mostInFlight({ requestOptions: { concurrency: 3 } }, 1.1)).toBe(3);
	});

	it('version 1 (existing workflows and templates) keeps reading Concurrency under Options', async () => {
		expect(await mostInFlight({ options: { concurrency: 1 } }, 1)).toBe(1);
		expect(await mostInFlight({ options: { concurrency: 3 } }, 1)).toBe(3);
	});

	it('shows Concurrency once: under Request Options in the current version, under Options in version 1', async () => {
		const type = harness.nodeTypes.getByNameAndVersion(nodeType('ghlTo17hatsSync'));
		expect(type.description.version).toEqual([1, 1.1]);
		const shown = (typeVersion: number, collection: string): string[] => {
			const node = { typeVersion, parameters: {} } as unknown as INode;
			const visible = type.description.properties.filter(
				(p) => p.name === collection && NodeHelpers.displayParameter({}, p, node, type.description),
			);
			expect(visible).toHaveLength(1);
			return ((visible[0].options ?? []) as INodeProperties[]).map((o) => o.name);
		};
		expect(shown(1.1, 'requestOptions')).toContain('concurrency');
		expect(shown(1.1, 'options')).not.toContain('concurrency');
		expect(shown(1, 'requestOptions')).not.toContain('concurrency');
		expect(shown(1, 'options')).toContain('concurrency');
	});
});

describe('sync node editor', () => {
	it('Field Overrides may stay empty: a new node has no parameter issues', async () => {
		const type = harness.nodeTypes.getByNameAndVersion(nodeType('ghlTo17hatsSync'));
		const fieldOverrides = type.description.properties.find((p) => p.name === 'fieldOverrides');
		expect(fieldOverrides?.required).toBeFalsy();
		for (const typeVersion of [1, 1.1]) {
			const node = { name: 'Sync', type: nodeType('ghlTo17hatsSync'), typeVersion, position: [0, 0], parameters: {} } as unknown as INode;
			node.parameters = NodeHelpers.getNodeParameters(type.description.properties, {}, true, false, node, type.description) ?? {};
			expect(NodeHelpers.getNodeParametersIssues(type.description.properties, node, type.description)).toBeNull();
		}
	});

	it('says which input it expects', async () => {
		const type = harness.nodeTypes.getByNameAndVersion(nodeType('ghlTo17hatsSync'));
		const notice = type.description.properties.find((p) => p.type === 'notice');
		expect(notice?.displayName).toMatch(/GHL Trigger/);
		expect(notice?.displayName).toMatch(/GHL Poll Trigger/);
		expect(notice?.displayName).toMatch(/GHL node/);
	});
});
