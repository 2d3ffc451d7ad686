/**
 * The fake GHL is as strict as HighLevel's spec where a node could go wrong:
 * a request missing a required field (also nested, e.g. ContactDetailsDto's
 * phoneNo) or with a wrongly typed one gets 422 and changes nothing; unknown
 * custom field ids on contacts get 422; a bad request never wedges the fake.
 * Then the GHL node's invoice and estimate bodies pass it.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED, startGhlSandbox, type GhlSandbox } from '../../sandbox/ghl';
import { createHarness, nodeType, type EngineHarness } from '../support/harness';
import { client } from './ghlSupport';

let ghl: GhlSandbox;
let api: ReturnType<typeof client>;
let harness: EngineHarness;
const L = SEED.locationId;

beforeAll(async () => {
	ghl = await startGhlSandbox({ port: 0, rateLimit: { max: 1000, windowMs: 10_000 } });
	api = client(ghl);
	harness = await createHarness();
});
afterAll(async () => await ghl.close());
beforeEach(() => ghl.reset());

describe('contacts: wrong types never wedge the fake', () => {
	it('a create with an object as email gets 422, and later creates and lists still work', async () => {
		const before = ghl.store.contacts.size;
		const bad = await api.post('/contacts/', { locationId: L, firstName: 'Obj', email: { address: 'x@example.com' } });
		expect(bad.status).toBe(422);
		expect(bad.body.message).toEqual(expect.arrayContaining(['email must be a string']));
		expect(ghl.store.contacts.size).toBe(before);

		const good = await api.post('/contacts/', { locationId: L, firstName: 'Fine', email: 'fine@example.com' });
		expect(good.status).toBe(201);
		const again = await api.post('/contacts/', { locationId: L, firstName: 'Also', email: 'also@example.com' });
		expect(again.status).toBe(201);
		expect((await api.get(`/contacts/?locationId=${L}&limit=100`)).status).toBe(200);
	});

	it('upsert and update with wrongly typed fields get 422 and leave the contact as it was', async () => {
		expect((await api.post('/contacts/upsert', { locationId: L, email: ['a@example.com'] })).status).toBe(422);
		const id = SEED.contacts[0];
		const before = JSON.stringify(ghl.store.contacts.get(id));
		const put = await api.put(`/contacts/${id}`, { phone: 15125550111, dnd: 'yes' });
		expect(put.status).toBe(422);
		expect(put.body.message).toEqual(expect.arrayContaining(['phone must be a string', 'dnd must be a boolean value']));
		expect(JSON.stringify(ghl.store.contacts.get(id))).toBe(before);
		expect((await api.post('/contacts/', { locationId: L, firstName: 'Next', email: 'next@example.com' })).status).toBe(201);
	});
});

describe('contacts: custom fields must exist', () => {
	it('an unknown custom field id gets 422 on create, upsert and update', async () => {
		const unknown = [{ id: 'NoSuchField000000001', field_value: 'x' }];
		const create = await api.post('/contacts/', { locationId: L, firstName: 'Cf', customFields: unknown });
		expect(create.status).toBe(422);
		expect(JSON.stringify(create.body.message)).toContain('NoSuchField000000001');
		expect((await api.post('/contacts/upsert', { locationId: L, email: 'cf@example.com', customFields: unknown })).status).toBe(422);
		expect((await api.put(`/contacts/${SEED.contacts[0]}`, { customFields: unknown })).status).toBe(422);
	});

	it('an unknown custom field key gets 422; known ids and keys still work', async () => {
		expect((await api.put(`/contacts/${SEED.contacts[0]}`, { customFields: [{ key: 'no_such_key', field_value: 'x' }] })).status).toBe(422);
		const ok = await api.put(`/contacts/${SEED.contacts[0]}`, {
			customFields: [
				{ id: SEED.customFields.companySize, field_value: '51-200' },
				{ key: 'lead_detail', field_value: 'Website' },
			],
		});
		expect(ok.status).toBe(200);
	});
});

describe('invoices and estimates: required fields from the spec, nested too', () => {
	const newInvoice = {
		altId: L,
		altType: 'location',
		name: 'Wedding package',
		businessDetails: { name: 'Sandbox Studio' },
		currency: 'USD',
		items: [{ name: 'Package B', currency: 'USD', amount: 1000, qty: 2 }],
		discount: { type: 'percentage', value: 10 },
		contactDetails: { id: SEED.contacts[1], name: 'Ben Ortiz', email: 'ben.ortiz@example.com', phoneNo: '+15125550112' },
		issueDate: '2030-01-01',
		sentTo: { email: ['ben.ortiz@example.com'] },
		liveMode: false,
	};
	const without = (o: IDataObject, key: string): IDataObject => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

	it('ContactDetailsDto: phoneNo and email are required (an empty phone is sent as "")', async () => {
		const count = ghl.store.invoices.size;
		const noPhone = await api.post('/invoices/', { ...newInvoice, contactDetails: without(newInvoice.contactDetails, 'phoneNo') });
		expect(noPhone.status).toBe(422);
		expect(noPhone.body.message).toEqual(expect.arrayContaining(['contactDetails.phoneNo should not be empty']));
		const noEmail = await api.post('/invoices/estimate', {
			...newInvoice,
			frequencySettings: { enabled: false },
			contactDetails: without(newInvoice.contactDetails, 'email'),
		});
		expect(noEmail.status).toBe(422);
		expect(noEmail.body.message).toEqual(expect.arrayContaining(['contactDetails.email should not be empty']));
		expect(ghl.store.invoices.size).toBe(count);
		const emptyPhone = await api.post('/invoices/', { ...newInvoice, contactDetails: { ...newInvoice.contactDetails, phoneNo: '' } });
		expect(emptyPhone.status).toBe(200);
	});

	it('SentToDto.email and line items\' required fields; wrong types', async () => {
		const noSentToEmail = await api.post('/invoices/', { ...newInvoice, sentTo: {} });
		expect(noSentToEmail.status).toBe(422);
		expect(noSentToEmail.body.message).toEqual(expect.arrayContaining(['sentTo.email should not be empty']));
		const badName = await api.post('/invoices/', { ...newInvoice, contactDetails: { ...newInvoice.contactDetails, name: { first: 'Ben' } } });
		expect(badName.status).toBe(422);
		expect(badName.body.message).toEqual(expect.arrayContaining(['contactDetails.name must be a string']));
	});
});

describe('the GHL node sends what the spec requires', () => {
	async function runNode(parameters: IDataObject) {
		const result = await harness.runWorkflow({
			nodes: [{ name: 'GHL', type: nodeType('ghl'), parameters } as never],
			credentials: { ghlPrivateIntegrationApi: { token: ghl.token, locationId: ghl.locationId, scopes: ghl.scopes, baseUrl: ghl.url } },
		});
		return { out: result.output('GHL'), error: result.error('GHL') };
	}
	const common = {
		contactId: { __rl: true, mode: 'id', value: SEED.contacts[1] },
		contactName: 'Ben Ortiz',
		currency: 'USD',
		lineItems: { item: [{ name: 'Package B', amount: 1000, qty: 1 }] },
	};

	it('invoice Create with no Contact Phone', async () => {
		const { out, error } = await runNode({ resource: 'invoice', operation: 'create', name: 'No phone', contactEmail: 'ben.ortiz@example.com', ...common });
		expect(error?.message).toBeUndefined();
		expect(out[0]).toMatchObject({ status: 'draft', contactDetails: { id: SEED.contacts[1], phoneNo: '', email: 'ben.ortiz@example.com' } });
	});

	it('estimate Create with no Contact Email and the default Frequency Settings', async () => {
		const { out, error } = await runNode({ resource: 'estimate', operation: 'create', name: 'Quote', contactPhone: '+15125550112', ...common });
		expect(error?.message).toBeUndefined();
		expect(out[0]).toMatchObject({ contactDetails: { id: SEED.contacts[1], name: 'Ben Ortiz', email: '', phoneNo: '+15125550112' } });
	});

	it('invoice schedule Create with no Contact Phone', async () => {
		const { out, error } = await runNode({
			resource: 'invoiceSchedule',
			operation: 'create',
			name: 'Monthly',
			contactEmail: 'ben.ortiz@example.com',
			scheduleJson: '{"rrule":{"intervalType":"monthly","interval":1,"startDate":"2030-01-01"}}',
			...common,
		});
		expect(error?.message).toBeUndefined();
		expect(out[0]).toMatchObject({ contactDetails: { phoneNo: '', email: 'ben.ortiz@example.com' } });
	});
});
