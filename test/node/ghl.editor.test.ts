/**
 * What the GHL action node shows in the editor (issue 11, "The editor"): ids
 * picked from lists, the location taken from the credential unless
 * overridden, no field shown twice, and the requests those fields produce
 * (n8n's engine, nock). Contact → Get Many on Search Contacts: ghl.actions.test.ts.
 */
import nock from 'nock';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ghlResources } from '../../dist/nodes/Ghl/actions';
import type { OperationDefinition } from '../../dist/nodes/common/operation';
import { createHarness, nodeType, type EngineHarness } from '../support/harness';
import { GHL_BASE, LOCATION_ID, ghlPitCredentials } from '../support/fixtures';
import { useNock } from '../support/nock';

let harness: EngineHarness;
beforeAll(async () => {
	harness = await createHarness();
});
useNock();

const operations = ghlResources.flatMap((r) => r.operations);
const op = (resource: string, operation: string): OperationDefinition => {
	const found = operations.find((o) => o.resource === resource && o.operation === operation);
	if (!found) throw new Error(`no ${resource}.${operation}`);
	return found;
};
const ghl = () => nock(GHL_BASE, { reqheaders: { version: '2021-07-28' } });

async function run(parameters: IDataObject) {
	return await harness.runWorkflow({
		nodes: [{ name: 'GHL', type: nodeType('ghl'), parameters } as never],
		credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
		input: [{ json: {} }],
	});
}

/** Every field an operation shows, collections' options included, as "name" paths. */
function visibleFieldNames(properties: INodeProperties[]): string[] {
	return properties.flatMap((p) => {
		if (p.type === 'hidden') return [];
		if (p.type === 'collection') return [p.name, ...((p.options ?? []) as INodeProperties[]).map((o) => o.name)];
		return [p.name];
	});
}

describe('ids are picked from lists (resource locators)', () => {
	// [resource, operation, field, listSearch method]
	const cases: Array<[string, string, string, string]> = [
		['contactNote', 'get', 'noteId', 'searchNotes'],
		['contactTask', 'update', 'taskId', 'searchTasks'],
		['opportunity', 'get', 'opportunityId', 'searchOpportunities'],
		['opportunity', 'updateStatus', 'opportunityId', 'searchOpportunities'],
		['opportunity', 'addFollowers', 'opportunityId', 'searchOpportunities'],
		['invoice', 'get', 'invoiceId', 'searchInvoices'],
		['invoice', 'update', 'invoiceId', 'searchInvoices'],
		['invoice', 'void', 'invoiceId', 'searchInvoices'],
		['invoice', 'delete', 'invoiceId', 'searchInvoices'],
		['invoice', 'recordPayment', 'invoiceId', 'searchInvoices'],
		['invoice', 'send', 'invoiceId', 'searchInvoices'],
		['invoiceSchedule', 'get', 'scheduleId', 'searchInvoiceSchedules'],
		['invoiceSchedule', 'autoPayment', 'scheduleId', 'searchInvoiceSchedules'],
		['invoiceSchedule', 'updateAndSchedule', 'scheduleId', 'searchInvoiceSchedules'],
		['invoiceTemplate', 'get', 'templateId', 'searchInvoiceTemplates'],
		['invoiceTemplate', 'updateLateFees', 'templateId', 'searchInvoiceTemplates'],
		['estimate', 'update', 'estimateId', 'searchEstimates'],
		['estimate', 'send', 'estimateId', 'searchEstimates'],
		['estimate', 'createInvoice', 'estimateId', 'searchEstimates'],
		['estimateTemplate', 'delete', 'templateId', 'searchEstimateTemplates'],
		['estimateTemplate', 'preview', 'templateId', 'searchEstimateTemplates'],
		['document', 'send', 'documentId', 'searchDocuments'],
		['customField', 'get', 'customFieldId', 'searchCustomFields'],
		['customValue', 'update', 'customValueId', 'searchCustomValues'],
		['tag', 'delete', 'tagId', 'searchTags'],
		['user', 'get', 'userId', 'searchUsers'],
	];
	it.each(cases)('%s.%s: %s is From List (%s) or By ID', (resource, operation, field, method) => {
		const prop = op(resource, operation).properties.find((p) => p.name === field);
		expect(prop?.type).toBe('resourceLocator');
		expect(prop?.default).toEqual({ mode: 'list', value: '' });
		const modes = prop?.modes ?? [];
		expect(modes.map((m) => m.name)).toEqual(expect.arrayContaining(['list', 'id']));
		expect(modes.find((m) => m.name === 'list')?.typeOptions?.searchListMethod).toBe(method);
	});

	it('the contact can also be given by its HighLevel URL', async () => {
		let path = '';
		ghl()
			.get(/\/contacts\/.*/)
			.reply((uri) => ((path = uri), [200, { contact: { id: 'abc123' } }]));
		const url = `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/abc123`;
		const result = await run({ resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'url', value: url } });
		expect(result.error('GHL')).toBeUndefined();
		expect(path).toBe('/contacts/abc123');
	});

	it('an id picked from the list and a plain string from an old workflow both reach the path', async () => {
		const paths: string[] = [];
		ghl()
			.get(/\/invoices\/.*/)
			.times(2)
			.query(true)
			.reply((uri) => (paths.push(uri.split('?')[0]), [200, { _id: 'x' }]));
		await run({ resource: 'invoice', operation: 'get', invoiceId: { __rl: true, mode: 'list', value: 'inv1', cachedResultName: 'INV-1' } });
		await run({ resource: 'invoice', operation: 'get', invoiceId: 'inv2' });
		expect(paths).toEqual(['/invoices/inv1', '/invoices/inv2']);
	});
});

