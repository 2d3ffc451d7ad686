import { api, byId, contract, document, invoice, project, runHats, useNock, NODE } from './seventeenHats.support';

useNock();

const meta = (pairs: Record<string, string>) => ({ entries: Object.entries(pairs).map(([key, value]) => ({ key, value })) });

describe('17hats project', () => {
	it('creates a project', async () => {
		const scope = api()
			.post('/projects', { contact_id: 'ct_1', name: 'Wedding', status: 'active', external_id: 'ghl_p1', metadata: { a: '1' } })
			.reply(201, project({ external_id: 'ghl_p1' }));
		const result = await runHats({
			resource: 'project',
			operation: 'create',
			contactId: byId('ct_1'),
			name: 'Wedding',
			additionalFields: { status: 'active', externalId: 'ghl_p1' },
			metadata: meta({ a: '1' }),
		});
		expect(result.output(NODE)).toEqual([project({ external_id: 'ghl_p1' })]);
		expect(scope.isDone()).toBe(true);
	});

	it('gets a project', async () => {
		const scope = api().get('/projects/pr_1').reply(200, project());
		const result = await runHats({ resource: 'project', operation: 'get', projectId: byId('pr_1') });
		expect(result.output(NODE)).toEqual([project()]);
		expect(scope.isDone()).toBe(true);
	});

	it('gets many projects of a contact', async () => {
		const scope = api()
			.get('/projects')
			.query({ contact_id: 'ct_1', limit: '5' })
			.reply(200, { data: [project()], next_cursor: null });
		const result = await runHats({ resource: 'project', operation: 'getAll', limit: 5, filters: { contactId: 'ct_1' } });
		expect(result.output(NODE)).toEqual([project()]);
		expect(scope.isDone()).toBe(true);
	});
});

