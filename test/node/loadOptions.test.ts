/**
 * The editor's dropdowns and searchable lists (methods.loadOptions,
 * methods.listSearch, methods.resourceMapping) of the GHL, 17hats and sync
 * nodes, run through n8n-core's LoadOptionsContext with fixture credentials;
 * HTTP intercepted with nock. Each test checks the request (path, query,
 * credential header) and the options the editor would show.
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { GHL_BASE, HATS_API_KEY, HATS_BASE, LOCATION_ID, PIT_TOKEN, ghlOAuth2Credentials, ghlPitCredentials, hatsCredentials } from '../support/fixtures';
import { createLoadOptionsHarness, type LoadOptionsHarness } from '../support/loadOptionsHarness';
import { useNock } from '../support/nock';

const GHL = 'ghl';
const HATS = 'seventeenHats';
const SYNC = 'ghlTo17hatsSync';

let harness: LoadOptionsHarness;
beforeAll(async () => {
	harness = await createLoadOptionsHarness();
});
useNock();

const ghlCredentials = (overrides: ICredentialDataDecryptedObject = {}) => ({ ghlPrivateIntegrationApi: ghlPitCredentials(overrides) });
const hatsCreds = { seventeenHatsApi: hatsCredentials() };

/** A GHL GET interceptor that records the query it was called with. */
function ghlGet(path: string, reply: IDataObject) {
	const seen: IDataObject[] = [];
	const scope = nock(GHL_BASE, { reqheaders: { authorization: `Bearer ${PIT_TOKEN}`, version: '2021-07-28' } })
		.get(path)
		.query((q) => (seen.push(q), true))
		.reply(200, reply);
	return { scope, seen };
}

function hatsGet(path: string, reply: IDataObject) {
	const seen: IDataObject[] = [];
	const scope = nock(HATS_BASE, { reqheaders: { authorization: `Bearer ${HATS_API_KEY}` } })
		.get(path)
		.query((q) => (seen.push(q), true))
		.reply(200, reply);
	return { scope, seen };
}

/** Every method a test below covers, by node and kind: a new method fails the first test until it has one. */
const COVERED: Record<string, Record<string, string[]>> = {
	[GHL]: {
		loadOptions: [
			'getContactCustomFields',
			'getDocumentTemplates',
			'getOpportunityCustomFields',
			'getPipelineStages',
			'getPipelines',
			'getTags',
			'getUsers',
		],
		listSearch: [
			'searchContacts',
			'searchCustomFields',
			'searchCustomValues',
			'searchDocuments',
			'searchEstimateTemplates',
			'searchEstimates',
			'searchInvoiceSchedules',
			'searchInvoiceTemplates',
			'searchInvoices',
			'searchNotes',
			'searchOpportunities',
			'searchTags',
			'searchTasks',
			'searchUsers',
		],
		resourceMapping: [],
	},
	[HATS]: {
		loadOptions: [],
		listSearch: ['searchContacts', 'searchContracts', 'searchDocuments', 'searchProjects', 'searchTemplates'],
		resourceMapping: [],
	},
	[SYNC]: { loadOptions: ['getTemplates'], listSearch: [], resourceMapping: ['getMappingColumns'] },
};

it('every editor method of the GHL, 17hats and sync nodes has a test here', () => {
	for (const [node, kinds] of Object.entries(COVERED)) {
		for (const [kind, names] of Object.entries(kinds)) {
			expect([node, kind, harness.methodNames(node, kind as never)]).toEqual([node, kind, names]);
		}
	}
});