describe('Location ID: the credential’s, unless overridden under Options', () => {
	const located = operations.filter((o) => o.resource !== 'customApiCall' && o.properties.some((p) => p.name === 'locationId'));

	it('no operation shows a top-level Location ID; each offers Options → Location ID (Override)', () => {
		expect(located.length).toBeGreaterThan(30);
		for (const o of located) {
			const top = o.properties.find((p) => p.name === 'locationId');
			expect({ op: `${o.resource}.${o.operation}`, type: top?.type }).toEqual({ op: `${o.resource}.${o.operation}`, type: 'hidden' });
			const options = o.properties.find((p) => p.name === 'options' && p.type === 'collection');
			const override = ((options?.options ?? []) as INodeProperties[]).find((p) => p.name === 'locationId');
			expect({ op: `${o.resource}.${o.operation}`, override: override?.displayName }).toEqual({
				op: `${o.resource}.${o.operation}`,
				override: 'Location ID (Override)',
			});
		}
	});

	it.each([
		['the credential’s location by default', {}, LOCATION_ID],
		['Options → Location ID (Override)', { options: { locationId: 'otherLoc' } }, 'otherLoc'],
		['the old top-level Location ID of a saved workflow', { locationId: 'oldLoc' }, 'oldLoc'],
		['the override over the old field', { locationId: 'oldLoc', options: { locationId: 'newLoc' } }, 'newLoc'],
	])('tag create: %s', async (_label, extra, expected) => {
		let path = '';
		ghl()
			.post(/\/locations\/.*\/tags/)
			.reply((uri) => ((path = uri), [201, { tag: { id: 't1' } }]));
		const result = await run({ resource: 'tag', operation: 'create', name: 'vip', ...extra });
		expect(result.error('GHL')).toBeUndefined();
		expect(path).toBe(`/locations/${expected}/tags`);
	});

	it('invoice get: the override becomes altId', async () => {
		const seen: IDataObject[] = [];
		ghl()
			.get('/invoices/i1')
			.query((q) => (seen.push(q), true))
			.reply(200, { _id: 'i1' });
		await run({ resource: 'invoice', operation: 'get', invoiceId: 'i1', options: { locationId: 'otherLoc' } });
		expect(seen).toEqual([{ altId: 'otherLoc', altType: 'location' }]);
	});

	it('a hostile override is refused naming "Location ID (Override)"', async () => {
		const result = await run({ resource: 'tag', operation: 'get', tagId: 't1', options: { locationId: '..' } });
		expect(result.error('GHL')?.message).toContain('"Location ID (Override)"');
	});
});

describe('Contact → Create or Update and Remove Tags', () => {
	it('shows Email and Phone once each', () => {
		const names = visibleFieldNames(op('contact', 'upsert').properties);
		expect(names.filter((n) => n === 'email')).toHaveLength(1);
		expect(names.filter((n) => n === 'phone')).toHaveLength(1);
	});

	it.each(['create', 'upsert'])('%s: Gender has no preset value', (operation) => {
		const fields = op('contact', operation).properties.find((p) => p.name === 'additionalFields');
		const gender = ((fields?.options ?? []) as INodeProperties[]).find((p) => p.name === 'gender');
		expect(gender?.default).toBe('');
	});

	it('Remove Tags asks for tag names only, in one sentence', () => {
		const tags = op('contact', 'removeTags').properties.find((p) => p.name === 'tagNames');
		expect(tags?.displayName).toBe('Tag Names');
		expect(tags?.description).not.toMatch(/IDs/);
		const sentences = String(tags?.description).split('. ');
		expect(new Set(sentences).size).toBe(sentences.length);
	});
});