describe('17hats document', () => {
	it('creates a document with project, template and metadata', async () => {
		const body = {
			contact_id: 'ct_1',
			name: 'Quote',
			document_type: 'quote',
			project_id: 'pr_1',
			template_id: 'tpl_1',
			status: 'draft',
			external_id: 'ghl_d1',
			last_synced_at: '2024-05-01T10:00:00.000Z',
			metadata: { ghl_status: 'sent' },
		};
		const scope = api().post('/documents', body).reply(201, document({ project_id: 'pr_1', template_id: 'tpl_1' }));
		const result = await runHats({
			resource: 'document',
			operation: 'create',
			contactId: byId('ct_1'),
			name: 'Quote',
			documentType: 'quote',
			additionalFields: {
				projectId: byId('pr_1'),
				templateId: byId('tpl_1'),
				status: 'draft',
				externalId: 'ghl_d1',
				lastSyncedAt: '2024-05-01T10:00:00.000Z',
			},
			metadata: meta({ ghl_status: 'sent' }),
		});
		expect(result.output(NODE)).toEqual([document({ project_id: 'pr_1', template_id: 'tpl_1' })]);
		expect(scope.isDone()).toBe(true);
	});

	it('updates a document', async () => {
		const scope = api().patch('/documents/doc_1', { status: 'accepted', name: 'Final quote' }).reply(200, document({ status: 'accepted' }));
		const result = await runHats({
			resource: 'document',
			operation: 'update',
			documentId: byId('doc_1'),
			updateFields: { status: 'accepted', name: 'Final quote' },
		});
		expect(result.output(NODE)).toEqual([document({ status: 'accepted' })]);
		expect(scope.isDone()).toBe(true);
	});

	it('gets, lists and deletes documents', async () => {
		const scope = api()
			.get('/documents/doc_1')
			.reply(200, document())
			.get('/documents')
			.query({ contact_id: 'ct_1', project_id: 'pr_1', document_type: 'contract', status: 'sent', limit: '100' })
			.reply(200, { data: [document()], next_cursor: null })
			.delete('/documents/doc_1')
			.reply(204);
		const get = await runHats({ resource: 'document', operation: 'get', documentId: byId('doc_1') });
		const list = await runHats({
			resource: 'document',
			operation: 'getAll',
			returnAll: true,
			filters: { contactId: 'ct_1', projectId: 'pr_1', documentType: 'contract', status: 'sent' },
		});
		const del = await runHats({ resource: 'document', operation: 'delete', documentId: byId('doc_1') });
		expect(get.output(NODE)).toEqual([document()]);
		expect(list.output(NODE)).toEqual([document()]);
		expect(del.output(NODE)).toEqual([{ deleted: true, document_id: 'doc_1' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('attaches metadata by merging it into what the document has', async () => {
		const scope = api()
			.get('/documents/doc_1')
			.reply(200, document({ metadata: { ghl_id: 'd1', stage: 'old' } }))
			.patch('/documents/doc_1', { metadata: { ghl_id: 'd1', stage: 'new' }, last_synced_at: '2024-06-01T00:00:00.000Z' })
			.reply(200, document({ metadata: { ghl_id: 'd1', stage: 'new' } }));
		const result = await runHats({
			resource: 'document',
			operation: 'setMetadata',
			documentId: byId('doc_1'),
			metadata: meta({ stage: 'new' }),
			lastSyncedAt: '2024-06-01T00:00:00.000Z',
		});
		expect(result.output(NODE)[0].metadata).toEqual({ ghl_id: 'd1', stage: 'new' });
		expect(scope.isDone()).toBe(true);
	});

	it('replaces the metadata when asked', async () => {
		const scope = api().patch('/documents/doc_1', { metadata: { stage: 'new' } }).reply(200, document({ metadata: { stage: 'new' } }));
		const result = await runHats({
			resource: 'document',
			operation: 'setMetadata',
			documentId: byId('doc_1'),
			metadata: meta({ stage: 'new' }),
			metadataMode: 'replace',
		});
		expect(result.output(NODE)[0].metadata).toEqual({ stage: 'new' });
		expect(scope.isDone()).toBe(true);
	});

	it('sends a document to its contact, with or without a message', async () => {
		const scope = api()
			.post('/documents/doc_1/send', { message: 'Please sign' })
			.reply(200, document({ status: 'sent' }))
			.post('/documents/doc_2/send', (body) => body === '' || Object.keys(body ?? {}).length === 0)
			.reply(200, document({ document_id: 'doc_2', status: 'sent' }));
		const result = await runHats(
			{ resource: 'document', operation: 'send', documentId: '={{ $json.doc }}', message: '={{ $json.message }}' },
			{ input: [{ json: { doc: byId('doc_1'), message: 'Please sign' } }, { json: { doc: byId('doc_2') } }] },
		);
		expect(result.output(NODE).map((d) => [d.document_id, d.status])).toEqual([
			['doc_1', 'sent'],
			['doc_2', 'sent'],
		]);
		expect(scope.isDone()).toBe(true);
	});
});

describe('17hats contract', () => {
	it('creates a contract with dates, amount and documents', async () => {
		const body = {
			contact_id: 'ct_1',
			name: 'Service agreement',
			project_id: 'pr_1',
			status: 'draft',
			amount: 1500.5,
			currency: 'EUR',
			start_date: '2024-06-01',
			end_date: '2025-05-31',
			renewal_date: '2025-05-01',
			auto_renew: true,
			document_ids: ['doc_1', 'doc_2'],
			external_id: 'ghl_inv_1',
		};
		const scope = api().post('/contracts', body).reply(201, contract({ amount: 1500.5 }));
		const result = await runHats({
			resource: 'contract',
			operation: 'create',
			contactId: byId('ct_1'),
			name: 'Service agreement',
			additionalFields: {
				projectId: byId('pr_1'),
				status: 'draft',
				amount: 1500.5,
				currency: 'eur',
				startDate: '2024-06-01T00:00:00',
				endDate: '2025-05-31',
				renewalDate: '2025-05-01T00:00:00.000Z',
				autoRenew: true,
				documentIds: 'doc_1, doc_2',
				externalId: 'ghl_inv_1',
			},
		});
		expect(result.output(NODE)).toEqual([contract({ amount: 1500.5 })]);
		expect(scope.isDone()).toBe(true);
	});

	it('updates a contract', async () => {
		const scope = api().patch('/contracts/k_1', { renewal_date: '2026-01-01', auto_renew: false }).reply(200, contract());
		const result = await runHats({
			resource: 'contract',
			operation: 'update',
			contractId: byId('k_1'),
			updateFields: { renewalDate: '2026-01-01', autoRenew: false },
		});
		expect(result.output(NODE)).toEqual([contract()]);
		expect(scope.isDone()).toBe(true);
	});

	it('updates the status with a reason', async () => {
		const scope = api()
			.post('/contracts/k_1/status', { status: 'cancelled', reason: 'Invoice voided in GHL' })
			.reply(200, contract({ status: 'cancelled', status_reason: 'Invoice voided in GHL' }));
		const result = await runHats({
			resource: 'contract',
			operation: 'updateStatus',
			contractId: byId('k_1'),
			status: 'cancelled',
			reason: 'Invoice voided in GHL',
		});
		expect(result.output(NODE)[0]).toMatchObject({ status: 'cancelled' });
		expect(scope.isDone()).toBe(true);
	});

	it('gets and lists contracts', async () => {
		const scope = api()
			.get('/contracts/k_1')
			.reply(200, contract())
			.get('/contracts')
			.query({ contact_id: 'ct_1', status: 'active', limit: '100' })
			.reply(200, { data: [contract()], next_cursor: null });
		const get = await runHats({ resource: 'contract', operation: 'get', contractId: byId('k_1') });
		const list = await runHats({ resource: 'contract', operation: 'getAll', returnAll: true, filters: { contactId: 'ct_1', status: 'active' } });
		expect(get.output(NODE)).toEqual([contract()]);
		expect(list.output(NODE)).toEqual([contract()]);
		expect(scope.isDone()).toBe(true);
	});

	it('attaches one document, or several', async () => {
		const scope = api()
			.post('/contracts/k_1/documents', { document_id: 'doc_1' })
			.reply(200, contract({ document_ids: ['doc_1'] }))
			.post('/contracts/k_2/documents', { document_id: 'doc_1' })
			.reply(200, contract({ contract_id: 'k_2', document_ids: ['doc_1'] }))
			.post('/contracts/k_2/documents', { document_id: 'doc_2' })
			.reply(200, contract({ contract_id: 'k_2', document_ids: ['doc_1', 'doc_2'] }));
		const result = await runHats(
			{ resource: 'contract', operation: 'attachDocuments', contractId: '={{ $json.k }}', documentIds: '={{ $json.docs }}' },
			{ input: [{ json: { k: byId('k_1'), docs: 'doc_1' } }, { json: { k: byId('k_2'), docs: 'doc_1,doc_2' } }] },
		);
		expect(result.output(NODE).map((k) => k.document_ids)).toEqual([['doc_1'], ['doc_1', 'doc_2']]);
		expect(scope.isDone()).toBe(true);
	});

	it('sends a contract', async () => {
		const scope = api().post('/contracts/k_1/send', (body) => body === '' || Object.keys(body ?? {}).length === 0).reply(200, contract({ status: 'sent' }));
		const result = await runHats({ resource: 'contract', operation: 'send', contractId: byId('k_1') });
		expect(result.output(NODE)[0]).toMatchObject({ status: 'sent' });
		expect(scope.isDone()).toBe(true);
	});
});

describe('17hats invoice', () => {
	it('creates an invoice against a contract', async () => {
		const scope = api()
			.post('/invoices', {
				contact_id: 'ct_1',
				amount: 125.5,
				contract_id: 'k_1',
				currency: 'USD',
				due_date: '2024-07-01',
				status: 'sent',
				number: 'INV-7',
				external_id: 'ghl_inv_7',
			})
			.reply(201, invoice({ amount: 125.5 }));
		const result = await runHats({
			resource: 'invoice',
			operation: 'create',
			contactId: byId('ct_1'),
			amount: 125.5,
			additionalFields: {
				contractId: byId('k_1'),
				currency: 'USD',
				dueDate: '2024-07-01T00:00:00',
				status: 'sent',
				number: 'INV-7',
				externalId: 'ghl_inv_7',
			},
		});
		expect(result.output(NODE)).toEqual([invoice({ amount: 125.5 })]);
		expect(scope.isDone()).toBe(true);
	});

	it('updates an invoice, merging metadata', async () => {
		const scope = api()
			.get('/invoices/inv_1')
			.reply(200, invoice({ metadata: { ghl: 'i1' } }))
			.patch('/invoices/inv_1', { amount_paid: 50, metadata: { ghl: 'i1', paid_via: 'stripe' } })
			.reply(200, invoice({ amount_paid: 50 }));
		const result = await runHats({
			resource: 'invoice',
			operation: 'update',
			invoiceId: 'inv_1',
			updateFields: { amountPaid: 50 },
			metadata: meta({ paid_via: 'stripe' }),
		});
		expect(result.output(NODE)[0]).toMatchObject({ amount_paid: 50 });
		expect(scope.isDone()).toBe(true);
	});

	it('updates the status', async () => {
		const scope = api()
			.post('/invoices/inv_1/status', { status: 'paid', last_synced_at: '2024-07-02T08:00:00.000Z' })
			.reply(200, invoice({ status: 'paid', amount_paid: 100 }));
		const result = await runHats({
			resource: 'invoice',
			operation: 'updateStatus',
			invoiceId: 'inv_1',
			status: 'paid',
			lastSyncedAt: '2024-07-02T08:00:00.000Z',
		});
		expect(result.output(NODE)[0]).toMatchObject({ status: 'paid' });
		expect(scope.isDone()).toBe(true);
	});

	it('gets and lists invoices', async () => {
		const scope = api()
			.get('/invoices/inv_1')
			.reply(200, invoice())
			.get('/invoices')
			.query({ contact_id: 'ct_1', contract_id: 'k_1', status: 'past_due', limit: '100' })
			.reply(200, { data: [invoice()], next_cursor: 'c2' })
			.get('/invoices')
			.query({ contact_id: 'ct_1', contract_id: 'k_1', status: 'past_due', limit: '100', cursor: 'c2' })
			.reply(200, { data: [invoice({ invoice_id: 'inv_2' })], next_cursor: null });
		const get = await runHats({ resource: 'invoice', operation: 'get', invoiceId: 'inv_1' });
		const list = await runHats({
			resource: 'invoice',
			operation: 'getAll',
			returnAll: true,
			filters: { contactId: 'ct_1', contractId: 'k_1', status: 'past_due' },
		});
		expect(get.output(NODE)).toEqual([invoice()]);
		expect(list.output(NODE).map((i) => i.invoice_id)).toEqual(['inv_1', 'inv_2']);
		expect(scope.isDone()).toBe(true);
	});
});

describe('17hats account', () => {
	it('gets the account behind the key', async () => {
		const me = { account_id: 'acc_1', account_name: 'Studio', key_id: 'k1', scopes: ['contacts:read'], key_created_at: '2024-01-01T00:00:00Z' };
		const scope = api().get('/me').reply(200, me);
		const result = await runHats({ resource: 'account', operation: 'get' });
		expect(result.output(NODE)).toEqual([me]);
		expect(scope.isDone()).toBe(true);
	});
});
