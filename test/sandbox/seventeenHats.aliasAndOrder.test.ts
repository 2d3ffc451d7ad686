/**
 * The 17hats node in n8n's engine against the fake 17hats: an operation that
 * moved keeps working under its old name (Contact → Link Document, now
 * Document → Link to Contact), and write operations that read before they
 * write (Set Metadata merges into what is stored) keep items about one record
 * in input order, so two items on one document lose nothing.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { resetBuckets } from '../../dist/nodes/common/rateLimiter';
import { startHatsSandbox, type HatsSandbox } from '../../sandbox';
import { hatsCredentials } from '../support/fixtures';
import { createHarness, nodeType } from '../support/harness';
import { byId, NODE, runHats, type RunOptions } from '../node/seventeenHats.support';

let sb: HatsSandbox;

beforeAll(async () => {
	sb = await startHatsSandbox({ port: 0, rateLimit: { max: 10_000, windowMs: 60_000 } });
	resetBuckets();
});
afterAll(async () => await sb.close());

const credentials = () => hatsCredentials({ baseUrl: sb.url, apiKey: sb.apiKey });
async function run(parameters: IDataObject, options: RunOptions = {}) {
	return await runHats(parameters, { ...options, credentials: credentials() });
}
async function ok(parameters: IDataObject, options: RunOptions = {}): Promise<IDataObject[]> {
	const result = await run(parameters, options);
	const error = result.error(NODE);
	if (error) throw new Error(`${error.message} ${error.description ?? ''}`);
	return result.output(NODE);
}

async function newContactAndDocument(email: string) {
	const [contact] = await ok({ resource: 'contact', operation: 'create', email, firstName: 'Alias' });
	const contactId = String(contact.contact_id);
	const [document] = await ok({ resource: 'document', operation: 'create', contactId: byId(contactId), name: 'Quote', documentType: 'quote' });
	return { contactId, documentId: String(document.document_id) };
}

describe('Contact → Link Document (moved to Document → Link to Contact) keeps working in old workflows', () => {
	it('a saved node with resource=contact, operation=linkDocument links the document, like Document → Link to Contact', async () => {
		const { documentId } = await newContactAndDocument('alias-owner@example.com');
		const [other] = await ok({ resource: 'contact', operation: 'create', email: 'alias-new-owner@example.com', firstName: 'New' });
		const [linked] = await ok({ resource: 'contact', operation: 'linkDocument', contactId: byId(String(other.contact_id)), documentId: byId(documentId) });
		expect(linked).toMatchObject({ document_id: documentId, contact_id: other.contact_id });
		const [stored] = await ok({ resource: 'document', operation: 'get', documentId: byId(documentId) });
		expect(stored.contact_id).toBe(other.contact_id);

		// The same through the new place gives the same answer.
		const { contactId: third } = await newContactAndDocument('alias-third@example.com');
		const [moved] = await ok({ resource: 'document', operation: 'linkToContact', contactId: byId(third), documentId: byId(documentId) });
		expect(moved).toMatchObject({ document_id: documentId, contact_id: third });
	});

	it('new nodes never offer it; a saved one shows it, with its fields, and can be switched away', async () => {
		const harness = await createHarness();
		const type = harness.nodeTypes.getByNameAndVersion(nodeType('seventeenHats'), 1);
		const properties = type.description.properties;
		const node = (parameters: IDataObject) => ({ name: NODE, type: nodeType('seventeenHats'), typeVersion: 1, position: [0, 0] as [number, number], id: 'x', parameters });
		const shownOperations = (parameters: IDataObject) => {
			const values = NodeHelpers.getNodeParameters(properties, parameters as never, true, false, node(parameters) as never, type.description) ?? {};
			const shown = properties.filter((p) => p.name === 'operation' && NodeHelpers.displayParameter(values, p, node(parameters) as never, type.description));
			return { values, options: shown.map((p) => (p.options ?? []).map((o) => (o as { value: string }).value)) };
		};
		// A new contact node: one Operation dropdown, without the old operation.
		const fresh = shownOperations({ resource: 'contact' });
		expect(fresh.options).toHaveLength(1);
		expect(fresh.options[0]).not.toContain('linkDocument');
		expect(fresh.values.operation).toBe('get');
		// A saved one: one dropdown that holds the old value and every current contact operation.
		const saved = shownOperations({ resource: 'contact', operation: 'linkDocument', contactId: byId('ct_1'), documentId: byId('doc_1') });
		expect(saved.options).toHaveLength(1);
		expect(saved.options[0]).toEqual(expect.arrayContaining(['linkDocument', ...fresh.options[0]]));
		// Its fields stay (n8n drops the values of fields it does not show).
		expect(saved.values).toMatchObject({ operation: 'linkDocument', contactId: byId('ct_1'), documentId: byId('doc_1') });
	});
});

describe('write operations keep items about one record in input order', () => {
	it('two Set Metadata (merge) on one document in one run keep both keys, the later item winning a shared key', async () => {
		const { documentId } = await newContactAndDocument('order@example.com');
		const input = [
			{ json: { key: 'first', shared: 'from item 0' } },
			{ json: { key: 'second', shared: 'from item 1' } },
		];
		const output = await ok(
			{
				resource: 'document',
				operation: 'setMetadata',
				documentId: byId(documentId),
				metadata: {
					entries: [
						{ key: '={{ $json.key }}', value: 'yes' },
						{ key: 'shared', value: '={{ $json.shared }}' },
					],
				},
			},
			{ input },
		);
		expect(output).toHaveLength(2);
		const [stored] = await ok({ resource: 'document', operation: 'get', documentId: byId(documentId) });
		expect(stored.metadata).toMatchObject({ first: 'yes', second: 'yes', shared: 'from item 1' });
	});

	it('two Update (merged metadata) on one contact keep both keys', async () => {
		const [contact] = await ok({ resource: 'contact', operation: 'create', email: 'order-contact@example.com', firstName: 'Order' });
		const contactId = String(contact.contact_id);
		await ok(
			{
				resource: 'contact',
				operation: 'update',
				contactId: byId(contactId),
				updateFields: {},
				metadata: { entries: [{ key: '={{ $json.key }}', value: '={{ $json.value }}' }] },
			},
			{ input: [{ json: { key: 'a', value: '1' } }, { json: { key: 'b', value: '2' } }, { json: { key: 'c', value: '3' } }] },
		);
		const [stored] = await ok({ resource: 'contact', operation: 'get', contactId: byId(contactId) });
		expect(stored.metadata).toMatchObject({ a: '1', b: '2', c: '3' });
	});

	it('two Create or Update with one external ID in one run make one contact', async () => {
		const output = await ok(
			{ resource: 'contact', operation: 'upsert', externalId: 'ghl_order_1', email: 'upsert-order@example.com', firstName: '={{ $json.name }}' },
			{ input: [{ json: { name: 'First' } }, { json: { name: 'Second' } }] },
		);
		expect(output.map((o) => o.action)).toEqual(['created', 'updated']);
		expect(output[0].contact_id).toBe(output[1].contact_id);
		const linked = (sb.store.all('contacts') as IDataObject[]).filter((c) => c.external_id === 'ghl_order_1');
		expect(linked).toHaveLength(1);
		expect(linked[0].first_name).toBe('Second');
	});
});
