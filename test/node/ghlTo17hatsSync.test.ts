/**
 * The GHL to 17hats Sync node in n8n's engine, 17hats behind nock
 * (https://api.17hats.com/v1): idempotency, minimal PATCHes, the 409 race,
 * multi-step documents, dry run, recurring invoices, deletes, custom data.
 */
import nock from 'nock';
import type { IDataObject, INode } from 'n8n-workflow';

import { loadWebhookEvent } from '../../sandbox/ghl/reference';
import { useNock } from '../support/nock';
import { createHarness, nodeType, type EngineHarness } from '../support/harness';
import { HATS_BASE, hatsCredentials } from '../support/fixtures';
import { HatsFake } from './ghlTo17hatsFake';

/** The official GHL webhook examples (the committed extract, sandbox/ghl/reference-data). */
const example = (name: string): IDataObject => structuredClone(loadWebhookEvent(name).example) as IDataObject;

const CONTACT_ID = 'nmFmQEsNgz6AVpgLVUJ0';
const INVOICE_ID = '6578278e879ad2646715ba9c';

let harness: EngineHarness;

beforeAll(async () => {
	harness = await createHarness();
});

useNock();

function syncNode(parameters: IDataObject = {}): INode {
	return {
		name: 'Sync',
		type: nodeType('ghlTo17hatsSync'),
		parameters: { entity: 'auto', ...parameters },
	} as unknown as INode;
}

async function run(input: IDataObject[], parameters: IDataObject = {}, continueOnFail = false) {
	const node = syncNode(parameters);
	if (continueOnFail) (node as INode).onError = 'continueRegularOutput';
	return await harness.runWorkflow({
		nodes: [node],
		credentials: { seventeenHatsApi: hatsCredentials() },
		input: input.map((json) => ({ json })),
	});
}

/** The 17hats contact the ContactCreate example maps to. */
function syncedContact(overrides: IDataObject = {}): IDataObject {
	return {
		first_name: 'John',
		last_name: 'Deo',
		email: 'johndeo@gmail.comm',
		phone: '+919509597501',
		company: 'Loram ipsum',
		type: 'other',
		address: { street: '3535 1st St N', city: 'ruDolomitebika', state: 'AL', postal_code: '452001', country: 'DE' },
		tags: ['id magna sed Lorem', 'Duis dolor commodo aliqua'],
		notes: null,
		external_id: CONTACT_ID,
		metadata: { source: 'ghl', ghl_id: CONTACT_ID, ghl_location_id: 've9EPM428h8vShlRW1KT' },
		last_synced_at: '2024-01-01T00:00:00.000Z',
		...overrides,
	};
}

