import { hatsCredentials } from '../support/fixtures';
import { api, byId, contact, document, hatsError, NODE, runHats, useNock } from './seventeenHats.support';

useNock();

describe('17hats node errors', () => {
	it('reports a 404 with its message and HTTP code on the item (continueOnFail)', async () => {
		const scope = api().get('/documents/doc_missing').reply(404, hatsError('not_found', 'Document doc_missing not found'), {
			'X-Request-Id': 'req_not_found',
		});
		const result = await runHats({ resource: 'document', operation: 'get', documentId: byId('doc_missing') }, { continueOnFail: true });
		expect(result.output(NODE)).toEqual([
			expect.objectContaining({ error: 'Document doc_missing not found', httpCode: '404', traceId: 'req_not_found' }),
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('stops the node on a 404 without continueOnFail', async () => {
		api().get('/contacts/ct_gone').reply(404, hatsError('not_found', 'Contact ct_gone not found'));
		const result = await runHats({ resource: 'contact', operation: 'get', contactId: byId('ct_gone') });
		expect(result.error(NODE)).toMatchObject({ message: 'Contact ct_gone not found', httpCode: '404' });
	});

	it('names the fields a 422 rejects', async () => {
		api()
			.post('/contacts')
			.reply(
				422,
				hatsError('validation_failed', 'Validation failed', { fields: ['email'], errors: [{ field: 'email', message: 'must be an email' }] }),
			);
		const result = await runHats({ resource: 'contact', operation: 'create', email: 'not-an-email' }, { continueOnFail: true });
		const [item] = result.output(NODE);
		expect(item).toMatchObject({ error: 'Validation failed', httpCode: '422' });
		expect(item.description).toContain('fields ["email"]');
	});

	it('waits for Retry-After on 429 and then succeeds', async () => {
		const scope = api()
			.get('/contacts/ct_1')
			.reply(429, hatsError('rate_limited', 'Too many requests'), { 'Retry-After': '1' })
			.get('/contacts/ct_1')
			.reply(200, contact());
		const result = await runHats({ resource: 'contact', operation: 'get', contactId: byId('ct_1') });
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE)).toEqual([contact()]);
		expect(scope.isDone()).toBe(true);
	});

	it('fails before any request when the credential lacks the scope', async () => {
		const result = await runHats(
			{ resource: 'contact', operation: 'create', email: 'ada@example.com' },
			{ credentials: hatsCredentials({ scopes: ['contacts:read'] }), continueOnFail: true },
		);
		expect(result.output(NODE)).toEqual([
			expect.objectContaining({ error: expect.stringContaining('lacks the 17hats scope "contacts:write"') }),
		]);
	});

	it('checks every scope of a multi-request operation before the first request', async () => {
		const result = await runHats(
			{ resource: 'contact', operation: 'upsert', externalId: 'ghl_c1', email: 'ada@example.com' },
			{ credentials: hatsCredentials({ scopes: ['contacts:read'] }), continueOnFail: true },
		);
		expect(result.output(NODE)).toEqual([
			expect.objectContaining({ error: 'The credential lacks the 17hats scope "contacts:write" needed to create or update a contact' }),
		]);
	});

	it('names a missing required field and sends nothing for that item', async () => {
		const scope = api().post('/documents', { contact_id: 'ct_1', name: 'Quote', document_type: 'quote' }).reply(201, document());
		const result = await runHats(
			{ resource: 'document', operation: 'create', contactId: byId('ct_1'), name: '={{ $json.name }}', documentType: 'quote' },
			{ input: [{ json: { name: 'Quote' } }, { json: {} }], continueOnFail: true },
		);
		expect(result.output(NODE)).toEqual([document(), expect.objectContaining({ error: 'The field "Name" is required' })]);
		expect(scope.isDone()).toBe(true);
	});

	it('keeps paired items across several input items, failures included', async () => {
		const scope = api()
			.get('/contacts/ct_1')
			.reply(200, contact())
			.get('/contacts/ct_2')
			.reply(404, hatsError('not_found', 'Contact ct_2 not found'))
			.get('/contacts/ct_3')
			.reply(200, contact({ contact_id: 'ct_3' }));
		const result = await runHats(
			{ resource: 'contact', operation: 'get', contactId: '={{ $json.id }}', requestOptions: { concurrency: 3 } },
			{ input: ['ct_1', 'ct_2', 'ct_3', ''].map((id) => ({ json: { id } })), continueOnFail: true },
		);
		const items = result.items(NODE);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items.map((i) => i.json.contact_id ?? i.json.error)).toEqual([
			'ct_1',
			'Contact ct_2 not found',
			'ct_3',
			'The field "Contact" is required',
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('pairs every item of a list with the input item that asked for it', async () => {
		api()
			.get('/projects')
			.query({ contact_id: 'ct_1', limit: '100' })
			.reply(200, { data: [{ project_id: 'pr_1' }, { project_id: 'pr_2' }], next_cursor: null })
			.get('/projects')
			.query({ contact_id: 'ct_2', limit: '100' })
			.reply(200, { data: [{ project_id: 'pr_3' }], next_cursor: null });
		const result = await runHats(
			{ resource: 'project', operation: 'getAll', returnAll: true, filters: { contactId: '={{ $json.c }}' } },
			{ input: [{ json: { c: 'ct_1' } }, { json: { c: 'ct_2' } }] },
		);
		expect(result.items(NODE).map((i) => [i.json.project_id, i.pairedItem])).toEqual([
			['pr_1', { item: 0 }],
			['pr_2', { item: 0 }],
			['pr_3', { item: 1 }],
		]);
	});
});

describe('17hats key rotation reminder', () => {
	const day = 86_400_000;
	const hints = (result: Awaited<ReturnType<typeof runHats>>) => result.run.data.resultData.runData[NODE]?.[0]?.hints ?? [];

	it('adds a warning hint when the key is due within 7 days', async () => {
		api().get('/me').reply(200, { account_id: 'acc_1' });
		const issuedAt = new Date(Date.now() - 85 * day).toISOString();
		const result = await runHats({ resource: 'account', operation: 'get' }, { credentials: hatsCredentials({ issuedAt, rotationDays: 90 }) });
		expect(result.output(NODE)).toEqual([{ account_id: 'acc_1' }]);
		expect(hints(result)).toEqual([expect.objectContaining({ type: 'warning', message: expect.stringMatching(/due for rotation in [45] day/) })]);
	});

	it('stays quiet when rotation is far off or not tracked', async () => {
		api().get('/me').times(2).reply(200, { account_id: 'acc_1' });
		const recent = await runHats(
			{ resource: 'account', operation: 'get' },
			{ credentials: hatsCredentials({ issuedAt: new Date().toISOString(), rotationDays: 90 }) },
		);
		const untracked = await runHats({ resource: 'account', operation: 'get' });
		expect(hints(recent)).toEqual([]);
		expect(hints(untracked)).toEqual([]);
	});
});