describe('GHL loadOptions', () => {
	it('getUsers: GET /users/?locationId, sorted by name, falling back to first/last name or email', async () => {
		const { scope, seen } = ghlGet('/users/', {
			users: [
				{ id: 'u2', name: 'Zoe Zed', email: 'zoe@example.com' },
				{ id: 'u1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
				{ id: 'u3', email: 'nobody@example.com' },
			],
		});
		const options = await harness.loadOptions(GHL, 'getUsers', { credentials: ghlCredentials() });
		expect(seen).toEqual([{ locationId: LOCATION_ID }]);
		expect(options).toEqual([
			{ name: 'Ada Lovelace', value: 'u1', description: 'ada@example.com' },
			{ name: 'nobody@example.com', value: 'u3', description: 'nobody@example.com' },
			{ name: 'Zoe Zed', value: 'u2', description: 'zoe@example.com' },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it("uses the node's Location ID over the credential's, but not an unresolved expression", async () => {
		// Invoice → Send shows Location ID and a Sent By (user) dropdown.
		const send = { resource: 'invoice', operation: 'send' };
		const typed = ghlGet('/users/', { users: [] });
		await harness.loadOptions(GHL, 'getUsers', { credentials: ghlCredentials(), parameters: { ...send, locationId: 'otherLoc' } });
		expect(typed.seen).toEqual([{ locationId: 'otherLoc' }]);

		const expression = ghlGet('/users/', { users: [] });
		await harness.loadOptions(GHL, 'getUsers', {
			credentials: ghlCredentials(),
			parameters: { ...send, locationId: '={{ $json.loc }}' },
		});
		expect(expression.seen).toEqual([{ locationId: LOCATION_ID }]);
	});

	it('works with the OAuth2 credential (its location from the token) and checks its granted scopes first', async () => {
		const authentication = 'oAuth2';
		const withScope = ghlOAuth2Credentials({
			oauthTokenData: {
				access_token: 'oauth-access',
				token_type: 'Bearer',
				locationId: 'oauthLoc',
				scope: 'users.readonly',
			},
		});
		const seen: IDataObject[] = [];
		const scope = nock(GHL_BASE, { reqheaders: { authorization: 'Bearer oauth-access' } })
			.get('/users/')
			.query((q) => (seen.push(q), true))
			.reply(200, { users: [{ id: 'u1', name: 'Ada' }] });
		const options = await harness.loadOptions(GHL, 'getUsers', {
			credentials: { ghlOAuth2Api: withScope },
			parameters: { authentication },
		});
		expect(seen).toEqual([{ locationId: 'oauthLoc' }]);
		expect(options).toEqual([{ name: 'Ada', value: 'u1', description: undefined }]);
		expect(scope.isDone()).toBe(true);

		// The fixture's default token lacks users.readonly: nothing is sent.
		await expect(
			harness.loadOptions(GHL, 'getUsers', { credentials: { ghlOAuth2Api: ghlOAuth2Credentials() }, parameters: { authentication } }),
		).rejects.toThrow(/users\.readonly/);
	});

	it('getPipelines: GET /opportunities/pipelines?locationId, sorted by name', async () => {
		const { scope, seen } = ghlGet('/opportunities/pipelines', {
			pipelines: [
				{ id: 'p2', name: 'Sales', stages: [] },
				{ id: 'p1', name: 'Onboarding', stages: [] },
			],
		});
		const options = await harness.loadOptions(GHL, 'getPipelines', { credentials: ghlCredentials() });
		expect(seen).toEqual([{ locationId: LOCATION_ID }]);
		expect(options).toEqual([
			{ name: 'Onboarding', value: 'p1' },
			{ name: 'Sales', value: 'p2' },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it("getPipelineStages: the chosen pipeline's stages, in pipeline order", async () => {
		const { scope, seen } = ghlGet('/opportunities/pipelines', {
			pipelines: [
				{ id: 'p1', name: 'Onboarding', stages: [{ id: 's9', name: 'Other pipeline' }] },
				{
					id: 'p2',
					name: 'Sales',
					stages: [
						{ id: 's2', name: 'Qualified' },
						{ id: 's1', name: 'Closed' },
						{ id: 's3' },
					],
				},
			],
		});
		const options = await harness.loadOptions(GHL, 'getPipelineStages', {
			credentials: ghlCredentials(),
			parameters: { resource: 'opportunity', operation: 'create', pipelineId: 'p2' },
		});
		expect(seen).toEqual([{ locationId: LOCATION_ID }]);
		expect(options).toEqual([
			{ name: 'Qualified', value: 's2' },
			{ name: 'Closed', value: 's1' },
			{ name: 's3', value: 's3' },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['getContactCustomFields', 'contact'],
		['getOpportunityCustomFields', 'opportunity'],
	])('%s: GET /locations/{locationId}/customFields?model=%s', async (method, model) => {
		const { scope, seen } = ghlGet(`/locations/${LOCATION_ID}/customFields`, {
			customFields: [
				{ id: 'cf2', name: 'Tier', dataType: 'SINGLE_OPTIONS', fieldKey: `${model}.tier` },
				{ id: 'cf1', name: 'Birthday', dataType: 'DATE' },
			],
		});
		const options = await harness.loadOptions(GHL, method, { credentials: ghlCredentials() });
		expect(seen).toEqual([{ model }]);
		expect(options).toEqual([
			{ name: 'Birthday', value: 'cf1', description: 'DATE' },
			{ name: 'Tier', value: 'cf2', description: `SINGLE_OPTIONS · ${model}.tier` },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('getTags: GET /locations/{locationId}/tags, the tag name as the value', async () => {
		const { scope, seen } = ghlGet(`/locations/${LOCATION_ID}/tags`, {
			tags: [
				{ id: 't2', name: 'vip' },
				{ id: 't1', name: 'lead' },
			],
		});
		const options = await harness.loadOptions(GHL, 'getTags', { credentials: ghlCredentials() });
		expect(seen).toEqual([{}]);
		expect(options).toEqual([
			{ name: 'lead', value: 'lead' },
			{ name: 'vip', value: 'vip' },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('getDocumentTemplates: GET /proposals/templates?locationId&limit=100&skip=0, by _id', async () => {
		const { scope, seen } = ghlGet('/proposals/templates', {
			data: [
				{ _id: 'tp2', name: 'Wedding contract' },
				{ id: 'tp1', name: 'Proposal' },
			],
			total: 2,
		});
		const options = await harness.loadOptions(GHL, 'getDocumentTemplates', { credentials: ghlCredentials() });
		expect(seen).toEqual([{ locationId: LOCATION_ID, limit: '100', skip: '0' }]);
		expect(options).toEqual([
			{ name: 'Proposal', value: 'tp1' },
			{ name: 'Wedding contract', value: 'tp2' },
		]);
		expect(scope.isDone()).toBe(true);
	});
});

describe('GHL listSearch', () => {
	const contacts = (count: number) =>
		Array.from({ length: count }, (_, i) => ({ id: `c${i}`, firstName: 'Ada', lastName: `L${i}`, email: `ada${i}@example.com`, searchAfter: [i, `c${i}`] }));

	/** A GHL POST interceptor that records the bodies it was called with. */
	function ghlPost(path: string, reply: IDataObject) {
		const seen: IDataObject[] = [];
		const scope = nock(GHL_BASE, { reqheaders: { authorization: `Bearer ${PIT_TOKEN}`, version: '2021-07-28' } })
			.post(path, (body) => (seen.push(body), true))
			.reply(200, reply);
		return { scope, seen };
	}

	it('searchContacts: POST /contacts/search (GET /contacts/ is deprecated), the text as query; a full page gives a searchAfter token', async () => {
		const { scope, seen } = ghlPost('/contacts/search', { contacts: contacts(50), total: 120 });
		const result = await harness.listSearch(GHL, 'searchContacts', { credentials: ghlCredentials(), filter: 'ada' });
		expect(seen).toEqual([{ locationId: LOCATION_ID, query: 'ada', page: 1, pageLimit: 50 }]);
		expect(result.results).toHaveLength(50);
		expect(result.results[0]).toEqual({ name: 'Ada L0 (ada0@example.com)', value: 'c0' });
		expect(JSON.parse(String(result.paginationToken))).toEqual({ pageLimit: 50, searchAfter: [49, 'c49'] });
		expect(scope.isDone()).toBe(true);
	});

	it('searchContacts: the token is sent back as searchAfter (page dropped); a short page ends the list', async () => {
		const { scope, seen } = ghlPost('/contacts/search', {
			contacts: [
				{ id: 'c50', contactName: 'Grace Hopper', email: 'grace@example.com' },
				{ id: 'c51', phone: '+15550100' },
				{ id: 'c52', email: 'only@example.com' },
			],
			total: 53,
		});
		const result = await harness.listSearch(GHL, 'searchContacts', {
			credentials: ghlCredentials(),
			paginationToken: JSON.stringify({ pageLimit: 50, searchAfter: [49, 'c49'] }),
		});
		expect(seen).toEqual([{ locationId: LOCATION_ID, pageLimit: 50, searchAfter: [49, 'c49'] }]);
		expect(result).toEqual({
			results: [
				{ name: 'Grace Hopper (grace@example.com)', value: 'c50' },
				{ name: '+15550100', value: 'c51' },
				{ name: 'only@example.com', value: 'c52' },
			],
			paginationToken: undefined,
		});
		expect(scope.isDone()).toBe(true);
	});

	it('searchContacts: without searchAfter in the answer the next page is asked for by page', async () => {
		const { seen } = ghlPost('/contacts/search', { contacts: contacts(50).map(({ searchAfter: _s, ...c }) => c), total: 120 });
		const result = await harness.listSearch(GHL, 'searchContacts', { credentials: ghlCredentials() });
		expect(seen).toEqual([{ locationId: LOCATION_ID, page: 1, pageLimit: 50 }]);
		expect(JSON.parse(String(result.paginationToken))).toEqual({ page: 2, pageLimit: 50 });
	});

	// Lists whose endpoint searches and pages: the text goes to the API, the token carries the next page's paging parameters only.
	const paged: Array<{ method: string; path: string; base: IDataObject; search: string; items: string; total: string; records: IDataObject[]; expected: Array<{ name: string; value: string }> }> = [
		{
			method: 'searchInvoices',
			path: '/invoices/',
			base: { altId: LOCATION_ID, altType: 'location' },
			search: 'search',
			items: 'invoices',
			total: 'total',
			records: [{ _id: 'i1', name: 'Wedding', invoiceNumber: 'INV-7', status: 'sent' }, { _id: 'i2', invoiceNumber: 'INV-8' }],
			expected: [
				{ name: 'Wedding (INV-7, sent)', value: 'i1' },
				{ name: 'INV-8', value: 'i2' },
			],
		},
		{
			method: 'searchInvoiceSchedules',
			path: '/invoices/schedule',
			base: { altId: LOCATION_ID, altType: 'location' },
			search: 'search',
			items: 'schedules',
			total: 'total',
			records: [{ _id: 's1', name: 'Monthly retainer', status: 'active' }],
			expected: [{ name: 'Monthly retainer (active)', value: 's1' }],
		},
		{
			method: 'searchInvoiceTemplates',
			path: '/invoices/template',
			base: { altId: LOCATION_ID, altType: 'location' },
			search: 'search',
			items: 'data',
			total: 'totalCount',
			records: [{ _id: 'it1', name: 'Deposit' }],
			expected: [{ name: 'Deposit', value: 'it1' }],
		},
		{
			method: 'searchEstimates',
			path: '/invoices/estimate/list',
			base: { altId: LOCATION_ID, altType: 'location' },
			search: 'search',
			items: 'estimates',
			total: 'total',
			records: [{ _id: 'e1', name: 'Quote', estimateNumber: 3, estimateStatus: 'draft' }],
			expected: [{ name: 'Quote (3, draft)', value: 'e1' }],
		},
		{
			method: 'searchEstimateTemplates',
			path: '/invoices/estimate/template',
			base: { altId: LOCATION_ID, altType: 'location' },
			search: 'search',
			items: 'data',
			total: 'totalCount',
			records: [{ _id: 'et1', name: 'Standard' }],
			expected: [{ name: 'Standard', value: 'et1' }],
		},
		{
			method: 'searchDocuments',
			path: '/proposals/document',
			base: { locationId: LOCATION_ID },
			search: 'query',
			items: 'documents',
			total: 'total',
			records: [{ _id: 'd1', name: 'Contract', status: 'sent' }],
			expected: [{ name: 'Contract (sent)', value: 'd1' }],
		},
	];
	it.each(paged.map((c) => [c.method, c.path, c] as const))('%s: GET %s, the text as the search, offset/skip pages as the token', async (_m, _p, c) => {
		const pageKey = c.path === '/proposals/document' ? 'skip' : 'offset';
		const first = ghlGet(c.path, { [c.items]: c.records, [c.total]: 150 });
		const firstPage = await harness.listSearch(GHL, c.method, { credentials: ghlCredentials(), filter: 'wed' });
		expect(first.seen).toEqual([{ ...c.base, [c.search]: 'wed', [pageKey]: '0', limit: '100' }]);
		// Only part of a page came back but the total says more: the next page starts after what was seen.
		expect(firstPage).toEqual({ results: c.expected, paginationToken: JSON.stringify({ [pageKey]: c.records.length, limit: 100 }) });

		const second = ghlGet(c.path, { [c.items]: [], [c.total]: 150 });
		const secondPage = await harness.listSearch(GHL, c.method, { credentials: ghlCredentials(), filter: 'wed', paginationToken: firstPage.paginationToken });
		expect(second.seen).toEqual([{ ...c.base, [c.search]: 'wed', [pageKey]: String(c.records.length), limit: '100' }]);
		expect(secondPage).toEqual({ results: [], paginationToken: undefined });
	});

	it('searchOpportunities: GET /opportunities/search?location_id&q, cursor pages as the token', async () => {
		const opportunities = Array.from({ length: 100 }, (_, i) => ({ id: `o${i}`, name: `Deal ${i}`, status: 'open', contact: { name: 'Ada' } }));
		const first = ghlGet('/opportunities/search', { opportunities, meta: { startAfterId: 'o99', startAfter: 1700 } });
		const page = await harness.listSearch(GHL, 'searchOpportunities', { credentials: ghlCredentials(), filter: 'deal' });
		expect(first.seen).toEqual([{ location_id: LOCATION_ID, q: 'deal', limit: '100' }]);
		expect(page.results[0]).toEqual({ name: 'Deal 0 (Ada, open)', value: 'o0' });
		expect(JSON.parse(String(page.paginationToken))).toEqual({ limit: 100, startAfterId: 'o99', startAfter: 1700 });

		const second = ghlGet('/opportunities/search', { opportunities: [{ id: 'o100', name: 'Last' }], meta: {} });
		const next = await harness.listSearch(GHL, 'searchOpportunities', { credentials: ghlCredentials(), paginationToken: page.paginationToken });
		expect(second.seen).toEqual([{ location_id: LOCATION_ID, limit: '100', startAfterId: 'o99', startAfter: '1700' }]);
		expect(next).toEqual({ results: [{ name: 'Last', value: 'o100' }], paginationToken: undefined });
	});

	// Lists whose endpoint neither searches nor pages: one request, filtered here by name or ID.
	const whole: Array<{ method: string; path: string; query: IDataObject; reply: IDataObject; parameters?: INodeParameters; filter: string; expected: Array<{ name: string; value: string }> }> = [
		{
			method: 'searchUsers',
			path: '/users/',
			query: { locationId: LOCATION_ID },
			reply: { users: [{ id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com' }, { id: 'u2', firstName: 'Grace', lastName: 'Hopper' }] },
			filter: 'ADA',
			expected: [{ name: 'Ada Lovelace (ada@example.com)', value: 'u1' }],
		},
		{
			method: 'searchCustomFields',
			path: `/locations/${LOCATION_ID}/customFields`,
			query: { model: 'all' },
			reply: { customFields: [{ id: 'cf1', name: 'Tier', model: 'contact', fieldKey: 'contact.tier' }, { id: 'cf2', name: 'Budget', model: 'opportunity' }] },
			filter: 'tier',
			expected: [{ name: 'Tier (contact, contact.tier)', value: 'cf1' }],
		},
		{
			method: 'searchCustomValues',
			path: `/locations/${LOCATION_ID}/customValues`,
			query: {},
			reply: { customValues: [{ id: 'v1', name: 'Office phone', fieldKey: '{{ custom_values.office_phone }}' }, { id: 'v2', name: 'Address' }] },
			filter: 'v2',
			expected: [{ name: 'Address', value: 'v2' }],
		},
		{
			method: 'searchTags',
			path: `/locations/${LOCATION_ID}/tags`,
			query: {},
			reply: { tags: [{ id: 't1', name: 'vip' }, { id: 't2', name: 'lead' }] },
			filter: 'VI',
			expected: [{ name: 'vip', value: 't1' }],
		},
		{
			method: 'searchNotes',
			path: '/contacts/c1/notes',
			query: {},
			reply: { notes: [{ id: 'n1', body: 'Called   about the\nwedding date' }, { id: 'n2', body: 'x'.repeat(70) }] },
			parameters: { resource: 'contactNote', operation: 'get', contactId: { __rl: true, mode: 'list', value: 'c1' } },
			filter: '',
			expected: [
				{ name: 'Called about the wedding date', value: 'n1' },
				{ name: `${'x'.repeat(60)}…`, value: 'n2' },
			],
		},
		{
			method: 'searchTasks',
			path: '/contacts/c1/tasks',
			query: {},
			reply: { tasks: [{ id: 'k1', title: 'Send contract', completed: true }, { id: 'k2', title: 'Call back' }] },
			parameters: { resource: 'contactTask', operation: 'get', contactId: 'c1' },
			filter: 'call',
			expected: [{ name: 'Call back', value: 'k2' }],
		},
	];
	it.each(whole.map((c) => [c.method, c.path, c] as const))('%s: GET %s, filtered by name or ID', async (_m, _p, c) => {
		const { scope, seen } = ghlGet(c.path, c.reply);
		const result = await harness.listSearch(GHL, c.method, { credentials: ghlCredentials(), filter: c.filter, parameters: c.parameters });
		expect(seen).toEqual([c.query]);
		expect(result).toEqual({ results: c.expected, paginationToken: undefined });
		expect(scope.isDone()).toBe(true);
	});

	it.each(['searchNotes', 'searchTasks'])('%s: nothing to list (and nothing sent) until a contact is chosen', async (method) => {
		const result = await harness.listSearch(GHL, method, {
			credentials: ghlCredentials(),
			parameters: { resource: 'contactNote', operation: 'get', contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
		});
		expect(result).toEqual({ results: [] });
	});

	it("uses Options → Location ID (Override) over the credential's location", async () => {
		const { seen } = ghlGet('/invoices/', { invoices: [], total: 0 });
		await harness.listSearch(GHL, 'searchInvoices', {
			credentials: ghlCredentials(),
			parameters: { resource: 'invoice', operation: 'get', options: { locationId: 'otherLoc' } },
		});
		expect(seen).toEqual([{ altId: 'otherLoc', altType: 'location', offset: '0', limit: '100' }]);
	});
});

describe('17hats listSearch', () => {
	const cases: Array<{ method: string; path: string; records: IDataObject[]; expected: Array<{ name: string; value: string }> }> = [
		{
			method: 'searchContacts',
			path: '/contacts',
			records: [
				{ contact_id: 'ct_1', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' },
				{ contact_id: 'ct_2', company: 'Acme' },
			],
			expected: [
				{ name: 'Ada Lovelace <ada@example.com>', value: 'ct_1' },
				{ name: 'Acme', value: 'ct_2' },
			],
		},
		{
			method: 'searchProjects',
			path: '/projects',
			records: [{ project_id: 'pr_1', name: 'Wedding' }, { project_id: 'pr_2' }],
			expected: [
				{ name: 'Wedding', value: 'pr_1' },
				{ name: 'pr_2', value: 'pr_2' },
			],
		},
		{
			method: 'searchDocuments',
			path: '/documents',
			records: [{ document_id: 'doc_1', name: 'Quote', document_type: 'quote', status: 'draft' }],
			expected: [{ name: 'Quote (quote, draft)', value: 'doc_1' }],
		},
		{
			method: 'searchContracts',
			path: '/contracts',
			records: [{ contract_id: 'k_1', name: 'Service agreement', status: 'signed' }],
			expected: [{ name: 'Service agreement (signed)', value: 'k_1' }],
		},
		{
			method: 'searchTemplates',
			path: '/templates',
			records: [{ template_id: 'tpl_1', name: 'Welcome', document_type: 'contract' }],
			expected: [{ name: 'Welcome (contract)', value: 'tpl_1' }],
		},
	];

	it.each(cases.map((c) => [c.method, c.path, c] as const))('%s: GET %s?limit=100, the next_cursor as the token', async (_m, _p, c) => {
		const { scope, seen } = hatsGet(c.path, { data: c.records, next_cursor: 'cur_2' });
		const result = await harness.listSearch(HATS, c.method, { credentials: hatsCreds });
		expect(seen).toEqual([{ limit: '100' }]);
		expect(result).toEqual({ results: c.expected, paginationToken: 'cur_2' });
		expect(scope.isDone()).toBe(true);
	});

	it('sends the token back as cursor, filters the page by name or ID, and ends on a null next_cursor', async () => {
		const { scope, seen } = hatsGet('/contacts', {
			data: [
				{ contact_id: 'ct_1', first_name: 'Ada', last_name: 'Lovelace' },
				{ contact_id: 'ct_2', first_name: 'Grace', last_name: 'Hopper' },
				{ contact_id: 'ct_ada9', first_name: 'Someone' },
			],
			next_cursor: null,
		});
		const result = await harness.listSearch(HATS, 'searchContacts', { credentials: hatsCreds, filter: 'ADA', paginationToken: 'cur_2' });
		expect(seen).toEqual([{ limit: '100', cursor: 'cur_2' }]);
		expect(result).toEqual({
			results: [
				{ name: 'Ada Lovelace', value: 'ct_1' },
				{ name: 'Someone', value: 'ct_ada9' },
			],
			paginationToken: undefined,
		});
		expect(scope.isDone()).toBe(true);
	});
});

describe('GHL → 17hats sync', () => {
	it('loadOptions.getTemplates: walks every /templates page (cursor) into "name (type)" options', async () => {
		const seen: IDataObject[] = [];
		const scope = nock(HATS_BASE, { reqheaders: { authorization: `Bearer ${HATS_API_KEY}` } })
			.get('/templates')
			.query((q) => (seen.push(q), true))
			.reply(200, { data: [{ template_id: 'tpl_1', name: 'Welcome', document_type: 'contract' }], next_cursor: 'cur_2' })
			.get('/templates')
			.query((q) => (seen.push(q), true))
			.reply(200, { data: [{ template_id: 'tpl_2', name: 'Renewal', document_type: 'quote' }], next_cursor: null });
		const options = await harness.loadOptions(SYNC, 'getTemplates', { credentials: hatsCreds });
		expect(seen).toEqual([{ limit: '100' }, { limit: '100', cursor: 'cur_2' }]);
		expect(options).toEqual([
			{ name: 'Welcome (contract)', value: 'tpl_1' },
			{ name: 'Renewal (quote)', value: 'tpl_2' },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it("resourceMapping.getMappingColumns: the chosen entity's 17hats fields, without any request", async () => {
		const contact = await harness.resourceMapping(SYNC, 'getMappingColumns', {
			credentials: hatsCreds,
			parameters: { entity: 'contact' },
		});
		const ids = contact.fields.map((f) => f.id);
		expect(ids).toContain('contact:first_name');
		expect(ids.every((id) => id.startsWith('contact:'))).toBe(true);
		expect(contact.fields.find((f) => f.id === 'contact:email')).toMatchObject({
			displayName: 'Contact: Email (default: GHL email)',
			type: 'string',
			required: false,
			display: true,
		});
		// A status-mapped field offers the mapped values.
		const type = contact.fields.find((f) => f.id === 'contact:type');
		expect(type?.type).toBe('options');
		expect(type?.options?.length).toBeGreaterThan(0);

		const invoice = await harness.resourceMapping(SYNC, 'getMappingColumns', { credentials: hatsCreds, parameters: { entity: 'invoice' } });
		const targets = new Set(invoice.fields.map((f) => f.id.split(':')[0]));
		expect([...targets].sort()).toEqual(['contract', 'invoice']);

		// Auto-detect (the default) offers every target.
		const auto = await harness.resourceMapping(SYNC, 'getMappingColumns', { credentials: hatsCreds });
		expect(new Set(auto.fields.map((f) => f.id.split(':')[0]))).toEqual(new Set(['contact', 'document', 'contract', 'invoice']));
		expect(nock.pendingMocks()).toEqual([]);
	});
});