describe('contacts', () => {
	it('the same event twice makes one record; the second run is skipped', async () => {
		const fake = new HatsFake();
		fake.install();
		const first = await run([{ event: 'ContactCreate', entity: 'Contact', data: example('ContactCreate') }]);
		expect(first.error('Sync')).toBeUndefined();
		const [created] = first.output('Sync');
		expect(created).toMatchObject({ action: 'created', entity: 'contact', ghlId: CONTACT_ID, hatsId: 'ct_1', warnings: [] });
		expect(typeof created.last_synced_at).toBe('string');
		expect((created.changes as IDataObject).phone).toEqual({ before: null, after: '+919509597501' });
		const post = fake.writes()[0];
		expect(post.body).toMatchObject({ first_name: 'John', external_id: CONTACT_ID, last_synced_at: created.last_synced_at });

		const second = await run([example('ContactCreate')]);
		expect(second.output('Sync')[0]).toMatchObject({ action: 'skipped', hatsId: 'ct_1', changes: {}, last_synced_at: created.last_synced_at });
		expect(fake.tables.contacts).toHaveLength(1);
		expect(fake.writes()).toHaveLength(1);
		expect(second.items('Sync')[0].pairedItem).toEqual({ item: 0 });
	});

	it('patches a changed field alone', async () => {
		let patchBody: IDataObject | undefined;
		const scope = nock(HATS_BASE)
			.get('/contacts')
			.query({ external_id: CONTACT_ID, limit: '1' })
			.reply(200, { data: [{ contact_id: 'ct_9', ...syncedContact({ phone: '+10000000000' }) }], next_cursor: null })
			.patch('/contacts/ct_9', (body: IDataObject) => {
				patchBody = body;
				return true;
			})
			.reply(200, (_uri: string, body: IDataObject) => ({ contact_id: 'ct_9', ...syncedContact(), ...body }));
		const result = await run([example('ContactUpdate')]);
		expect(result.error('Sync')).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(Object.keys(patchBody ?? {}).sort()).toEqual(['last_synced_at', 'phone']);
		expect(patchBody?.phone).toBe('+919509597501');
		expect(result.output('Sync')[0]).toMatchObject({
			action: 'updated',
			hatsId: 'ct_9',
			changes: { phone: { before: '+10000000000', after: '+919509597501' } },
			last_synced_at: patchBody?.last_synced_at,
		});
	});

	it('two concurrent executions creating one GHL contact end in one 17hats contact (409 → re-read → update)', async () => {
		const fake = new HatsFake();
		fake.install();
		// Both items read "not there" before either writes: the second create hits 409.
		let reads = 0;
		const originalHandle = fake.handle.bind(fake);
		fake.handle = (method, uri, body) => {
			if (method === 'GET' && uri.includes('external_id') && reads < 2) {
				reads++;
				return [200, { data: [], next_cursor: null }];
			}
			return originalHandle(method, uri, body);
		};
		// Two executions (two webhooks): items of one execution about one GHL record run one after another.
		const results = await Promise.all([run([example('ContactCreate')]), run([example('ContactCreate')])]);
		for (const result of results) expect(result.error('Sync')).toBeUndefined();
		expect(fake.tables.contacts).toHaveLength(1);
		const out = results.map((result) => result.output('Sync')[0]);
		expect(out.map((o) => o.action).sort()).toEqual(['created', 'skipped']);
		expect(out.map((o) => o.hatsId)).toEqual(['ct_1', 'ct_1']);
		const raced = out.find((o) => o.action === 'skipped') as IDataObject;
		expect((raced.warnings as string[]).join()).toMatch(/409 duplicate_external_id/);
		expect(fake.log.filter((r) => r.method === 'POST').length).toBe(2);
	});

	it('a racing worker with different data: the 409 turns into a PATCH of the changed fields', async () => {
		const fake = new HatsFake();
		fake.install();
		fake.beforeCreate = (resource) => {
			if (resource === 'contacts' && fake.tables.contacts.length === 0) {
				fake.insert('contacts', { ...syncedContact({ phone: '+1555' }) });
			}
		};
		const result = await run([example('ContactCreate')]);
		expect(result.output('Sync')[0]).toMatchObject({ action: 'updated', hatsId: 'ct_1', changes: { phone: { before: '+1555', after: '+919509597501' } } });
		const patch = fake.writes().find((w) => w.method === 'PATCH');
		expect(Object.keys(patch?.body ?? {}).sort()).toEqual(['last_synced_at', 'phone']);
		expect(fake.tables.contacts).toHaveLength(1);
	});

	it('links an unlinked 17hats contact found by e-mail', async () => {
		const fake = new HatsFake();
		fake.install();
		fake.insert('contacts', { ...syncedContact({ external_id: null, metadata: {} }) });
		const result = await run([example('ContactCreate')]);
		const out = result.output('Sync')[0];
		expect(out).toMatchObject({ action: 'updated', hatsId: 'ct_1' });
		expect(Object.keys(out.changes as IDataObject).sort()).toEqual(['external_id', 'metadata.ghl_id', 'metadata.ghl_location_id', 'metadata.source']);
		expect(fake.tables.contacts[0].external_id).toBe(CONTACT_ID);
	});

	it('sets execution custom data with the ids and the action', async () => {
		const fake = new HatsFake();
		fake.install();
		const result = await run([example('ContactCreate')]);
		expect(result.customData).toMatchObject({ ghlId: CONTACT_ID, hatsId: 'ct_1', action: 'created', entity: 'contact' });
	});

	it('applies Field Overrides from the resourceMapper', async () => {
		const fake = new HatsFake();
		fake.install();
		const result = await run([example('ContactCreate')], {
			fieldOverrides: {
				mappingMode: 'defineBelow',
				value: { 'contact:company': '={{ $json.customFields[0].value }}', 'contact:type': 'client' },
				matchingColumns: [],
				schema: [],
			},
		});
		expect(result.error('Sync')).toBeUndefined();
		expect(fake.tables.contacts[0]).toMatchObject({ company: 'XYZ Corp', type: 'client' });
	});

	it('fails one item with a message naming the field, keeps the others (continueOnFail)', async () => {
		const fake = new HatsFake();
		fake.install();
		const result = await run([{ id: 'g-empty', type: 'ContactCreate' }, example('ContactCreate')], {}, true);
		const out = result.output('Sync');
		expect(out[0]).toMatchObject({ action: 'failed', ghlId: 'g-empty' });
		expect(String(out[0].error)).toMatch(/no first name, last name or e-mail \(GHL fields "firstName", "lastName", "email"\)/);
		expect(out[1]).toMatchObject({ action: 'created' });
		expect(result.items('Sync').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('reports a 17hats API error on the item', async () => {
		nock(HATS_BASE)
			.get('/contacts')
			.query(true)
			.reply(403, { error: { code: 'insufficient_scope', message: 'This API key lacks the scope "contacts:read".', request_id: 'req_1' } });
		const result = await run([example('ContactCreate')], {}, true);
		const out = result.output('Sync')[0];
		expect(out).toMatchObject({ action: 'failed', httpCode: '403', traceId: 'req_1' });
		expect(String(out.error)).toMatch(/^Contact: This API key lacks the scope "contacts:read"/);
	});
});

const proposal: IDataObject = {
	locationId: 'hTlkh7t8gujsahgg93',
	documentId: 'docid-1',
	_id: 'ghl-doc-1',
	name: 'Wedding Proposal',
	type: 'proposal',
	deleted: false,
	status: ['sent'],
	recipients: [{ id: 'ghl-contact-jim', email: 'jim@gmail.com', firstName: 'Jim', lastName: 'Anton', role: 'signer', isPrimary: true }],
};

describe('documents', () => {
	it('a document for an unknown contact creates the contact and a project first', async () => {
		const fake = new HatsFake();
		fake.install();
		const result = await run([proposal]);
		expect(result.error('Sync')).toBeUndefined();
		const out = result.output('Sync')[0];
		expect(out).toMatchObject({
			action: 'created',
			entity: 'document',
			ghlId: 'ghl-doc-1',
			hatsId: 'doc_3',
			links: { contactId: 'ct_1', projectId: 'pr_2', documentId: 'doc_3', ghlContactId: 'ghl-contact-jim' },
		});
		expect(fake.writes().map((w) => `${w.method} ${w.path}`)).toEqual(['POST /contacts', 'POST /projects', 'POST /documents']);
		expect(fake.tables.contacts[0]).toMatchObject({ first_name: 'Jim', last_name: 'Anton', email: 'jim@gmail.com', external_id: 'ghl-contact-jim' });
		expect(fake.tables.documents[0]).toMatchObject({
			contact_id: 'ct_1',
			project_id: 'pr_2',
			name: 'Wedding Proposal',
			document_type: 'quote',
			status: 'sent',
			external_id: 'ghl-doc-1',
		});
		// Status change later: only the status is patched.
		const later = await run([{ ...proposal, status: ['sent', 'completed'] }]);
		expect(later.output('Sync')[0]).toMatchObject({ action: 'updated', changes: { status: { before: 'sent', after: 'completed' } } });
		expect(fake.writes().slice(3).map((w) => [w.method, w.path, Object.keys(w.body ?? {}).sort()])).toEqual([
			['PATCH', '/documents/doc_3', ['last_synced_at', 'status']],
		]);
	});
});

describe('dry run', () => {
	it('reports what an invoice would create and writes nothing', async () => {
		// Only GET interceptors: any write would fail the item.
		const empty = { data: [], next_cursor: null };
		const scope = nock(HATS_BASE)
			.get('/contacts')
			.query({ external_id: INVOICE_ID, limit: '1' })
			.reply(200, empty)
			.get('/contacts')
			.query({ email: 'alex@example.com', limit: '1' })
			.reply(200, empty)
			.get('/contracts')
			.query({ external_id: `invoice:${INVOICE_ID}`, limit: '1' })
			.reply(200, empty)
			.get('/invoices')
			.query({ external_id: INVOICE_ID, limit: '1' })
			.reply(200, empty);
		const result = await run([example('InvoicePaid')], { dryRun: true });
		expect(result.error('Sync')).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		const out = result.output('Sync')[0];
		expect(out).toMatchObject({ action: 'created', entity: 'invoice', dryRun: true, hatsId: null, last_synced_at: null });
		expect(out.changes).toMatchObject({
			'contract.status': { before: null, after: 'active' },
			'contract.amount': { before: null, after: 999 },
			'invoice.status': { before: null, after: 'paid' },
			'invoice.amount_paid': { before: null, after: 999 },
		});
		expect((out.steps as IDataObject[]).map((s) => `${s.record}:${s.action}`)).toEqual([
			'contact:created',
			'project:created',
			'contract:created',
			'invoice:created',
		]);
	});

	it('reports a minimal change of an existing record', async () => {
		nock(HATS_BASE)
			.get('/contacts')
			.query(true)
			.reply(200, { data: [{ contact_id: 'ct_9', ...syncedContact({ company: 'Old' }) }], next_cursor: null });
		const result = await run([example('ContactUpdate')], { dryRun: true });
		expect(result.output('Sync')[0]).toMatchObject({ action: 'updated', dryRun: true, changes: { company: { before: 'Old', after: 'Loram ipsum' } } });
	});
});

describe('invoices', () => {
	it('records a paid invoice against a contract that follows it, with the contact documents attached', async () => {
		const fake = new HatsFake();
		fake.install();
		await run([{ ...proposal, recipients: [{ id: INVOICE_ID, email: 'alex@example.com', firstName: 'Alex', role: 'signer' }] }]);
		const result = await run([example('InvoiceSent')]);
		expect(result.output('Sync')[0]).toMatchObject({ action: 'created', links: { contactId: 'ct_1', contractId: 'k_4', invoiceId: 'inv_5', attachedDocumentIds: ['doc_3'] } });
		expect(fake.tables.contracts[0]).toMatchObject({ status: 'sent', amount: 999, currency: 'USD', document_ids: ['doc_3'], external_id: `invoice:${INVOICE_ID}` });
		expect(fake.tables.invoices[0]).toMatchObject({ contract_id: 'k_4', status: 'sent', amount: 999, amount_paid: 0, number: '19', due_date: '2023-01-01' });

		const paid = await run([example('InvoicePaid')]);
		expect(paid.output('Sync')[0]).toMatchObject({
			action: 'updated',
			changes: {
				'contract.status': { before: 'sent', after: 'active' },
				'invoice.status': { before: 'sent', after: 'paid' },
				'invoice.amount_paid': { before: 0, after: 999 },
			},
		});
		const again = await run([example('InvoicePaid')]);
		expect(again.output('Sync')[0]).toMatchObject({ action: 'skipped' });
	});

	it('a recurring invoice updates the contract renewal and sends the renewal notice once per period', async () => {
		const fake = new HatsFake();
		fake.install();
		const contact = fake.insert('contacts', { email: 'alex@example.com', first_name: 'Alex', external_id: INVOICE_ID, metadata: { source: 'ghl' } });
		fake.insert('projects', { contact_id: contact.contact_id, name: 'Alex', external_id: `contact:${INVOICE_ID}` });
		fake.insert('contracts', {
			contact_id: 'ct_1',
			project_id: 'pr_2',
			name: 'Retainer',
			status: 'active',
			amount: 999,
			currency: 'USD',
			start_date: '2023-12-31',
			renewal_date: '2024-01-31',
			auto_renew: true,
			external_id: 'schedule:sch1',
			metadata: { source: 'ghl', ghl_schedule_id: 'sch1', ghl_location_id: INVOICE_ID },
		});
		const period = { ...example('InvoiceSent'), invoiceScheduleId: 'sch1', issueDate: '2024-01-31', dueDate: '2024-02-07' };
		const params = { renewalNotice: true, renewalTemplateId: 'tpl_renewal_notice' };
		const first = await run([period], params);
		expect(first.error('Sync')).toBeUndefined();
		const out = first.output('Sync')[0];
		expect(out).toMatchObject({ action: 'created', links: { contractId: 'k_3', renewalNoticeId: 'doc_5' } });
		// The contract stays active (no downgrade to "sent") and moves its renewal date on.
		expect(out.changes).toMatchObject({ 'contract.renewal_date': { before: '2024-01-31', after: '2024-03-02' } });
		expect((out.changes as IDataObject)['contract.status']).toBeUndefined();
		const contractPatch = fake.writes().find((w) => w.method === 'PATCH' && w.path === '/contracts/k_3');
		expect(Object.keys(contractPatch?.body ?? {}).sort()).toEqual(['last_synced_at', 'name', 'renewal_date', 'start_date']);
		expect(fake.tables.documents[0]).toMatchObject({ template_id: 'tpl_renewal_notice', external_id: 'renewal:sch1:2024-01-31', status: 'sent' });
		const sends = () => fake.log.filter((r) => r.method === 'POST' && r.path.endsWith('/send'));
		expect(sends()).toHaveLength(1);

		const replay = await run([{ ...period, status: 'paid', amountPaid: 999, amountDue: 0 }], params);
		expect(replay.output('Sync')[0]).toMatchObject({ action: 'updated', links: { renewalNoticeId: 'doc_5' } });
		expect(sends()).toHaveLength(1);
		expect(fake.tables.documents).toHaveLength(1);

		const nextPeriod = await run([{ ...period, _id: 'inv-feb', issueDate: '2024-03-02' }], params);
		expect(nextPeriod.error('Sync')).toBeUndefined();
		expect(sends()).toHaveLength(2);
		expect(fake.tables.contracts).toHaveLength(1);
		expect(fake.tables.invoices).toHaveLength(2);
	});

	it('keeps an invoice on its schedule contract when a later webhook does not name the schedule', async () => {
		const fake = new HatsFake();
		fake.install();
		const period = { ...example('InvoiceSent'), invoiceScheduleId: 'sch1', issueDate: '2024-01-31', dueDate: '2024-02-07' };
		await run([period], {});
		const scheduleContract = fake.tables.contracts.find((c) => c.external_id === 'schedule:sch1');
		expect(scheduleContract).toBeDefined();
		// GHL's InvoicePaid webhook carries no schedule id.
		const paid = await run([{ ...example('InvoicePaid'), _id: (period as IDataObject)._id }], {});
		expect(paid.error('Sync')).toBeUndefined();
		expect(fake.tables.contracts).toHaveLength(1);
		expect(fake.tables.invoices).toHaveLength(1);
		expect(fake.tables.invoices[0].contract_id).toBe(scheduleContract?.contract_id);
	});

	it('sends the welcome agreement once, on the first paid invoice', async () => {
		const fake = new HatsFake();
		fake.install();
		const params = { welcomeAgreement: true, welcomeTrigger: 'firstInvoicePaid', welcomeTemplateId: 'tpl_welcome_agreement' };
		await run([example('InvoiceSent')], params);
		expect(fake.tables.documents).toHaveLength(0);
		const paid = await run([example('InvoicePaid')], params);
		expect(paid.output('Sync')[0].links).toMatchObject({ welcomeDocumentId: 'doc_5' });
		expect(fake.tables.documents[0]).toMatchObject({ external_id: `welcome:${INVOICE_ID}`, status: 'sent', template_id: 'tpl_welcome_agreement' });
		await run([{ ...example('InvoicePaid'), _id: 'second-invoice' }], params);
		expect(fake.tables.documents).toHaveLength(1);
	});
});

describe('welcome agreement on a tagged contact, and deletes', () => {
	it('sends the welcome agreement to a contact with the client tag, once', async () => {
		const fake = new HatsFake();
		fake.install();
		const params = { welcomeAgreement: true, welcomeTrigger: 'contactTag', welcomeTag: 'Duis dolor commodo aliqua', welcomeTemplateId: 'tpl_welcome_agreement' };
		const first = await run([example('ContactCreate')], params);
		expect(first.error('Sync')).toBeUndefined();
		expect(first.output('Sync')[0].links).toMatchObject({ contactId: 'ct_1', projectId: 'pr_2', welcomeDocumentId: 'doc_3' });
		await run([example('ContactTagUpdate')], params);
		expect(fake.log.filter((r) => r.path.endsWith('/send'))).toHaveLength(1);
	});

	it('marks, deletes or ignores on GHL delete events', async () => {
		const fake = new HatsFake();
		fake.install();
		await run([example('InvoiceSent')]);
		const marked = await run([example('InvoiceDelete')], { deleteHandling: 'mark' });
		expect(marked.output('Sync')[0]).toMatchObject({ action: 'updated', changes: { 'invoice.status': { after: 'void' } } });
		expect(fake.tables.invoices[0]).toMatchObject({ status: 'void', metadata: { ghl_deleted: 'true' } });
		expect(fake.tables.contracts[0]).toMatchObject({ status: 'void' });
		const ignored = await run([example('ContactDelete')], { deleteHandling: 'ignore' });
		expect(ignored.output('Sync')[0]).toMatchObject({ action: 'skipped' });
		const deleted = await run([{ ...example('ContactDelete'), id: INVOICE_ID }], { deleteHandling: 'delete' });
		expect(deleted.output('Sync')[0]).toMatchObject({ action: 'deleted', hatsId: 'ct_1' });
		expect(fake.tables.contacts).toHaveLength(0);
	});
});

/** Resolves when `done()` holds or after `ms`, whichever comes first. */
async function until(done: () => boolean, ms: number): Promise<void> {
	const end = Date.now() + ms;
	while (!done() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('races and ordering', () => {
	const welcomeParams = {
		welcomeAgreement: true,
		welcomeTrigger: 'contactTag',
		welcomeTag: 'Duis dolor commodo aliqua',
		welcomeTemplateId: 'tpl_welcome_agreement',
	};

	/**
	 * Both runs read "no welcome agreement yet" and both try to create it; every
	 * send is held until the loser of the create race (409) has read the
	 * agreement again, so it finds it still in draft.
	 */
	function raceWelcome(fake: HatsFake): { sends: () => number } {
		let reads = 0;
		const originalHandle = fake.handle.bind(fake);
		fake.handle = (method, uri, body) => {
			if (method === 'GET' && uri.includes('external_id=welcome') && ++reads <= 2) {
				return [200, { data: [], next_cursor: null }];
			}
			return originalHandle(method, uri, body);
		};
		fake.gate = async (method, path) => {
			if (method === 'POST' && path.endsWith('/send')) await until(() => reads >= 3, 300);
		};
		// Documents really sent: a racing run's conditional send that 17hats refuses is no send.
		return { sends: () => fake.outbox.length };
	}

	it('two items racing for a new client-tagged contact send the welcome agreement once', async () => {
		const fake = new HatsFake();
		fake.install();
		const { sends } = raceWelcome(fake);
		const result = await run([example('ContactCreate'), example('ContactTagUpdate')], { ...welcomeParams, options: { concurrency: 2 } });
		expect(result.error('Sync')).toBeUndefined();
		expect(fake.tables.documents).toHaveLength(1);
		expect(sends()).toBe(1);
		expect(fake.tables.documents[0]).toMatchObject({ status: 'sent', external_id: `welcome:${CONTACT_ID}` });
	});

	it('two executions racing for a new client-tagged contact send the welcome agreement once', async () => {
		const fake = new HatsFake();
		fake.install();
		const { sends } = raceWelcome(fake);
		const [a, b] = await Promise.all([
			run([example('ContactCreate')], welcomeParams),
			run([example('ContactTagUpdate')], welcomeParams),
		]);
		expect(a.error('Sync')).toBeUndefined();
		expect(b.error('Sync')).toBeUndefined();
		expect(fake.tables.documents).toHaveLength(1);
		expect(sends()).toBe(1);
		const links = [a, b].map((r) => (r.output('Sync')[0].links as IDataObject).welcomeDocumentId);
		expect(links).toEqual(['doc_3', 'doc_3']);
	});

	it('sends a welcome agreement an earlier run left in draft, unless it was sent meanwhile', async () => {
		const fake = new HatsFake();
		fake.install();
		fake.insert('contacts', { ...syncedContact() });
		fake.insert('projects', { contact_id: 'ct_1', name: 'John', external_id: `contact:${CONTACT_ID}` });
		const draft = fake.insert('documents', { contact_id: 'ct_1', project_id: 'pr_2', template_id: 'tpl_welcome_agreement', external_id: `welcome:${CONTACT_ID}` });
		const sends = () => fake.log.filter((r) => r.method === 'POST' && r.path.endsWith('/send')).length;
		// Left in draft (the run that created it failed to send): this run sends it.
		const first = await run([example('ContactUpdate')], welcomeParams);
		expect(first.error('Sync')).toBeUndefined();
		expect(sends()).toBe(1);
		expect(draft.status).toBe('sent');

		// Found in draft, but another run sends it before this one's send arrives: 17hats refuses a second send.
		Object.assign(draft, { status: 'draft', sent_at: undefined });
		fake.outbox.length = 0;
		const originalHandle = fake.handle.bind(fake);
		fake.handle = (method, uri, body) => {
			if (method === 'POST' && uri.endsWith(`/documents/${String(draft.document_id)}/send`) && fake.outbox.length === 0) {
				originalHandle(method, uri, {}); // the other run's send
			}
			return originalHandle(method, uri, body);
		};
		const second = await run([example('ContactUpdate')], welcomeParams);
		expect(second.error('Sync')).toBeUndefined();
		expect(fake.outbox).toEqual([draft.document_id]);
		const step = (second.output('Sync')[0].steps as IDataObject[]).find((s) => s.record === 'welcome');
		expect(step).toMatchObject({ action: 'skipped' });
		expect((second.output('Sync')[0].warnings as string[]).join('\n')).toMatch(/already sent .*not sent again/);
	});

	it('a lost answer to the welcome agreement create: the agreement is sent once and reported as created', async () => {
		const fake = new HatsFake();
		fake.install();
		// 17hats creates the agreement, then the answer is lost; the retry meets its own record (409).
		let lost = 0;
		fake.loseAnswer = (method, path, body) => method === 'POST' && path === '/documents' && String(body?.external_id).startsWith('welcome:') && ++lost === 1;
		const result = await run([example('ContactCreate')], welcomeParams);
		expect(result.error('Sync')).toBeUndefined();
		expect(lost).toBe(2);
		expect(fake.tables.documents).toHaveLength(1);
		expect(fake.outbox).toEqual([fake.tables.documents[0].document_id]);
		const out = result.output('Sync')[0];
		expect((out.steps as IDataObject[]).find((s) => s.record === 'welcome')).toMatchObject({ action: 'created', hatsId: fake.tables.documents[0].document_id });
		expect((out.warnings as string[]).join('\n')).not.toMatch(/another run/i);

		// A later run (or a retry) finds it sent and sends nothing.
		const again = await run([example('ContactTagUpdate')], welcomeParams);
		expect(again.error('Sync')).toBeUndefined();
		expect(fake.outbox).toHaveLength(1);
	});

	it('a lost answer to the send: repeated as a conditional send, never sent twice', async () => {
		const fake = new HatsFake();
		fake.install();
		let lost = 0;
		fake.loseAnswer = (method, path) => method === 'POST' && path.endsWith('/send') && ++lost === 1;
		const result = await run([example('ContactCreate')], welcomeParams);
		expect(result.error('Sync')).toBeUndefined();
		expect(fake.outbox).toHaveLength(1);
		expect(fake.log.filter((r) => r.path.endsWith('/send')).map((r) => r.body)).toEqual([{ if_unsent: true }, { if_unsent: true }]);
		expect(fake.tables.documents[0]).toMatchObject({ status: 'sent' });
	});

	it('a welcome agreement another run created but never sent is sent by the next run', async () => {
		const fake = new HatsFake();
		fake.install();
		// The other run created it (its answer lost, its item failed) and never sent it.
		fake.beforeCreate = (resource, body) => {
			if (resource === 'documents' && fake.tables.documents.length === 0) fake.insert('documents', { ...body, metadata: { source: 'ghl-sync' } });
		};
		const result = await run([example('ContactCreate')], welcomeParams);
		expect(result.error('Sync')).toBeUndefined();
		expect(fake.tables.documents).toHaveLength(1);
		expect(fake.outbox).toEqual([fake.tables.documents[0].document_id]);
		const welcome = (result.output('Sync')[0].steps as IDataObject[]).find((s) => s.record === 'welcome');
		expect(welcome).toMatchObject({ action: 'updated', changes: { status: { after: 'sent' } } });
		expect((result.output('Sync')[0].warnings as string[]).join('\n')).toMatch(/Another run created this welcome/);
	});

	it('a lost answer to a contact create is reported as created, without a race warning', async () => {
		const fake = new HatsFake();
		fake.install();
		let lost = 0;
		fake.loseAnswer = (method, path) => method === 'POST' && path === '/contacts' && ++lost === 1;
		const result = await run([example('ContactCreate')]);
		expect(result.error('Sync')).toBeUndefined();
		expect(fake.tables.contacts).toHaveLength(1);
		expect(result.output('Sync')[0]).toMatchObject({ action: 'created', hatsId: 'ct_1', warnings: [] });
		expect((result.output('Sync')[0].changes as IDataObject).phone).toEqual({ before: null, after: '+919509597501' });
	});

	it('items for the same GHL record run in input order: the later update wins', async () => {
		const fake = new HatsFake();
		fake.install();
		// The create is slow to answer: were the two items run at once, the update would create first.
		let contactPosts = 0;
		fake.gate = async (method, path) => {
			if (method === 'POST' && path === '/contacts' && ++contactPosts === 1) await until(() => fake.tables.contacts.length > 0, 300);
		};
		const other = { ...example('ContactCreate'), id: 'other-contact', email: 'other@example.com' };
		const result = await run([
			{ ...example('ContactCreate'), phone: '+1 555 0100' },
			other,
			{ ...example('ContactUpdate'), phone: '+1 555 0199', companyName: 'Later Inc' },
		]);
		expect(result.error('Sync')).toBeUndefined();
		const mine = fake.tables.contacts.filter((c) => c.external_id === CONTACT_ID);
		expect(mine).toHaveLength(1);
		expect(mine[0]).toMatchObject({ phone: '+15550199', company: 'Later Inc' });
		const out = result.output('Sync');
		expect(out.map((o) => [o.ghlId, o.action])).toEqual([
			[CONTACT_ID, 'created'],
			['other-contact', 'created'],
			[CONTACT_ID, 'updated'],
		]);
		expect(result.items('Sync').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it.each([
		['Concurrency', { options: { concurrency: '={{ "abc" }}' } }],
		['Concurrency', { options: { concurrency: '={{ Number("lots") }}' } }],
		['Concurrency', { options: { concurrency: '={{ 0 }}' } }],
		['Concurrency', { options: { concurrency: '={{ 21 }}' } }],
		['Max Attempts', { requestOptions: { maxAttempts: '={{ "many" }}' } }],
		['Max Retry Wait (Seconds)', { requestOptions: { maxRetryWaitSeconds: '={{ -1 }}' } }],
	])('fails naming "%s" for %j, syncing nothing', async (displayName, parameters) => {
		const fake = new HatsFake();
		fake.install();
		const contacts = Array.from({ length: 3 }, (_, i) => ({ ...example('ContactCreate'), id: `c${i}`, email: `c${i}@example.com` }));
		const result = await run(contacts, parameters);
		expect(result.error('Sync')?.message).toContain(`"${displayName}"`);
		expect(result.output('Sync')).toEqual([]);
		expect(fake.log).toEqual([]);
	});

	it('under Continue On Fail, every item reports the bad option instead of vanishing', async () => {
		const fake = new HatsFake();
		fake.install();
		const contacts = Array.from({ length: 3 }, (_, i) => ({ ...example('ContactCreate'), id: `c${i}`, email: `c${i}@example.com` }));
		const result = await run(contacts, { options: { concurrency: '={{ "abc" }}' } }, true);
		const out = result.output('Sync');
		expect(out).toHaveLength(3);
		for (const o of out) expect(o).toMatchObject({ action: 'failed', error: expect.stringContaining('"Concurrency"') });
		expect(result.items('Sync').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(fake.log).toEqual([]);
	});

	it('runs at most 20 items at once', async () => {
		const fake = new HatsFake();
		fake.install();
		let inFlight = 0;
		let most = 0;
		fake.gate = async () => {
			inFlight++;
			most = Math.max(most, inFlight);
			await new Promise((resolve) => setTimeout(resolve, 20));
			inFlight--;
		};
		const many = Array.from({ length: 25 }, (_, i) => ({ ...example('ContactCreate'), id: `m${i}`, email: `m${i}@example.com` }));
		const wide = await run(many, { options: { concurrency: 20 } });
		expect(wide.error('Sync')).toBeUndefined();
		expect(wide.output('Sync')).toHaveLength(25);
		expect(most).toBe(20);
	});

	it('honours Request Options: Max Attempts', async () => {
		let calls = 0;
		nock(HATS_BASE)
			.persist()
			.get('/contacts')
			.query(true)
			.reply(() => {
				calls++;
				return [503, { error: { code: 'unavailable', message: 'Try again later', request_id: 'req_503' } }];
			});
		const result = await run([example('ContactCreate')], { requestOptions: { maxAttempts: 2, maxRetryWaitSeconds: 1 } }, true);
		expect(result.output('Sync')[0]).toMatchObject({ action: 'failed', httpCode: '503' });
		expect(calls).toBe(2);
	});
});

describe('late GHL events never put old values back', () => {
	const at = (iso: string) => ({ timestamp: iso });

	it('a replayed old ContactCreate after a newer ContactUpdate is skipped as stale', async () => {
		const fake = new HatsFake();
		fake.install();
		await run([{ ...example('ContactCreate'), ...at('2025-03-01T10:00:00.000Z') }]);
		const newer = await run([{ ...example('ContactUpdate'), phone: '+1 555 0199', ...at('2025-03-02T10:00:00.000Z') }]);
		expect(newer.output('Sync')[0]).toMatchObject({ action: 'updated', changes: { phone: { after: '+15550199' } } });
		expect(fake.tables.contacts[0].metadata).toMatchObject({ ghl_updated_at: '2025-03-02T10:00:00.000Z' });

		const replay = await run([{ ...example('ContactCreate'), ...at('2025-03-01T10:00:00.000Z') }]);
		expect(replay.error('Sync')).toBeUndefined();
		expect(replay.output('Sync')[0]).toMatchObject({ action: 'skipped', reason: 'stale', changes: {} });
		expect((replay.output('Sync')[0].warnings as string[]).join('\n')).toMatch(/older than the one last synced/);
		expect(fake.tables.contacts[0].phone).toBe('+15550199');
		expect(fake.writes().filter((w) => w.method === 'PATCH')).toHaveLength(1);
	});

	it("prefers the record's own update time (dateUpdated) to the delivery time", async () => {
		const fake = new HatsFake();
		fake.install();
		const record = { ...example('ContactCreate'), type: 'lead', dateUpdated: '2025-03-05T00:00:00.000Z' };
		await run([{ ...record, companyName: 'New Name' }]);
		const older = await run([{ ...record, companyName: 'Old Name', dateUpdated: '2025-03-04T00:00:00.000Z', timestamp: '2025-03-09T00:00:00.000Z' }]);
		expect(older.output('Sync')[0]).toMatchObject({ action: 'skipped', reason: 'stale' });
		expect(fake.tables.contacts[0].company).toBe('New Name');
	});

	it('an older GHL document is skipped as stale; the same update time is synced normally', async () => {
		const fake = new HatsFake();
		fake.install();
		await run([{ ...proposal, name: 'Final name', status: ['sent'], updatedAt: '2025-02-03T18:30:00.000Z' }]);
		const late = await run([{ ...proposal, name: 'Draft name', status: ['sent'], updatedAt: '2025-02-01T18:30:00.000Z' }]);
		expect(late.output('Sync')[0]).toMatchObject({ action: 'skipped', reason: 'stale' });
		expect(fake.tables.documents[0].name).toBe('Final name');
		const same = await run([{ ...proposal, name: 'Final name', status: ['sent', 'viewed'], updatedAt: '2025-02-03T18:30:00.000Z' }]);
		expect(same.output('Sync')[0]).toMatchObject({ action: 'updated', changes: { status: { after: 'viewed' } } });
		expect(same.output('Sync')[0].reason).toBeUndefined();
	});

	it('an older GHL invoice is skipped as stale on both the contract and the invoice', async () => {
		const fake = new HatsFake();
		fake.install();
		await run([{ ...example('InvoicePaid'), updatedAt: '2025-04-02T00:00:00.000Z' }]);
		const late = await run([{ ...example('InvoiceSent'), total: 5, updatedAt: '2025-04-01T00:00:00.000Z' }]);
		expect(late.output('Sync')[0]).toMatchObject({ action: 'skipped', reason: 'stale' });
		expect(fake.tables.contracts[0]).toMatchObject({ status: 'active', amount: 999 });
		expect(fake.tables.invoices[0]).toMatchObject({ status: 'paid', amount: 999 });
	});
});

describe('amounts and dates are read strictly', () => {
	it('an invoice total that is not an amount fails the item naming the field; nothing is created with 0', async () => {
		const fake = new HatsFake();
		fake.install();
		const result = await run([{ ...example('InvoiceSent'), total: 'abc' }, example('ContactCreate')], {}, true);
		const [failed, other] = result.output('Sync');
		expect(failed).toMatchObject({ action: 'failed', entity: 'invoice' });
		expect(String(failed.error)).toMatch(/Contract: Amount: "abc" is not an amount.*\(GHL field "total"\)/);
		expect(other).toMatchObject({ action: 'created', entity: 'contact' });
		expect(fake.tables.contracts).toHaveLength(0);
		expect(fake.tables.invoices).toHaveLength(0);
	});

	it('reads "€ 99,90" with Decimal Separator Comma, and refuses it with the default Point', async () => {
		const fake = new HatsFake();
		fake.install();
		const euro = { ...example('InvoiceSent'), total: '€ 99,90', currency: 'EUR' };
		const point = await run([euro], {}, true);
		expect(point.output('Sync')[0]).toMatchObject({ action: 'failed' });
		const comma = await run([euro], { options: { decimalSeparator: 'comma' } });
		expect(comma.error('Sync')).toBeUndefined();
		expect(fake.tables.contracts[0]).toMatchObject({ amount: 99.9, currency: 'EUR' });
		expect(fake.tables.invoices[0]).toMatchObject({ amount: 99.9 });
	});

	it('a due date that is not a date is reported in the warnings', async () => {
		const fake = new HatsFake();
		fake.install();
		const result = await run([{ ...example('InvoiceSent'), dueDate: 'garbage' }]);
		expect(result.error('Sync')).toBeUndefined();
		expect((result.output('Sync')[0].warnings as string[]).join('\n')).toMatch(/invoice\.due_date: GHL value "garbage" .*is not a date/);
		expect(fake.tables.invoices[0].due_date).toBeUndefined();
	});

	it('a status named like an object property is an unknown status', async () => {
		const fake = new HatsFake();
		fake.install();
		for (const status of ['constructor', '__proto__']) {
			const result = await run([{ ...example('InvoiceSent'), _id: `inv-${status}`, status }]);
			expect(result.error('Sync')).toBeUndefined();
			const out = result.output('Sync')[0];
			expect(JSON.stringify(out.changes)).not.toContain('status');
			expect((out.warnings as string[]).join('\n')).toMatch(`GHL value "${status}" is not in the map`);
		}
		expect(fake.writes().filter((w) => w.method === 'POST' && /contracts|invoices/.test(w.path)).every((w) => !('status' in (w.body ?? {})))).toBe(true);
	});
});

describe('status never goes back', () => {
	it('a late InvoiceSent after InvoicePaid keeps the contract active and the invoice paid', async () => {
		const fake = new HatsFake();
		fake.install();
		await run([example('InvoicePaid')]);
		expect(fake.tables.contracts[0].status).toBe('active');
		expect(fake.tables.invoices[0].status).toBe('paid');
		const late = await run([example('InvoiceSent')]);
		expect(late.error('Sync')).toBeUndefined();
		expect(fake.tables.contracts[0].status).toBe('active');
		expect(fake.tables.invoices[0].status).toBe('paid');
		const out = late.output('Sync')[0];
		expect((out.changes as IDataObject)['contract.status']).toBeUndefined();
		expect((out.changes as IDataObject)['invoice.status']).toBeUndefined();
		expect((out.warnings as string[]).join('\n')).toMatch(/contract\.status: kept "active"/);
		expect((out.warnings as string[]).join('\n')).toMatch(/invoice\.status: kept "paid"/);
		// A void may follow anything.
		const voided = await run([{ ...example('InvoicePaid'), status: 'void' }]);
		expect(voided.output('Sync')[0].changes).toMatchObject({
			'contract.status': { before: 'active', after: 'void' },
			'invoice.status': { before: 'paid', after: 'void' },
		});
	});

	it('an unknown GHL status keeps the 17hats status (with a warning) instead of resetting it to draft', async () => {
		const fake = new HatsFake();
		fake.install();
		await run([example('InvoiceSent')]);
		const odd = await run([{ ...example('InvoiceSent'), status: 'archived' }]);
		expect(odd.error('Sync')).toBeUndefined();
		expect(fake.tables.contracts[0].status).toBe('sent');
		expect(fake.tables.invoices[0].status).toBe('sent');
		expect((odd.output('Sync')[0].warnings as string[]).join('\n')).toMatch(/status: GHL value "archived" is not in the map .*left as it is/);
	});
});
