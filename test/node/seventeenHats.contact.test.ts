import { isDeepStrictEqual } from 'util';

import { api, byId, contact, document, hatsError, runHats, useNock, NODE } from './seventeenHats.support';

useNock();

describe('17hats contact', () => {
	it('creates a contact with every field mapped', async () => {
		const scope = api()
			.post('/contacts', {
				email: 'ada@example.com',
				first_name: 'Ada',
				last_name: 'Lovelace',
				phone: '+1 555 0100',
				company: 'Engines Ltd',
				type: 'hot_lead',
				address: { street: '1 Main St', city: 'London', postal_code: 'N1', country: 'GB' },
				tags: ['vip', 'ghl'],
				notes: 'Met at the fair',
				external_id: 'ghl_c1',
				last_synced_at: '2024-05-01T10:00:00.000Z',
				metadata: { source: 'ghl', location: 'loc1' },
			})
			.reply(201, contact({ external_id: 'ghl_c1' }));
		const result = await runHats({
			resource: 'contact',
			operation: 'create',
			email: 'ada@example.com',
			firstName: 'Ada',
			lastName: 'Lovelace',
			additionalFields: {
				phone: '+1 555 0100',
				company: 'Engines Ltd',
				type: 'hot_lead',
				address: { details: { street: '1 Main St', city: 'London', state: '', postalCode: 'N1', country: 'GB' } },
				tags: 'vip, ghl',
				notes: 'Met at the fair',
				externalId: 'ghl_c1',
				lastSyncedAt: '2024-05-01T10:00:00.000Z',
			},
			metadata: { entries: [{ key: 'source', value: 'ghl' }, { key: 'location', value: 'loc1' }] },
		});
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE)).toEqual([contact({ external_id: 'ghl_c1' })]);
		expect(scope.isDone()).toBe(true);
	});

	it('maps each contact type to its 17hats value', async () => {
		const types = { hot_lead: 'Hot Lead', client: 'Client', cold_prospect: 'Cold Prospect', other: 'Other' };
		const scope = api();
		for (const type of Object.keys(types)) scope.post('/contacts', { email: `${type}@example.com`, type }).reply(201, contact({ type }));
		const result = await runHats(
			{ resource: 'contact', operation: 'create', email: '={{ $json.type }}@example.com', additionalFields: { type: '={{ $json.type }}' } },
			{ input: Object.keys(types).map((type) => ({ json: { type } })) },
		);
		expect(result.output(NODE).map((c) => c.type)).toEqual(Object.keys(types));
		expect(scope.isDone()).toBe(true);
	});

	it('refuses a contact without first name, last name or email, before any request', async () => {
		const result = await runHats(
			{ resource: 'contact', operation: 'create', additionalFields: { company: 'Nameless Ltd' } },
			{ continueOnFail: true },
		);
		expect(result.output(NODE)).toEqual([
			expect.objectContaining({ error: 'The fields "First Name", "Last Name" and "Email" are all empty: set at least one' }),
		]);
	});

	it('updates only the given fields with one PATCH when no metadata is given', async () => {
		const scope = api().patch('/contacts/ct_1', { phone: '+1 555 0199', type: 'client' }).reply(200, contact({ type: 'client' }));
		const result = await runHats({
			resource: 'contact',
			operation: 'update',
			contactId: byId('ct_1'),
			updateFields: { phone: '+1 555 0199', type: 'client' },
		});
		expect(result.output(NODE)).toEqual([contact({ type: 'client' })]);
		expect(scope.isDone()).toBe(true);
	});

	it('merges metadata into the existing metadata on update', async () => {
		const scope = api()
			.get('/contacts/ct_1')
			.reply(200, contact({ metadata: { source: 'ghl', keep: 'me' } }))
			.patch('/contacts/ct_1', { company: 'New Co', metadata: { source: 'ghl2', keep: 'me', added: 'yes' } })
			.reply(200, contact({ company: 'New Co', metadata: { source: 'ghl2', keep: 'me', added: 'yes' } }));
		const result = await runHats({
			resource: 'contact',
			operation: 'update',
			contactId: byId('ct_1'),
			updateFields: { company: 'New Co' },
			metadata: { entries: [{ key: 'source', value: 'ghl2' }, { key: 'added', value: 'yes' }] },
		});
		expect(result.output(NODE)[0].metadata).toEqual({ source: 'ghl2', keep: 'me', added: 'yes' });
		expect(scope.isDone()).toBe(true);
	});

	it('replaces metadata without reading it when Metadata Mode is Replace', async () => {
		const scope = api().patch('/contacts/ct_1', { metadata: { only: 'this' } }).reply(200, contact({ metadata: { only: 'this' } }));
		const result = await runHats({
			resource: 'contact',
			operation: 'update',
			contactId: byId('ct_1'),
			metadata: { entries: [{ key: 'only', value: 'this' }] },
			metadataMode: 'replace',
		});
		expect(result.output(NODE)[0].metadata).toEqual({ only: 'this' });
		expect(scope.isDone()).toBe(true);
	});

	it('fails an update with nothing to change, naming why', async () => {
		const result = await runHats({ resource: 'contact', operation: 'update', contactId: byId('ct_1') }, { continueOnFail: true });
		expect(result.output(NODE)).toEqual([
			expect.objectContaining({ error: 'Nothing to update: set at least one field or metadata entry' }),
		]);
	});

	it('gets a contact picked from the list or by ID', async () => {
		const scope = api().get('/contacts/ct_1').reply(200, contact()).get('/contacts/ct_2').reply(200, contact({ contact_id: 'ct_2' }));
		const result = await runHats(
			{ resource: 'contact', operation: 'get', contactId: '={{ $json.locator }}' },
			{ input: [{ json: { locator: { __rl: true, mode: 'list', value: 'ct_1' } } }, { json: { locator: byId('ct_2') } }] },
		);
		expect(result.output(NODE).map((c) => c.contact_id)).toEqual(['ct_1', 'ct_2']);
		expect(scope.isDone()).toBe(true);
	});

	it('gets many contacts across pages with every filter kept on every page', async () => {
		const filters = {
			email: 'ada@example.com',
			type: 'client',
			external_id: 'ghl_c1',
			updated_since: '2024-01-01T00:00:00.000Z',
			'metadata.source': 'ghl',
		};
		const scope = api()
			.get('/contacts')
			.query({ ...filters, limit: '100' })
			.reply(200, { data: [contact()], next_cursor: 'cur_2' })
			.get('/contacts')
			.query({ ...filters, limit: '100', cursor: 'cur_2' })
			.reply(200, { data: [contact({ contact_id: 'ct_2' })], next_cursor: null });
		const result = await runHats({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: {
				email: 'ada@example.com',
				type: 'client',
				externalId: 'ghl_c1',
				updatedSince: '2024-01-01T00:00:00.000Z',
				metadata: { entries: [{ key: 'source', value: 'ghl' }] },
			},
		});
		expect(result.output(NODE).map((c) => c.contact_id)).toEqual(['ct_1', 'ct_2']);
		expect(scope.isDone()).toBe(true);
	});

	it('stops at the limit', async () => {
		const scope = api()
			.get('/contacts')
			.query({ limit: '2' })
			.reply(200, { data: [contact(), contact({ contact_id: 'ct_2' })], next_cursor: 'cur_2' });
		const result = await runHats({ resource: 'contact', operation: 'getAll', returnAll: false, limit: 2 });
		expect(result.output(NODE)).toHaveLength(2);
		expect(scope.isDone()).toBe(true);
	});

	it('deletes a contact', async () => {
		const scope = api().delete('/contacts/ct_1').reply(204);
		const result = await runHats({ resource: 'contact', operation: 'delete', contactId: byId('ct_1') });
		expect(result.output(NODE)).toEqual([{ deleted: true, contact_id: 'ct_1' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('links a document to the contact and one of its projects', async () => {
		const scope = api().patch('/documents/doc_1', { contact_id: 'ct_2', project_id: 'pr_2' }).reply(200, document({ contact_id: 'ct_2' }));
		const result = await runHats({
			resource: 'document',
			operation: 'linkToContact',
			contactId: byId('ct_2'),
			documentId: byId('doc_1'),
			projectId: byId('pr_2'),
		});
		expect(result.output(NODE)).toEqual([document({ contact_id: 'ct_2' })]);
		expect(scope.isDone()).toBe(true);
	});

	it('links a document to the contact', async () => {
		const scope = api().patch('/documents/doc_1', { contact_id: 'ct_2' }).reply(200, document({ contact_id: 'ct_2' }));
		const result = await runHats({
			resource: 'document',
			operation: 'linkToContact',
			contactId: byId('ct_2'),
			documentId: byId('doc_1'),
		});
		expect(result.output(NODE)).toEqual([document({ contact_id: 'ct_2' })]);
		expect(scope.isDone()).toBe(true);
	});
});

describe('17hats contact create or update', () => {
	const upsert = {
		resource: 'contact',
		operation: 'upsert',
		externalId: 'ghl_c1',
		email: 'ada@example.com',
		firstName: 'Ada',
		metadata: { entries: [{ key: 'source', value: 'ghl' }] },
	};
	const sent = { external_id: 'ghl_c1', email: 'ada@example.com', first_name: 'Ada' };
	/** A create body: what the item sets, plus the create's own mark (metadata.sync_create_id) that tells its record after a lost answer. */
	const createBody = (body: { metadata?: Record<string, string> }) =>
		isDeepStrictEqualExcept(body, { ...sent, metadata: { source: 'ghl' } }, 'sync_create_id');

	it('updates only what differs on the contact found by external ID, merging its metadata', async () => {
		const found = contact({ external_id: 'ghl_c1', first_name: 'Ada', metadata: { old: 'x' } });
		const scope = api()
			.get('/contacts')
			.query({ external_id: 'ghl_c1', limit: '1' })
			.reply(200, { data: [found], next_cursor: null })
			// Written only over the contact as read (if_updated_at: 17hats answers 409 modified if it changed).
			.patch('/contacts/ct_1', { metadata: { old: 'x', source: 'ghl' }, if_updated_at: String(found.updated_at) })
			.reply(200, { ...found, metadata: { old: 'x', source: 'ghl' } });
		const result = await runHats(upsert);
		expect(result.output(NODE)).toEqual([
			{
				...found,
				metadata: { old: 'x', source: 'ghl' },
				action: 'updated',
				matched_by: 'external_id',
				changes: { 'metadata.source': { before: null, after: 'ghl' } },
				warnings: [],
			},
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('writes only over the contact as read: after 409 modified it reads the contact again and decides anew', async () => {
		const found = contact({ external_id: 'ghl_c1', first_name: 'Ada', metadata: { old: 'x' } });
		// Another run wrote the same change between this run's read and write.
		const changed = { ...found, metadata: { old: 'x', source: 'ghl' }, updated_at: '2030-01-01T00:00:00.001Z' };
		const scope = api()
			.get('/contacts')
			.query({ external_id: 'ghl_c1', limit: '1' })
			.reply(200, { data: [found], next_cursor: null })
			.patch('/contacts/ct_1', { metadata: { old: 'x', source: 'ghl' }, if_updated_at: String(found.updated_at) })
			.reply(409, hatsError('modified', 'The contact was changed since', { updated_at: changed.updated_at }))
			.get('/contacts/ct_1')
			.reply(200, changed);
		const result = await runHats(upsert);
		expect(result.output(NODE)).toEqual([{ ...changed, action: 'skipped', matched_by: 'external_id', changes: {}, warnings: [] }]);
		expect(scope.isDone()).toBe(true);
	});

	it('sends nothing and reports skipped when the contact already holds every value', async () => {
		const found = contact({ external_id: 'ghl_c1', metadata: { source: 'ghl', other: 'kept' } });
		const scope = api().get('/contacts').query({ external_id: 'ghl_c1', limit: '1' }).reply(200, { data: [found], next_cursor: null });
		const result = await runHats(upsert);
		expect(result.output(NODE)).toEqual([{ ...found, action: 'skipped', matched_by: 'external_id', changes: {}, warnings: [] }]);
		expect(scope.isDone()).toBe(true);
	});

	it('replaces the metadata when Metadata Mode is Replace', async () => {
		const found = contact({ external_id: 'ghl_c1', metadata: { source: 'ghl', other: 'dropped' } });
		const scope = api()
			.get('/contacts')
			.query({ external_id: 'ghl_c1', limit: '1' })
			.reply(200, { data: [found], next_cursor: null })
			.patch('/contacts/ct_1', { metadata: { source: 'ghl' }, if_updated_at: String(found.updated_at) })
			.reply(200, { ...found, metadata: { source: 'ghl' } });
		const result = await runHats({ ...upsert, metadataMode: 'replace' });
		expect(result.output(NODE)[0]).toMatchObject({ action: 'updated', changes: { 'metadata.other': { before: 'dropped', after: null } } });
		expect(scope.isDone()).toBe(true);
	});

	it('falls back to email, then links the contact by setting its external ID', async () => {
		const found = contact({ contact_id: 'ct_9' });
		const scope = api()
			.get('/contacts')
			.query({ external_id: 'ghl_c1', limit: '1' })
			.reply(200, { data: [], next_cursor: null })
			.get('/contacts')
			.query({ email: 'ada@example.com', limit: '1' })
			.reply(200, { data: [found], next_cursor: null })
			.patch('/contacts/ct_9', { external_id: 'ghl_c1', metadata: { source: 'ghl' }, if_updated_at: String(found.updated_at) })
			.reply(200, contact({ contact_id: 'ct_9', external_id: 'ghl_c1' }));
		const result = await runHats(upsert);
		expect(result.output(NODE)[0]).toMatchObject({
			contact_id: 'ct_9',
			action: 'updated',
			matched_by: 'email',
			warnings: ['Linked to the existing 17hats contact ct_9 found by email'],
		});
		expect(scope.isDone()).toBe(true);
	});

	it('leaves a contact found by email that is linked to another external ID alone and creates a new one, with a warning', async () => {
		const other = contact({ contact_id: 'ct_9', external_id: 'ghl_other' });
		const scope = api()
			.get('/contacts')
			.query({ external_id: 'ghl_c1', limit: '1' })
			.reply(200, { data: [], next_cursor: null })
			.get('/contacts')
			.query({ email: 'ada@example.com', limit: '1' })
			.reply(200, { data: [other], next_cursor: null })
			.post('/contacts', createBody)
			.reply(201, contact({ contact_id: 'ct_10', external_id: 'ghl_c1' }));
		const result = await runHats(upsert);
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE)).toEqual([
			expect.objectContaining({
				contact_id: 'ct_10',
				action: 'created',
				matched_by: null,
				warnings: [
					'A 17hats contact with the same email (ct_9) is linked to another external ID (ghl_other); it was left as it is and a new one was created',
				],
			}),
		]);
		// ct_9 was not PATCHed: nock would have failed the request as unmatched.
		expect(scope.isDone()).toBe(true);
	});

	it('creates the contact when neither matches', async () => {
		const scope = api()
			.get('/contacts')
			.query({ external_id: 'ghl_c1', limit: '1' })
			.reply(200, { data: [], next_cursor: null })
			.get('/contacts')
			.query({ email: 'ada@example.com', limit: '1' })
			.reply(200, { data: [], next_cursor: null })
			.post('/contacts', createBody)
			.reply(201, contact({ external_id: 'ghl_c1' }));
		const result = await runHats(upsert);
		expect(result.output(NODE)[0]).toMatchObject({ contact_id: 'ct_1', action: 'created', matched_by: null });
		expect(scope.isDone()).toBe(true);
	});

	it('reports any other 409 on create as 17hats reports it: message, status and request id', async () => {
		const scope = api()
			.get('/contacts')
			.query(true)
			.times(2)
			.reply(200, { data: [], next_cursor: null })
			.post('/contacts')
			.reply(409, hatsError('conflict', 'Contact is locked by an import', { import_id: 'imp_1' }));
		const result = await runHats(upsert, { continueOnFail: true });
		expect(result.output(NODE)).toEqual([
			expect.objectContaining({
				error: 'Contact is locked by an import',
				httpCode: '409',
				traceId: 'req_conflict',
				description: expect.stringContaining('17hats answered HTTP 409 to POST /contacts. Details: code conflict.'),
			}),
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('reports a duplicate_external_id 409 when the contact it stands for cannot be found', async () => {
		const scope = api()
			.get('/contacts')
			.query(true)
			.times(3)
			.reply(200, { data: [], next_cursor: null })
			.post('/contacts')
			.reply(409, hatsError('duplicate_external_id', 'external_id already used'));
		const result = await runHats(upsert, { continueOnFail: true });
		expect(result.output(NODE)).toEqual([
			expect.objectContaining({ error: '17hats reported a duplicate external ID "ghl_c1" but the contact cannot be found' }),
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('turns a 409 duplicate_external_id on create into re-reading and updating that contact', async () => {
		const winner = contact({ contact_id: 'ct_7', external_id: 'ghl_c1', metadata: { worker: 'a' } });
		const scope = api()
			.get('/contacts')
			.query(true)
			.times(2)
			.reply(200, { data: [], next_cursor: null })
			.post('/contacts')
			.reply(409, hatsError('duplicate_external_id', 'external_id already used', { existing_id: 'ct_7', external_id: 'ghl_c1' }))
			.get('/contacts/ct_7')
			.reply(200, winner)
			.patch('/contacts/ct_7', { metadata: { worker: 'a', source: 'ghl' }, if_updated_at: String(winner.updated_at) })
			.reply(200, { ...winner, metadata: { worker: 'a', source: 'ghl' } });
		const result = await runHats(upsert);
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE)[0]).toMatchObject({
			contact_id: 'ct_7',
			action: 'updated',
			matched_by: 'external_id',
			warnings: ['Another run created this contact at the same time (409 duplicate_external_id); updated it instead'],
		});
		expect(scope.isDone()).toBe(true);
	});
});

/** True when `actual` equals `expected` once the metadata key `ignored` (present, any value) is set aside. */
function isDeepStrictEqualExcept(actual: { metadata?: Record<string, string> }, expected: object, ignored: string): boolean {
	const { [ignored]: mark, ...metadata } = actual.metadata ?? {};
	return typeof mark === 'string' && isDeepStrictEqual({ ...actual, metadata }, expected);
}
