/**
 * The GHL action node, run by n8n's engine, against the fake GHL over real
 * HTTP: main operations end to end, Return All with a small page size, the
 * custom fields shape, phone-only upsert and the scope pre-check.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED, startGhlSandbox, type GhlSandbox } from '../../sandbox/ghl';
import { createHarness, nodeType, type EngineHarness } from '../support/harness';
import { createLoadOptionsHarness } from '../support/loadOptionsHarness';

let ghl: GhlSandbox;
let harness: EngineHarness;

beforeAll(async () => {
	ghl = await startGhlSandbox({ port: 0, rateLimit: { max: 1000, windowMs: 10_000 } });
	harness = await createHarness();
});
afterAll(async () => await ghl.close());
beforeEach(() => ghl.reset());

async function run(parameters: IDataObject, scopes: string[] = ghl.scopes, token = ghl.token) {
	const result = await harness.runWorkflow({
		nodes: [{ name: 'GHL', type: nodeType('ghl'), parameters } as never],
		credentials: { ghlPrivateIntegrationApi: { token, locationId: ghl.locationId, scopes, baseUrl: ghl.url } },
	});
	const error = result.error('GHL');
	return { out: result.output('GHL'), error };
}

describe('GHL node against the sandbox', () => {
	it('reads the location, users, pipelines, custom fields and tags', async () => {
		const location = await run({ resource: 'location', operation: 'get' });
		expect(location.error).toBeUndefined();
		expect(location.out[0]).toMatchObject({ id: SEED.locationId });
		const users = await run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(users.out.map((u) => u.id)).toEqual(expect.arrayContaining([SEED.users.owner, SEED.users.staff]));
		const pipelines = await run({ resource: 'opportunity', operation: 'getPipelines' });
		expect(pipelines.out.map((p) => p.id)).toContain(SEED.pipelineId);
		const fields = await run({ resource: 'customField', operation: 'getAll', model: 'contact', returnAll: true });
		expect(fields.error).toBeUndefined();
		// The seeded contact fields, as HighLevel lists them (id, name, fieldKey, dataType, options).
		const byId = (id: string) => fields.out.find((f) => f.id === id);
		expect(fields.out.map((f) => f.id).sort()).toEqual(Object.values(SEED.customFields).sort());
		expect(byId(SEED.customFields.companySize)).toMatchObject({ name: 'Company Size', fieldKey: 'contact.company_size', dataType: 'TEXT', model: 'contact' });
		expect(byId(SEED.customFields.eventDate)).toMatchObject({ name: 'Event Date', fieldKey: 'contact.event_date', dataType: 'DATE' });
		expect(byId(SEED.customFields.leadDetail)).toMatchObject({ name: 'Lead Detail', fieldKey: 'contact.lead_detail', dataType: 'SINGLE_OPTIONS' });
		const tags = await run({ resource: 'tag', operation: 'getAll', returnAll: true });
		expect(tags.error).toBeUndefined();
	});

	it('contacts: phone-only upsert, update with custom fields, get, notes, tasks, tags', async () => {
		const up = await run({ resource: 'contact', operation: 'upsert', phone: '+15555550123', additionalFields: { firstName: 'Pho' } });
		expect(up.error).toBeUndefined();
		const id = String(up.out[0].id);
		expect(id).not.toBe('');

		const upd = await run({
			resource: 'contact',
			operation: 'update',
			contactId: { __rl: true, mode: 'id', value: id },
			additionalFields: { lastName: 'Ne' },
			customFieldsUi: { field: [{ id: SEED.customFields.companySize, value: '11-50' }] },
		});
		expect(upd.error).toBeUndefined();
		const got = await run({ resource: 'contact', operation: 'get', contactId: id });
		expect(got.out[0]).toMatchObject({ id, lastName: 'Ne' });
		expect(got.out[0].customFields).toEqual([{ id: SEED.customFields.companySize, value: '11-50' }]);

		const note = await run({ resource: 'contactNote', operation: 'create', contactId: id, body: 'Called' });
		expect(note.error).toBeUndefined();
		const notes = await run({ resource: 'contactNote', operation: 'getAll', contactId: id, returnAll: true });
		expect(notes.out.map((n) => n.body)).toContain('Called');

		const task = await run({ resource: 'contactTask', operation: 'create', contactId: id, title: 'Follow up', dueDate: '2030-01-01T00:00:00.000Z' });
		expect(task.error).toBeUndefined();
		const done = await run({ resource: 'contactTask', operation: 'complete', contactId: id, taskId: String(task.out[0].id) });
		expect(done.error).toBeUndefined();

		const tags = await run({ resource: 'contact', operation: 'addTags', contactId: id, tags: 'vip, wedding' });
		expect(tags.error).toBeUndefined();
	});

	it('contacts Return All and search walk every page', async () => {
		const all = await run({ resource: 'contact', operation: 'getAll', returnAll: true });
		expect(all.error).toBeUndefined();
		expect(all.out.length).toBeGreaterThanOrEqual(SEED.contacts.length);
		const limited = await run({ resource: 'contact', operation: 'getAll', returnAll: false, limit: 2 });
		expect(limited.out).toHaveLength(2);
		const search = await run({ resource: 'contact', operation: 'search', returnAll: true });
		expect(search.error).toBeUndefined();
		expect(search.out.length).toBe(all.out.length);
	});

	it('invoices, schedules, templates and documents list; an invoice is read and sent', async () => {
		const invoices = await run({ resource: 'invoice', operation: 'getAll', returnAll: true });
		expect(invoices.error).toBeUndefined();
		expect(invoices.out.map((i) => i._id)).toEqual(expect.arrayContaining(Object.values(SEED.invoices)));
		const paid = await run({ resource: 'invoice', operation: 'getAll', returnAll: true, filters: { status: 'paid' } });
		expect(paid.out.every((i) => i.status === 'paid')).toBe(true);
		const one = await run({ resource: 'invoice', operation: 'get', invoiceId: SEED.invoices.draft });
		expect(one.error).toBeUndefined();
		const sent = await run({ resource: 'invoice', operation: 'send', invoiceId: SEED.invoices.draft, userId: SEED.users.owner, action: 'email' });
		expect(sent.error).toBeUndefined();
		const schedules = await run({ resource: 'invoiceSchedule', operation: 'getAll', returnAll: true });
		expect(schedules.error).toBeUndefined();
		const templates = await run({ resource: 'invoiceTemplate', operation: 'getAll', returnAll: true });
		expect(templates.error).toBeUndefined();
		const documents = await run({ resource: 'document', operation: 'getAll', returnAll: true });
		expect(documents.error).toBeUndefined();
		expect(documents.out.length).toBeGreaterThanOrEqual(2);
		const docTemplates = await run({ resource: 'documentTemplate', operation: 'getAll', returnAll: true });
		expect(docTemplates.error).toBeUndefined();
	});

	it('opportunities: search and status update', async () => {
		const opps = await run({ resource: 'opportunity', operation: 'getAll', returnAll: true });
		expect(opps.error).toBeUndefined();
		expect(opps.out.map((o) => o.id)).toEqual(expect.arrayContaining([...SEED.opportunities]));
		const status = await run({ resource: 'opportunity', operation: 'updateStatus', opportunityId: SEED.opportunities[0], status: 'won' });
		expect(status.error).toBeUndefined();
	});

	it('a credential without the scope fails before sending', async () => {
		const before = ghl.requestLog.list().length;
		const res = await run({ resource: 'contact', operation: 'create', additionalFields: { email: 'x@y.co' } }, ['contacts.readonly']);
		expect(res.error?.message).toMatch(/contacts\.write/);
		expect(ghl.requestLog.list().length).toBe(before);
	});

	it("the editor's lists (contacts by Search Contacts, invoices, custom fields) read the fake GHL", async () => {
		const editor = await createLoadOptionsHarness();
		const credentials = { ghlPrivateIntegrationApi: { token: ghl.token, locationId: ghl.locationId, scopes: ghl.scopes, baseUrl: ghl.url } };
		const contacts = await editor.listSearch('ghl', 'searchContacts', { credentials, filter: 'stone' });
		expect(contacts.results).toEqual([{ name: 'Ava Stone (ava.stone@example.com)', value: expect.any(String) }]);
		const invoices = await editor.listSearch('ghl', 'searchInvoices', { credentials });
		expect(invoices.results.length).toBeGreaterThan(0);
		const fields = await editor.listSearch('ghl', 'searchCustomFields', { credentials, filter: 'event' });
		expect(fields.results).toEqual([{ name: 'Event Date (contact, contact.event_date)', value: SEED.customFields.eventDate }]);
	});
});
