/** The GHL action node run by n8n's engine, HTTP intercepted with nock. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { createHarness, nodeType, type EngineHarness } from '../support/harness';
import { GHL_BASE, LOCATION_ID, ghlOAuth2Credentials, ghlPitCredentials } from '../support/fixtures';
import { useNock } from '../support/nock';

let harness: EngineHarness;
beforeAll(async () => {
	harness = await createHarness();
});
useNock();

async function run(parameters: IDataObject, opts: { scopes?: string[]; continueOnFail?: boolean; oauth?: boolean; input?: IDataObject[] } = {}) {
	const credentials = opts.oauth
		? { ghlOAuth2Api: ghlOAuth2Credentials() }
		: { ghlPrivateIntegrationApi: ghlPitCredentials({ scopes: opts.scopes ?? [] }) };
	const result = await harness.runWorkflow({
		nodes: [
			{
				name: 'GHL',
				type: nodeType('ghl'),
				parameters: { ...(opts.oauth ? { authentication: 'oAuth2' } : {}), ...parameters },
				...(opts.continueOnFail ? { continueOnFail: true, onError: 'continueRegularOutput' } : {}),
			} as never,
		],
		credentials,
		input: (opts.input ?? [{}]).map((json) => ({ json })),
	});
	return result;
}

const ghl = () => nock(GHL_BASE, { reqheaders: { version: '2021-07-28' } });

describe('Return All follows each pagination style, keeping locationId, limit and filters on every page', () => {
	it('contacts (Get Many = Search Contacts; GET /contacts/ is deprecated): page, then searchAfter, keeping locationId and the query', async () => {
		const bodies: IDataObject[] = [];
		const contacts = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ id: `${tag}${i}`, searchAfter: [i, `${tag}${i}`] }));
		ghl().post('/contacts/search', (b) => (bodies.push(b), true)).reply(200, { contacts: contacts(100, 'a'), total: 207 });
		ghl().post('/contacts/search', (b) => (bodies.push(b), true)).reply(200, { contacts: contacts(100, 'b'), total: 207 });
		ghl().post('/contacts/search', (b) => (bodies.push(b), true)).reply(200, { contacts: contacts(7, 'c'), total: 207 });
		const result = await run({ resource: 'contact', operation: 'getAll', returnAll: true, filters: { query: 'smith' } });
		expect(result.error('GHL')).toBeUndefined();
		expect(result.output('GHL')).toHaveLength(207);
		const common = { locationId: LOCATION_ID, query: 'smith', pageLimit: 100 };
		expect(bodies).toEqual([
			{ ...common, page: 1 },
			{ ...common, searchAfter: [99, 'a99'] },
			{ ...common, searchAfter: [99, 'b99'] },
		]);
	});

	it('invoices: offset pages keep altId/altType and the status/contact/date filters', async () => {
		const seen: IDataObject[] = [];
		const items = (n: number) => Array.from({ length: n }, (_, i) => ({ _id: `i${i}` }));
		ghl().get('/invoices/').query((q) => (seen.push(q), true)).reply(200, { invoices: items(100), total: 230 });
		ghl().get('/invoices/').query((q) => (seen.push(q), true)).reply(200, { invoices: items(100), total: 230 });
		ghl().get('/invoices/').query((q) => (seen.push(q), true)).reply(200, { invoices: items(30), total: 230 });
		const result = await run({
			resource: 'invoice',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'paid', contactId: 'c1', startAt: '2025-01-01T00:00:00.000Z', endAt: '2025-02-01T00:00:00.000Z' },
		});
		expect(result.error('GHL')).toBeUndefined();
		expect(result.output('GHL')).toHaveLength(230);
		const common = { altId: LOCATION_ID, altType: 'location', status: 'paid', contactId: 'c1', startAt: '2025-01-01', endAt: '2025-02-01', limit: '100' };
		expect(seen).toEqual([
			{ ...common, offset: '0' },
			{ ...common, offset: '100' },
			{ ...common, offset: '200' },
		]);
	});

	it('documents: skip pages keep locationId, status and dates', async () => {
		const seen: IDataObject[] = [];
		const docs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `d${i}` }));
		ghl().get('/proposals/document').query((q) => (seen.push(q), true)).reply(200, { documents: docs(100), total: 201 });
		ghl().get('/proposals/document').query((q) => (seen.push(q), true)).reply(200, { documents: docs(100), total: 201 });
		ghl().get('/proposals/document').query((q) => (seen.push(q), true)).reply(200, { documents: docs(1), total: 201 });
		const result = await run({
			resource: 'document',
			operation: 'getAll',
			returnAll: true,
			filters: { status: ['sent', 'viewed'], dateFrom: '2025-01-01T00:00:00.000Z', dateTo: '2025-02-01T00:00:00.000Z' },
		});
		expect(result.output('GHL')).toHaveLength(201);
		const common = { locationId: LOCATION_ID, status: 'sent,viewed', dateFrom: '2025-01-01T00:00:00.000Z', dateTo: '2025-02-01T00:00:00.000Z', limit: '100' };
		expect(seen).toEqual([
			{ ...common, skip: '0' },
			{ ...common, skip: '100' },
			{ ...common, skip: '200' },
		]);
	});

	it('contact search: page/pageLimit in the body, then searchAfter; filters and sort on every page', async () => {
		const bodies: IDataObject[] = [];
		const contacts = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ id: `${tag}${i}`, searchAfter: [i, `${tag}${i}`] }));
		ghl().post('/contacts/search', (b) => (bodies.push(b), true)).reply(200, { contacts: contacts(100, 'a'), total: 250 });
		ghl().post('/contacts/search', (b) => (bodies.push(b), true)).reply(200, { contacts: contacts(100, 'b'), total: 250 });
		ghl().post('/contacts/search', (b) => (bodies.push(b), true)).reply(200, { contacts: contacts(50, 'c'), total: 250 });
		const filters = [{ field: 'tags', operator: 'contains', value: 'vip' }];
		const sort = [{ field: 'dateAdded', direction: 'desc' }];
		const result = await run({
			resource: 'contact',
			operation: 'search',
			returnAll: true,
			filtersJson: JSON.stringify(filters),
			sortJson: JSON.stringify(sort),
		});
		expect(result.error('GHL')).toBeUndefined();
		expect(result.output('GHL')).toHaveLength(250);
		const common = { locationId: LOCATION_ID, filters, sort, pageLimit: 100 };
		expect(bodies[0]).toEqual({ ...common, page: 1 });
		expect(bodies[1]).toEqual({ ...common, searchAfter: [99, 'a99'] });
		expect(bodies[2]).toEqual({ ...common, searchAfter: [99, 'b99'] });
	});

	it('opportunities: cursor pages keep location_id and filters', async () => {
		const seen: IDataObject[] = [];
		const opps = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `o${i}` }));
		ghl().get('/opportunities/search').query((q) => (seen.push(q), true)).reply(200, { opportunities: opps(100), meta: { startAfterId: 'o99', startAfter: 11 } });
		ghl().get('/opportunities/search').query((q) => (seen.push(q), true)).reply(200, { opportunities: opps(100), meta: { startAfterId: 'o199', startAfter: 22 } });
		ghl().get('/opportunities/search').query((q) => (seen.push(q), true)).reply(200, { opportunities: opps(3), meta: {} });
		const result = await run({ resource: 'opportunity', operation: 'getAll', returnAll: true, filters: { pipeline_id: 'p1', status: 'open' } });
		expect(result.output('GHL')).toHaveLength(203);
		const common = { location_id: LOCATION_ID, pipeline_id: 'p1', status: 'open', limit: '100' };
		expect(seen).toEqual([common, { ...common, startAfterId: 'o99', startAfter: '11' }, { ...common, startAfterId: 'o199', startAfter: '22' }]);
	});

	it('a limit stops early and asks for no more than needed', async () => {
		const bodies: IDataObject[] = [];
		ghl().post('/contacts/search', (b) => (bodies.push(b), true)).reply(200, { contacts: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], total: 9 });
		const result = await run({ resource: 'contact', operation: 'getAll', returnAll: false, limit: 3 });
		expect(result.output('GHL')).toHaveLength(3);
		expect(bodies).toEqual([{ locationId: LOCATION_ID, page: 1, pageLimit: 3 }]);
	});
});

describe('contacts', () => {
	it('custom fields round-trip in the spec shape: customFields [{ id, field_value }]', async () => {
		let sent: IDataObject = {};
		ghl()
			.put('/contacts/c1', (b) => ((sent = b), true))
			.reply(200, { contact: { id: 'c1', customFields: [{ id: 'cf1', value: 'Gold' }, { id: 'cf2', value: ['a', 'b'] }] } });
		const result = await run({
			resource: 'contact',
			operation: 'update',
			contactId: { __rl: true, mode: 'id', value: 'c1' },
			additionalFields: { firstName: 'Ann', tags: 'a, b' },
			customFieldsUi: { field: [{ id: 'cf1', value: 'Gold' }, { id: 'cf2', value: '["a","b"]' }] },
		});
		expect(result.error('GHL')).toBeUndefined();
		expect(sent).toEqual({
			firstName: 'Ann',
			tags: ['a', 'b'],
			customFields: [
				{ id: 'cf1', field_value: 'Gold' },
				{ id: 'cf2', field_value: ['a', 'b'] },
			],
		});
		expect(result.output('GHL')[0]).toMatchObject({ id: 'c1', customFields: [{ id: 'cf1', value: 'Gold' }, { id: 'cf2', value: ['a', 'b'] }] });
	});

	it('create sends locationId from the credential and custom fields', async () => {
		let sent: IDataObject = {};
		ghl().post('/contacts/', (b) => ((sent = b), true)).reply(201, { contact: { id: 'new1' } });
		const result = await run({
			resource: 'contact',
			operation: 'create',
			additionalFields: { email: 'ann@example.com' },
			customFieldsUi: { field: [{ id: 'cf1', value: 'x' }] },
		});
		expect(result.output('GHL')).toEqual([{ id: 'new1' }]);
		expect(sent).toEqual({ locationId: LOCATION_ID, email: 'ann@example.com', customFields: [{ id: 'cf1', field_value: 'x' }] });
	});

	it('an upsert with only a phone number works', async () => {
		let sent: IDataObject = {};
		ghl().post('/contacts/upsert', (b) => ((sent = b), true)).reply(200, { new: true, contact: { id: 'p1', phone: '+15550100' } });
		const result = await run({ resource: 'contact', operation: 'upsert', phone: '+15550100' });
		expect(result.error('GHL')).toBeUndefined();
		expect(sent).toEqual({ locationId: LOCATION_ID, phone: '+15550100' });
		expect(result.output('GHL')).toEqual([{ id: 'p1', phone: '+15550100', new: true }]);
	});

	it('an upsert with neither email nor phone fails before sending', async () => {
		const result = await run({ resource: 'contact', operation: 'upsert' });
		expect(result.error('GHL')?.message).toMatch(/email or a phone/);
	});

	it('add tags / remove tags / workflow', async () => {
		const bodies: IDataObject[] = [];
		ghl().post('/contacts/c1/tags', (b) => (bodies.push(b), true)).reply(201, { tags: ['x', 'y'] });
		ghl().delete('/contacts/c1/tags', (b) => (bodies.push(b), true)).reply(200, { tags: [] });
		ghl().post('/contacts/c1/workflow/w1', (b) => (bodies.push(b), true)).reply(200, { succeded: true });
		const input = [{}];
		expect((await run({ resource: 'contact', operation: 'addTags', contactId: 'c1', tags: 'x, y' }, { input })).output('GHL')).toEqual([{ tags: ['x', 'y'] }]);
		const removed = await run({ resource: 'contact', operation: 'removeTags', contactId: 'c1', tagNames: ['x'] });
		expect(removed.error('GHL')).toBeUndefined();
		expect(removed.output('GHL')).toEqual([{ tags: [] }]);
		const wf = await run({ resource: 'contact', operation: 'addToWorkflow', contactId: 'c1', workflowId: 'w1' });
		expect(wf.output('GHL')[0]).toMatchObject({ success: true, contactId: 'c1', workflowId: 'w1' });
		expect(bodies.slice(0, 2)).toEqual([{ tags: ['x', 'y'] }, { tags: ['x'] }]);
		// No event start time: nothing (or an empty object) is sent.
		expect([undefined, '', {}]).toContainEqual(bodies[2]);
	});
});

describe('one operation per resource', () => {
	const cases: Array<{ name: string; params: IDataObject; method: string; path: string; body?: IDataObject; query?: IDataObject; reply: IDataObject; out?: IDataObject }> = [
		{ name: 'note create', params: { resource: 'contactNote', operation: 'create', contactId: 'c1', body: 'Hello' }, method: 'POST', path: '/contacts/c1/notes', body: { body: 'Hello' }, reply: { note: { id: 'n1' } }, out: { id: 'n1' } },
		{ name: 'task complete', params: { resource: 'contactTask', operation: 'complete', contactId: 'c1', taskId: 't1' }, method: 'PUT', path: '/contacts/c1/tasks/t1/completed', body: { completed: true }, reply: { task: { id: 't1', completed: true } }, out: { id: 't1', completed: true } },
		{ name: 'invoice send', params: { resource: 'invoice', operation: 'send', invoiceId: 'i1', userId: 'u1', action: 'email' }, method: 'POST', path: '/invoices/i1/send', body: { altId: LOCATION_ID, altType: 'location', userId: 'u1', action: 'email', liveMode: true }, reply: { invoice: { _id: 'i1' } } },
		{ name: 'invoice void', params: { resource: 'invoice', operation: 'void', invoiceId: 'i1' }, method: 'POST', path: '/invoices/i1/void', body: { altId: LOCATION_ID, altType: 'location' }, reply: { _id: 'i1', status: 'void' } },
		{ name: 'invoice get', params: { resource: 'invoice', operation: 'get', invoiceId: 'i1' }, method: 'GET', path: '/invoices/i1', query: { altId: LOCATION_ID, altType: 'location' }, reply: { _id: 'i1' }, out: { _id: 'i1' } },
		{ name: 'schedule cancel', params: { resource: 'invoiceSchedule', operation: 'cancel', scheduleId: 's1' }, method: 'POST', path: '/invoices/schedule/s1/cancel', body: { altId: LOCATION_ID, altType: 'location' }, reply: {} },
		{ name: 'template get', params: { resource: 'invoiceTemplate', operation: 'get', templateId: 't1' }, method: 'GET', path: '/invoices/template/t1', query: { altId: LOCATION_ID, altType: 'location' }, reply: { _id: 't1' } },
		{ name: 'estimate send', params: { resource: 'estimate', operation: 'send', estimateId: 'e1', userId: 'u1' }, method: 'POST', path: '/invoices/estimate/e1/send', body: { altId: LOCATION_ID, altType: 'location', userId: 'u1', action: 'email', liveMode: true }, reply: { ok: true } },
		{ name: 'document send', params: { resource: 'document', operation: 'send', documentId: 'd1', sentBy: 'u1' }, method: 'POST', path: '/proposals/document/send', body: { locationId: LOCATION_ID, documentId: 'd1', sentBy: 'u1', medium: 'email' }, reply: { success: true } },
		{ name: 'document template send', params: { resource: 'documentTemplate', operation: 'send', templateId: 'tp1', contactId: 'c1', userId: 'u1' }, method: 'POST', path: '/proposals/templates/send', body: { locationId: LOCATION_ID, templateId: 'tp1', contactId: 'c1', userId: 'u1', sendDocument: true }, reply: { success: true } },
		{ name: 'custom field create', params: { resource: 'customField', operation: 'create', name: 'Tier', dataType: 'TEXT', model: 'contact' }, method: 'POST', path: `/locations/${LOCATION_ID}/customFields`, body: { name: 'Tier', dataType: 'TEXT', model: 'contact' }, reply: { customField: { id: 'cf9' } }, out: { id: 'cf9' } },
		{ name: 'custom value update', params: { resource: 'customValue', operation: 'update', customValueId: 'v1', name: 'Phone', value: '555' }, method: 'PUT', path: `/locations/${LOCATION_ID}/customValues/v1`, body: { name: 'Phone', value: '555' }, reply: { customValue: { id: 'v1' } } },
		{ name: 'tag create', params: { resource: 'tag', operation: 'create', name: 'vip' }, method: 'POST', path: `/locations/${LOCATION_ID}/tags`, body: { name: 'vip' }, reply: { tag: { id: 'tg1', name: 'vip' } }, out: { id: 'tg1', name: 'vip' } },
		{ name: 'location get', params: { resource: 'location', operation: 'get' }, method: 'GET', path: `/locations/${LOCATION_ID}`, reply: { location: { id: LOCATION_ID } }, out: { id: LOCATION_ID } },
		{ name: 'user get', params: { resource: 'user', operation: 'get', userId: 'u1' }, method: 'GET', path: '/users/u1', reply: { id: 'u1' }, out: { id: 'u1' } },
		{ name: 'opportunity status', params: { resource: 'opportunity', operation: 'updateStatus', opportunityId: 'o1', status: 'lost', lostReasonId: 'r1' }, method: 'PUT', path: '/opportunities/o1/status', body: { status: 'lost', lostReasonId: 'r1' }, reply: { succeded: true } },
		{ name: 'custom API call', params: { resource: 'customApiCall', operation: 'call', method: 'POST', path: '/calendars/{locationId}/x', bodyJson: '{"a":1}', queryJson: '{"b":"2"}' }, method: 'POST', path: `/calendars/${LOCATION_ID}/x`, body: { a: 1 }, query: { b: '2' }, reply: { ok: 1 }, out: { ok: 1 } },
	];
	it.each(cases.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
		let body: IDataObject | undefined;
		let query: IDataObject | undefined;
		const scope = ghl()
			.intercept(c.path, c.method, (b) => ((body = b as IDataObject), true))
			.query((q) => ((query = q as IDataObject), true))
			.reply(200, c.reply);
		const result = await run(c.params);
		expect(result.error('GHL')).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		if (c.body) expect(body).toEqual(c.body);
		if (c.query) expect(query).toEqual(c.query);
		if (c.out) expect(result.output('GHL')[0]).toMatchObject(c.out);
	});

	it('works with the OAuth2 credential too (location from the token)', async () => {
		const scope = nock(GHL_BASE, { reqheaders: { authorization: /^Bearer oauth-access-/ } })
			.get(`/locations/${LOCATION_ID}`)
			.reply(200, { location: { id: LOCATION_ID } });
		const result = await run({ resource: 'location', operation: 'get' }, { oauth: true });
		expect(result.error('GHL')).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});
});

describe('errors', () => {
	it('continueOnFail: the item carries message, httpCode and traceId, and the next item still runs', async () => {
		ghl().get('/contacts/bad').reply(422, { statusCode: 422, message: ['email must be an email'], traceId: 'trace-abc-123' });
		ghl().get('/contacts/good').reply(200, { contact: { id: 'good' } });
		const result = await run(
			{ resource: 'contact', operation: 'get', contactId: '={{ $json.id }}' },
			{ continueOnFail: true, input: [{ id: 'bad' }, { id: 'good' }] },
		);
		const out = result.output('GHL');
		expect(out[0]).toMatchObject({ error: 'email must be an email', httpCode: '422', traceId: 'trace-abc-123' });
		expect(out[1]).toEqual({ id: 'good' });
		expect(result.items('GHL').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('a missing scope fails before anything is sent, naming the scope', async () => {
		const scope = ghl().post('/contacts/').reply(201, { contact: { id: 'x' } });
		const result = await run(
			{ resource: 'contact', operation: 'create', additionalFields: { email: 'a@b.co' } },
			{ scopes: ['contacts.readonly', 'locations.readonly'] },
		);
		expect(result.error('GHL')?.message).toMatch(/contacts\.write/);
		expect(scope.isDone()).toBe(false);
	});

	it('required fields fail the item naming the field', async () => {
		const result = await run({ resource: 'contactTask', operation: 'create', contactId: 'c1', title: '={{ $json.missing }}', dueDate: '2025-01-01' });
		expect(result.error('GHL')?.message).toMatch(/"Title" is required/);
	});
});
