/**
 * The GHL to 17hats Sync node in n8n's engine against the fake 17hats
 * (sandbox/hats, in-process, over real HTTP): idempotency, minimal PATCHes,
 * the 409 race, multi-step documents, recurring invoices, welcome
 * agreements, deletes, ordering, stale events and strict values. Races and
 * lost answers are played with the sandbox's `intercept` (test/sandbox/hatsFixture.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { CONTACT_ID, example, INVOICE_ID, syncedContact } from './ghlTo17hatsExamples';
import { EMPTY_LIST, HatsFixture, LOST_ANSWER, until } from './hatsFixture';

const fx = HatsFixture.use();
const run = fx.runSync.bind(fx);

/** The only record of a collection (fails when there is not exactly one). */
function only(name: 'contacts' | 'projects' | 'documents' | 'contracts' | 'invoices'): IDataObject {
	const records = fx.records(name);
	expect(records).toHaveLength(1);
	return records[0];
}

const linked = (name: 'contacts' | 'documents' | 'contracts' | 'invoices', externalId: string) =>
	fx.records(name).filter((r) => r.external_id === externalId);

const sends = () => fx.log().filter((r) => r.method === 'POST' && r.path.endsWith('/send'));

describe('contacts', () => {
	it('the same event twice makes one record; the second run is skipped', async () => {
		const first = await run([{ event: 'ContactCreate', entity: 'Contact', data: example('ContactCreate') }]);
		expect(first.error('Sync')).toBeUndefined();
		const [created] = first.output('Sync');
		const contact = only('contacts');
		expect(created).toMatchObject({ action: 'created', entity: 'contact', ghlId: CONTACT_ID, hatsId: contact.contact_id, warnings: [] });
		expect(typeof created.last_synced_at).toBe('string');
		expect((created.changes as IDataObject).phone).toEqual({ before: null, after: '+919509597501' });
		expect(fx.writes()[0].body).toMatchObject({ first_name: 'John', external_id: CONTACT_ID, last_synced_at: created.last_synced_at });

		const second = await run([example('ContactCreate')]);
		expect(second.output('Sync')[0]).toMatchObject({ action: 'skipped', hatsId: contact.contact_id, changes: {}, last_synced_at: created.last_synced_at });
		expect(fx.records('contacts')).toHaveLength(1);
		expect(fx.writes()).toHaveLength(1);
		expect(second.items('Sync')[0].pairedItem).toEqual({ item: 0 });
	});

	it('two concurrent executions creating one GHL contact end in one 17hats contact (409 → re-read → update)', async () => {
		// Both runs read "no such contact" (by external id and by email) before either writes: the second create meets 409.
		let reads = 0;
		fx.intercept = async (req, next) => (req.method === 'GET' && req.path === '/contacts' && ++reads <= 4 ? EMPTY_LIST : await next());
		// Two executions (two webhooks): items of one execution about one GHL record run one after another.
		const results = await Promise.all([run([example('ContactCreate')]), run([example('ContactCreate')])]);
		for (const result of results) expect(result.error('Sync')).toBeUndefined();
		const contact = only('contacts');
		const out = results.map((result) => result.output('Sync')[0]);
		expect(out.map((o) => o.action).sort()).toEqual(['created', 'skipped']);
		expect(out.map((o) => o.hatsId)).toEqual([contact.contact_id, contact.contact_id]);
		const raced = out.find((o) => o.action === 'skipped') as IDataObject;
		expect((raced.warnings as string[]).join()).toMatch(/409 duplicate_external_id/);
		expect(fx.log().filter((r) => r.method === 'POST')).toHaveLength(2);
	});

	it('a racing worker with different data: the 409 turns into a PATCH of the changed fields', async () => {
		let raced = false;
		fx.intercept = async (req, next) => {
			if (req.method === 'POST' && req.path === '/contacts' && !raced) {
				raced = true;
				fx.insert('contacts', syncedContact({ phone: '+1555' }));
			}
			return await next();
		};
		const result = await run([example('ContactCreate')]);
		const contact = only('contacts');
		expect(result.output('Sync')[0]).toMatchObject({
			action: 'updated',
			hatsId: contact.contact_id,
			changes: { phone: { before: '+1555', after: '+919509597501' } },
		});
		const patch = fx.writes().find((w) => w.method === 'PATCH');
		// Written only over the contact as read (if_updated_at).
		expect(Object.keys(patch?.body ?? {}).sort()).toEqual(['if_updated_at', 'last_synced_at', 'phone']);
	});

	it('links an unlinked 17hats contact found by e-mail', async () => {
		const unlinked = fx.insert('contacts', syncedContact({ external_id: null, metadata: {} }));
		const result = await run([example('ContactCreate')]);
		const out = result.output('Sync')[0];
		expect(out).toMatchObject({ action: 'updated', hatsId: unlinked.contact_id });
		expect(Object.keys(out.changes as IDataObject).sort()).toEqual(['external_id', 'metadata.ghl_id', 'metadata.ghl_location_id', 'metadata.source']);
		expect(only('contacts').external_id).toBe(CONTACT_ID);
	});

	it('sets execution custom data with the ids and the action', async () => {
		const result = await run([example('ContactCreate')]);
		expect(result.customData).toMatchObject({ ghlId: CONTACT_ID, hatsId: only('contacts').contact_id, action: 'created', entity: 'contact' });
	});

	it('applies Field Overrides from the resourceMapper', async () => {
		const result = await run([example('ContactCreate')], {
			fieldOverrides: {
				mappingMode: 'defineBelow',
				value: { 'contact:company': '={{ $json.customFields[0].value }}', 'contact:type': 'client' },
				matchingColumns: [],
				schema: [],
			},
		});
		expect(result.error('Sync')).toBeUndefined();
		expect(only('contacts')).toMatchObject({ company: 'XYZ Corp', type: 'client' });
	});

	it('fails one item with a message naming the field, keeps the others (continueOnFail)', async () => {
		const result = await run([{ id: 'g-empty', type: 'ContactCreate' }, example('ContactCreate')], {}, true);
		const out = result.output('Sync');
		expect(out[0]).toMatchObject({ action: 'failed', ghlId: 'g-empty' });
		expect(String(out[0].error)).toMatch(/no first name, last name or e-mail \(GHL fields "firstName", "lastName", "email"\)/);
		expect(out[1]).toMatchObject({ action: 'created' });
		expect(result.items('Sync').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
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
		const result = await run([proposal]);
		expect(result.error('Sync')).toBeUndefined();
		const [contact, project, document] = [only('contacts'), only('projects'), only('documents')];
		expect(result.output('Sync')[0]).toMatchObject({
			action: 'created',
			entity: 'document',
			ghlId: 'ghl-doc-1',
			hatsId: document.document_id,
			links: { contactId: contact.contact_id, projectId: project.project_id, documentId: document.document_id, ghlContactId: 'ghl-contact-jim' },
		});
		expect(fx.writes().map((w) => `${w.method} ${w.path}`)).toEqual(['POST /contacts', 'POST /projects', 'POST /documents']);
		expect(contact).toMatchObject({ first_name: 'Jim', last_name: 'Anton', email: 'jim@gmail.com', external_id: 'ghl-contact-jim' });
		expect(document).toMatchObject({
			contact_id: contact.contact_id,
			project_id: project.project_id,
			name: 'Wedding Proposal',
			document_type: 'quote',
			status: 'sent',
			external_id: 'ghl-doc-1',
		});
		// Status change later: only the status is patched.
		const later = await run([{ ...proposal, status: ['sent', 'completed'] }]);
		expect(later.output('Sync')[0]).toMatchObject({ action: 'updated', changes: { status: { before: 'sent', after: 'completed' } } });
		expect(fx.writes().slice(3).map((w) => [w.method, w.path, Object.keys(w.body ?? {}).sort()])).toEqual([
			['PATCH', `/documents/${String(document.document_id)}`, ['if_updated_at', 'last_synced_at', 'status']],
		]);
	});
});

describe('invoices', () => {
	it('records a paid invoice against a contract that follows it, with the contact documents attached', async () => {
		await run([{ ...proposal, recipients: [{ id: INVOICE_ID, email: 'alex@example.com', firstName: 'Alex', role: 'signer' }] }]);
		const result = await run([example('InvoiceSent')]);
		const [contact, document, contract, invoice] = [only('contacts'), only('documents'), only('contracts'), only('invoices')];
		expect(result.output('Sync')[0]).toMatchObject({
			action: 'created',
			links: {
				contactId: contact.contact_id,
				contractId: contract.contract_id,
				invoiceId: invoice.invoice_id,
				attachedDocumentIds: [document.document_id],
			},
		});
		expect(contract).toMatchObject({ status: 'sent', amount: 999, currency: 'USD', document_ids: [document.document_id], external_id: `invoice:${INVOICE_ID}` });
		expect(invoice).toMatchObject({ contract_id: contract.contract_id, status: 'sent', amount: 999, amount_paid: 0, number: '19', due_date: '2023-01-01' });

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

	it('repeats an attach whose answer was lost (the contract documents it idempotent): the item succeeds, the document is attached once', async () => {
		await run([{ ...proposal, recipients: [{ id: INVOICE_ID, email: 'alex@example.com', firstName: 'Alex', role: 'signer' }] }]);
		let lost = 0;
		fx.intercept = async (req, next) => {
			const answer = await next();
			if (req.method === 'POST' && /^\/contracts\/[^/]+\/documents$/.test(req.path) && lost === 0) {
				lost++;
				return LOST_ANSWER;
			}
			return answer;
		};
		const result = await run([example('InvoiceSent')]);
		expect(result.error('Sync')).toBeUndefined();
		expect(lost).toBe(1);
		const [document, contract] = [only('documents'), only('contracts')];
		expect(result.output('Sync')[0]).toMatchObject({ action: 'created', links: { attachedDocumentIds: [document.document_id] } });
		expect(contract.document_ids).toEqual([document.document_id]);
		expect(fx.writes().filter((w) => w.method === 'POST' && w.path.endsWith('/documents') && w.path.startsWith('/contracts/'))).toHaveLength(2);
	});

	it('a recurring invoice updates the contract renewal and sends the renewal notice once per period', async () => {
		const { contact, project } = fx.insertClient(
			{ email: 'alex@example.com', first_name: 'Alex', external_id: INVOICE_ID, metadata: { source: 'ghl' } },
			INVOICE_ID,
		);
		const contract = fx.insert('contracts', {
			contact_id: contact.contact_id,
			project_id: project.project_id,
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
		const notice = only('documents');
		const out = first.output('Sync')[0];
		expect(out).toMatchObject({ action: 'created', links: { contractId: contract.contract_id, renewalNoticeId: notice.document_id } });
		// The contract stays active (no downgrade to "sent") and moves its renewal date on.
		expect(out.changes).toMatchObject({ 'contract.renewal_date': { before: '2024-01-31', after: '2024-03-02' } });
		expect((out.changes as IDataObject)['contract.status']).toBeUndefined();
		const contractPatch = fx.writes().find((w) => w.method === 'PATCH' && w.path === `/contracts/${String(contract.contract_id)}`);
		// The contract records the period it follows (metadata.ghl_updated_at = the period's issue date).
		expect(Object.keys(contractPatch?.body ?? {}).sort()).toEqual(['if_updated_at', 'last_synced_at', 'metadata', 'name', 'renewal_date', 'start_date']);
		expect((contractPatch?.body as IDataObject).metadata).toMatchObject({ ghl_updated_at: '2024-01-31T00:00:00.000Z' });
		expect(notice).toMatchObject({ template_id: 'tpl_renewal_notice', external_id: 'renewal:sch1:2024-01-31', status: 'sent' });
		expect(sends()).toHaveLength(1);

		const replay = await run([{ ...period, status: 'paid', amountPaid: 999, amountDue: 0 }], params);
		expect(replay.output('Sync')[0]).toMatchObject({ action: 'updated', links: { renewalNoticeId: notice.document_id } });
		expect(sends()).toHaveLength(1);
		expect(fx.records('documents')).toHaveLength(1);

		const nextPeriod = await run([{ ...period, _id: 'inv-feb', issueDate: '2024-03-02' }], params);
		expect(nextPeriod.error('Sync')).toBeUndefined();
		expect(sends()).toHaveLength(2);
		expect(fx.records('contracts')).toHaveLength(1);
		expect(fx.records('invoices')).toHaveLength(2);
	});

	it('an older period synced after a newer one (a retried execution) leaves the contract on the newer period', async () => {
		fx.insertClient({ email: 'alex@example.com', first_name: 'Alex', external_id: INVOICE_ID, metadata: { source: 'ghl' } }, INVOICE_ID);
		const params = { renewalNotice: true, renewalTemplateId: 'tpl_renewal_notice' };
		const march = { ...example('InvoiceSent'), _id: 'inv-mar', invoiceScheduleId: 'sch2', issueDate: '2024-03-02', dueDate: '2024-03-09' };
		const february = { ...march, _id: 'inv-feb', issueDate: '2024-02-01', dueDate: '2024-02-08' };
		expect((await run([march], params)).error('Sync')).toBeUndefined();
		const late = await run([february], params);
		expect(late.error('Sync')).toBeUndefined();
		const [contract] = fx.records('contracts').filter((c) => c.external_id === 'schedule:sch2');
		expect(contract).toMatchObject({ start_date: '2024-03-02', renewal_date: '2024-04-02' });
		// February's own records still sync: its invoice and its renewal notice.
		expect(fx.records('invoices').map((i) => i.external_id).sort()).toEqual(['inv-feb', 'inv-mar']);
		expect(sends()).toHaveLength(2);
	});

	it('keeps an invoice on its schedule contract when a later webhook does not name the schedule', async () => {
		const period = { ...example('InvoiceSent'), invoiceScheduleId: 'sch1', issueDate: '2024-01-31', dueDate: '2024-02-07' };
		await run([period], {});
		const [scheduleContract] = linked('contracts', 'schedule:sch1');
		expect(scheduleContract).toBeDefined();
		// GHL's InvoicePaid webhook carries no schedule id.
		const paid = await run([{ ...example('InvoicePaid'), _id: (period as IDataObject)._id }], {});
		expect(paid.error('Sync')).toBeUndefined();
		expect(fx.records('contracts')).toHaveLength(1);
		expect(only('invoices').contract_id).toBe(scheduleContract.contract_id);
	});

	it('sends the welcome agreement once, on the first paid invoice', async () => {
		const params = { welcomeAgreement: true, welcomeTrigger: 'firstInvoicePaid', welcomeTemplateId: 'tpl_welcome_agreement' };
		await run([example('InvoiceSent')], params);
		expect(fx.records('documents')).toHaveLength(0);
		const paid = await run([example('InvoicePaid')], params);
		const welcome = only('documents');
		expect(paid.output('Sync')[0].links).toMatchObject({ welcomeDocumentId: welcome.document_id });
		expect(welcome).toMatchObject({ external_id: `welcome:${INVOICE_ID}`, status: 'sent', template_id: 'tpl_welcome_agreement' });
		await run([{ ...example('InvoicePaid'), _id: 'second-invoice' }], params);
		expect(fx.records('documents')).toHaveLength(1);
	});
});

describe('welcome agreement on a tagged contact, and deletes', () => {
	it('sends the welcome agreement to a contact with the client tag, once', async () => {
		const params = { welcomeAgreement: true, welcomeTrigger: 'contactTag', welcomeTag: 'Duis dolor commodo aliqua', welcomeTemplateId: 'tpl_welcome_agreement' };
		const first = await run([example('ContactCreate')], params);
		expect(first.error('Sync')).toBeUndefined();
		expect(first.output('Sync')[0].links).toMatchObject({
			contactId: only('contacts').contact_id,
			projectId: only('projects').project_id,
			welcomeDocumentId: only('documents').document_id,
		});
		await run([example('ContactTagUpdate')], params);
		expect(sends()).toHaveLength(1);
	});

	it('marks, deletes or ignores on GHL delete events', async () => {
		await run([example('InvoiceSent')]);
		const marked = await run([example('InvoiceDelete')], { deleteHandling: 'mark' });
		expect(marked.output('Sync')[0]).toMatchObject({ action: 'updated', changes: { 'invoice.status': { after: 'void' } } });
		expect(only('invoices')).toMatchObject({ status: 'void', metadata: { ghl_deleted: 'true' } });
		expect(only('contracts')).toMatchObject({ status: 'void' });
		const ignored = await run([example('ContactDelete')], { deleteHandling: 'ignore' });
		expect(ignored.output('Sync')[0]).toMatchObject({ action: 'skipped' });
		const [contact] = linked('contacts', INVOICE_ID);
		const deleted = await run([{ ...example('ContactDelete'), id: INVOICE_ID }], { deleteHandling: 'delete' });
		expect(deleted.output('Sync')[0]).toMatchObject({ action: 'deleted', hatsId: contact.contact_id });
		expect(fx.records('contacts')).toHaveLength(0);
	});
});

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
	function raceWelcome(): void {
		let reads = 0;
		fx.intercept = async (req, next) => {
			if (req.method === 'GET' && (req.query.get('external_id') ?? '').startsWith('welcome:') && ++reads <= 2) return EMPTY_LIST;
			if (req.method === 'POST' && req.path.endsWith('/send')) await until(() => reads >= 3, 300);
			return await next();
		};
	}

	it('two items racing for a new client-tagged contact send the welcome agreement once', async () => {
		raceWelcome();
		const result = await run([example('ContactCreate'), example('ContactTagUpdate')], { ...welcomeParams, options: { concurrency: 2 } });
		expect(result.error('Sync')).toBeUndefined();
		expect(only('documents')).toMatchObject({ status: 'sent', external_id: `welcome:${CONTACT_ID}` });
		// Documents really sent: a racing run's conditional send that 17hats refuses is no send.
		expect(fx.outbox()).toHaveLength(1);
	});

	it('two executions racing for a new client-tagged contact send the welcome agreement once', async () => {
		raceWelcome();
		const [a, b] = await Promise.all([run([example('ContactCreate')], welcomeParams), run([example('ContactTagUpdate')], welcomeParams)]);
		expect(a.error('Sync')).toBeUndefined();
		expect(b.error('Sync')).toBeUndefined();
		const welcome = only('documents');
		expect(fx.outbox()).toHaveLength(1);
		const links = [a, b].map((r) => (r.output('Sync')[0].links as IDataObject).welcomeDocumentId);
		expect(links).toEqual([welcome.document_id, welcome.document_id]);
	});

	it('sends a welcome agreement an earlier run left in draft, unless it was sent meanwhile', async () => {
		const { contact, project } = fx.insertClient(syncedContact(), CONTACT_ID);
		const draft = fx.insert('documents', {
			contact_id: contact.contact_id,
			project_id: project.project_id,
			template_id: 'tpl_welcome_agreement',
			name: 'Welcome Agreement',
			document_type: 'contract',
			external_id: `welcome:${CONTACT_ID}`,
		});
		// Left in draft (the run that created it failed to send): this run sends it.
		const first = await run([example('ContactUpdate')], welcomeParams);
		expect(first.error('Sync')).toBeUndefined();
		expect(sends()).toHaveLength(1);
		expect(draft.status).toBe('sent');

		// Found in draft, but another run sends it before this one's send arrives: 17hats refuses a second send.
		Object.assign(draft, { status: 'draft', sent_at: null });
		fx.sandbox.store.outbox.length = 0;
		fx.intercept = async (req, next) => {
			if (req.method === 'POST' && req.path === `/documents/${String(draft.document_id)}/send` && fx.outbox().length === 0) {
				const sentAt = new Date().toISOString();
				Object.assign(draft, { status: 'sent', sent_at: sentAt });
				fx.sandbox.store.outbox.push({ kind: 'document', id: String(draft.document_id), contact_id: String(contact.contact_id), sent_at: sentAt });
			}
			return await next();
		};
		const second = await run([example('ContactUpdate')], welcomeParams);
		expect(second.error('Sync')).toBeUndefined();
		expect(fx.outbox()).toEqual([draft.document_id]);
		const step = (second.output('Sync')[0].steps as IDataObject[]).find((s) => s.record === 'welcome');
		expect(step).toMatchObject({ action: 'skipped' });
		expect((second.output('Sync')[0].warnings as string[]).join('\n')).toMatch(/already sent .*not sent again/);
	});

	it('a lost answer to the welcome agreement create: the agreement is sent once and reported as created', async () => {
		// 17hats creates the agreement, then the answer is lost; the retry meets its own record (409).
		let creates = 0;
		fx.intercept = async (req, next) => {
			const answer = await next();
			const welcomeCreate = req.method === 'POST' && req.path === '/documents' && String(req.body?.external_id).startsWith('welcome:');
			return welcomeCreate && ++creates === 1 ? LOST_ANSWER : answer;
		};
		const result = await run([example('ContactCreate')], welcomeParams);
		expect(result.error('Sync')).toBeUndefined();
		expect(creates).toBe(2);
		const welcome = only('documents');
		expect(fx.outbox()).toEqual([welcome.document_id]);
		const out = result.output('Sync')[0];
		expect((out.steps as IDataObject[]).find((s) => s.record === 'welcome')).toMatchObject({ action: 'created', hatsId: welcome.document_id });
		expect((out.warnings as string[]).join('\n')).not.toMatch(/another run/i);

		// A later run (or a retry) finds it sent and sends nothing.
		const again = await run([example('ContactTagUpdate')], welcomeParams);
		expect(again.error('Sync')).toBeUndefined();
		expect(fx.outbox()).toHaveLength(1);
	});

	it('a lost answer to the send: repeated as a conditional send, never sent twice', async () => {
		let lost = 0;
		fx.intercept = async (req, next) => {
			const answer = await next();
			return req.method === 'POST' && req.path.endsWith('/send') && ++lost === 1 ? LOST_ANSWER : answer;
		};
		const result = await run([example('ContactCreate')], welcomeParams);
		expect(result.error('Sync')).toBeUndefined();
		expect(fx.outbox()).toHaveLength(1);
		expect(sends().map((r) => r.body)).toEqual([{ if_unsent: true }, { if_unsent: true }]);
		expect(only('documents')).toMatchObject({ status: 'sent' });
	});

	it('a 409 to the send other than already_sent fails the item as 17hats reports it', async () => {
		fx.intercept = async (req, next) =>
			req.method === 'POST' && req.path.endsWith('/send')
				? { status: 409, body: { error: { code: 'locked', message: 'The document is locked by an edit', request_id: 'req_locked' } } }
				: await next();
		const result = await run([example('ContactCreate')], welcomeParams, true);
		const out = result.output('Sync')[0];
		expect(out).toMatchObject({ action: 'failed', httpCode: '409', traceId: 'req_locked' });
		expect(out.error).toBe('Welcome agreement: The document is locked by an edit');
		expect(fx.outbox()).toEqual([]);
	});

	it('a welcome agreement another run created but never sent is sent by the next run', async () => {
		// The other run created it (its answer lost, its item failed) and never sent it.
		fx.intercept = async (req, next) => {
			if (req.method === 'POST' && req.path === '/documents' && fx.records('documents').length === 0) {
				fx.insert('documents', { ...req.body, metadata: { source: 'ghl-sync' } });
			}
			return await next();
		};
		const result = await run([example('ContactCreate')], welcomeParams);
		expect(result.error('Sync')).toBeUndefined();
		expect(fx.outbox()).toEqual([only('documents').document_id]);
		const welcome = (result.output('Sync')[0].steps as IDataObject[]).find((s) => s.record === 'welcome');
		expect(welcome).toMatchObject({ action: 'updated', changes: { status: { after: 'sent' } } });
		expect((result.output('Sync')[0].warnings as string[]).join('\n')).toMatch(/Another run created this welcome/);
	});

	it('items for the same GHL record run in input order: the later update wins', async () => {
		// The create is slow to answer: were the two items run at once, the update would create first.
		let contactPosts = 0;
		fx.intercept = async (req, next) => {
			if (req.method === 'POST' && req.path === '/contacts' && ++contactPosts === 1) await until(() => fx.records('contacts').length > 0, 300);
			return await next();
		};
		const other = { ...example('ContactCreate'), id: 'other-contact', email: 'other@example.com' };
		const result = await run([
			{ ...example('ContactCreate'), phone: '+1 555 0100' },
			other,
			{ ...example('ContactUpdate'), phone: '+1 555 0199', companyName: 'Later Inc' },
		]);
		expect(result.error('Sync')).toBeUndefined();
		const mine = linked('contacts', CONTACT_ID);
		expect(mine).toHaveLength(1);
		expect(mine[0]).toMatchObject({ phone: '+15550199', company: 'Later Inc' });
		expect(result.output('Sync').map((o) => [o.ghlId, o.action])).toEqual([
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
		const contacts = Array.from({ length: 3 }, (_, i) => ({ ...example('ContactCreate'), id: `c${i}`, email: `c${i}@example.com` }));
		const result = await run(contacts, parameters);
		expect(result.error('Sync')?.message).toContain(`"${displayName}"`);
		expect(result.output('Sync')).toEqual([]);
		expect(fx.log()).toEqual([]);
	});

	it('under Continue On Fail, every item reports the bad option instead of vanishing', async () => {
		const contacts = Array.from({ length: 3 }, (_, i) => ({ ...example('ContactCreate'), id: `c${i}`, email: `c${i}@example.com` }));
		const result = await run(contacts, { options: { concurrency: '={{ "abc" }}' } }, true);
		const out = result.output('Sync');
		expect(out).toHaveLength(3);
		for (const o of out) expect(o).toMatchObject({ action: 'failed', error: expect.stringContaining('"Concurrency"') });
		expect(result.items('Sync').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(fx.log()).toEqual([]);
	});

	it('runs at most 20 items at once', async () => {
		let inFlight = 0;
		let most = 0;
		let released = false;
		fx.intercept = async (_req, next) => {
			inFlight++;
			most = Math.max(most, inFlight);
			// Hold the first wave until 20 requests are in flight, and a moment longer, so a 21st would be seen.
			if (!released) {
				await until(() => inFlight >= 20, 3000);
				await new Promise((resolve) => setTimeout(resolve, 50));
				released = true;
			}
			inFlight--;
			return await next();
		};
		const many = Array.from({ length: 25 }, (_, i) => ({ ...example('ContactCreate'), id: `m${i}`, email: `m${i}@example.com` }));
		const wide = await run(many, { options: { concurrency: 20 } });
		expect(wide.error('Sync')).toBeUndefined();
		expect(wide.output('Sync')).toHaveLength(25);
		expect(most).toBe(20);
	});
});

describe('late GHL events never put old values back', () => {
	const at = (iso: string) => ({ timestamp: iso });

	it('a replayed old ContactCreate after a newer ContactUpdate is skipped as stale', async () => {
		await run([{ ...example('ContactCreate'), ...at('2025-03-01T10:00:00.000Z') }]);
		const newer = await run([{ ...example('ContactUpdate'), phone: '+1 555 0199', ...at('2025-03-02T10:00:00.000Z') }]);
		expect(newer.output('Sync')[0]).toMatchObject({ action: 'updated', changes: { phone: { after: '+15550199' } } });
		expect(only('contacts').metadata).toMatchObject({ ghl_updated_at: '2025-03-02T10:00:00.000Z' });

		const replay = await run([{ ...example('ContactCreate'), ...at('2025-03-01T10:00:00.000Z') }]);
		expect(replay.error('Sync')).toBeUndefined();
		expect(replay.output('Sync')[0]).toMatchObject({ action: 'skipped', reason: 'stale', changes: {} });
		expect((replay.output('Sync')[0].warnings as string[]).join('\n')).toMatch(/older than the one last synced/);
		expect(only('contacts').phone).toBe('+15550199');
		expect(fx.writes().filter((w) => w.method === 'PATCH')).toHaveLength(1);
	});

	it("prefers the record's own update time (dateUpdated) to the delivery time", async () => {
		const record = { ...example('ContactCreate'), type: 'lead', dateUpdated: '2025-03-05T00:00:00.000Z' };
		await run([{ ...record, companyName: 'New Name' }]);
		const older = await run([{ ...record, companyName: 'Old Name', dateUpdated: '2025-03-04T00:00:00.000Z', timestamp: '2025-03-09T00:00:00.000Z' }]);
		expect(older.output('Sync')[0]).toMatchObject({ action: 'skipped', reason: 'stale' });
		expect(only('contacts').company).toBe('New Name');
	});

	it('an older GHL document is skipped as stale; the same update time is synced normally', async () => {
		await run([{ ...proposal, name: 'Final name', status: ['sent'], updatedAt: '2025-02-03T18:30:00.000Z' }]);
		const late = await run([{ ...proposal, name: 'Draft name', status: ['sent'], updatedAt: '2025-02-01T18:30:00.000Z' }]);
		expect(late.output('Sync')[0]).toMatchObject({ action: 'skipped', reason: 'stale' });
		expect(only('documents').name).toBe('Final name');
		const same = await run([{ ...proposal, name: 'Final name', status: ['sent', 'viewed'], updatedAt: '2025-02-03T18:30:00.000Z' }]);
		expect(same.output('Sync')[0]).toMatchObject({ action: 'updated', changes: { status: { after: 'viewed' } } });
		expect(same.output('Sync')[0].reason).toBeUndefined();
	});

	it('an older GHL invoice is skipped as stale on both the contract and the invoice', async () => {
		await run([{ ...example('InvoicePaid'), updatedAt: '2025-04-02T00:00:00.000Z' }]);
		const late = await run([{ ...example('InvoiceSent'), total: 5, updatedAt: '2025-04-01T00:00:00.000Z' }]);
		expect(late.output('Sync')[0]).toMatchObject({ action: 'skipped', reason: 'stale' });
		expect(only('contracts')).toMatchObject({ status: 'active', amount: 999 });
		expect(only('invoices')).toMatchObject({ status: 'paid', amount: 999 });
	});
});

describe('amounts and dates are read strictly', () => {
	it('an invoice total that is not an amount fails the item naming the field; nothing is created with 0', async () => {
		const result = await run([{ ...example('InvoiceSent'), total: 'abc' }, example('ContactCreate')], {}, true);
		const [failed, other] = result.output('Sync');
		expect(failed).toMatchObject({ action: 'failed', entity: 'invoice' });
		expect(String(failed.error)).toMatch(/Contract: Amount: "abc" is not an amount.*\(GHL field "total"\)/);
		expect(other).toMatchObject({ action: 'created', entity: 'contact' });
		expect(fx.records('contracts')).toHaveLength(0);
		expect(fx.records('invoices')).toHaveLength(0);
	});

	it('reads "€ 99,90" with Decimal Separator Comma, and refuses it with the default Point', async () => {
		const euro = { ...example('InvoiceSent'), total: '€ 99,90', currency: 'EUR' };
		const point = await run([euro], {}, true);
		expect(point.output('Sync')[0]).toMatchObject({ action: 'failed' });
		const comma = await run([euro], { options: { decimalSeparator: 'comma' } });
		expect(comma.error('Sync')).toBeUndefined();
		expect(only('contracts')).toMatchObject({ amount: 99.9, currency: 'EUR' });
		expect(only('invoices')).toMatchObject({ amount: 99.9 });
	});

	it('a due date that is not a date is reported in the warnings and left unset', async () => {
		const result = await run([{ ...example('InvoiceSent'), dueDate: 'garbage' }]);
		expect(result.error('Sync')).toBeUndefined();
		expect((result.output('Sync')[0].warnings as string[]).join('\n')).toMatch(/invoice\.due_date: GHL value "garbage" .*is not a date/);
		expect(only('invoices').due_date).toBeNull();
		expect(fx.writes().find((w) => w.path === '/invoices')?.body).not.toHaveProperty('due_date');
	});

	it('a status named like an object property is an unknown status', async () => {
		for (const status of ['constructor', '__proto__']) {
			const result = await run([{ ...example('InvoiceSent'), _id: `inv-${status}`, status }]);
			expect(result.error('Sync')).toBeUndefined();
			const out = result.output('Sync')[0];
			expect(JSON.stringify(out.changes)).not.toContain('status');
			expect((out.warnings as string[]).join('\n')).toMatch(`GHL value "${status}" is not in the map`);
		}
		const creates = fx.writes().filter((w) => w.method === 'POST' && /contracts|invoices/.test(w.path));
		expect(creates.every((w) => !('status' in (w.body ?? {})))).toBe(true);
	});
});

describe('status never goes back', () => {
	it('a late InvoiceSent after InvoicePaid keeps the contract active and the invoice paid', async () => {
		await run([example('InvoicePaid')]);
		expect(only('contracts').status).toBe('active');
		expect(only('invoices').status).toBe('paid');
		const late = await run([example('InvoiceSent')]);
		expect(late.error('Sync')).toBeUndefined();
		expect(only('contracts').status).toBe('active');
		expect(only('invoices').status).toBe('paid');
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
		await run([example('InvoiceSent')]);
		const odd = await run([{ ...example('InvoiceSent'), status: 'archived' }]);
		expect(odd.error('Sync')).toBeUndefined();
		expect(only('contracts').status).toBe('sent');
		expect(only('invoices').status).toBe('sent');
		expect((odd.output('Sync')[0].warnings as string[]).join('\n')).toMatch(/status: GHL value "archived" is not in the map .*left as it is/);
	});
});
