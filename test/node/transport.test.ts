/**
 * The shared transport, exercised through n8n's engine with the GHL and
 * 17hats nodes: authentication headers, retries, errors, redaction, scopes.
 */
import nock from 'nock';
import type { INode } from 'n8n-workflow';

import { useNock } from '../support/nock';
import { createHarness, nodeType, type EngineHarness, type TestNode } from '../support/harness';
import {
	GHL_BASE,
	ghlOAuth2Credentials,
	ghlPitCredentials,
	HATS_API_KEY,
	HATS_BASE,
	hatsCredentials,
	LOCATION_ID,
	OAUTH_ACCESS_TOKEN,
	PIT_TOKEN,
} from '../support/fixtures';

let harness: EngineHarness;

beforeAll(async () => {
	harness = await createHarness();
});

useNock();

function ghlNode(parameters: Record<string, unknown> = {}, extra: Partial<INode> = {}): TestNode {
	return {
		name: 'GHL',
		type: nodeType('ghl'),
		parameters: { resource: 'location', operation: 'get', ...parameters },
		...extra,
	} as TestNode;
}

const location = { location: { id: LOCATION_ID, name: 'Studio' } };

describe('GHL authentication', () => {
	it('sends Bearer and Version with a Private Integration Token', async () => {
		const scope = nock(GHL_BASE, {
			reqheaders: { authorization: `Bearer ${PIT_TOKEN}`, version: '2021-07-28' },
		})
			.get(`/locations/${LOCATION_ID}`)
			.reply(200, location);
		const result = await harness.runWorkflow({
			nodes: [ghlNode()],
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
		});
		expect(result.error('GHL')).toBeUndefined();
		expect(result.output('GHL')).toEqual([location.location]);
		expect(scope.isDone()).toBe(true);
	});

	it('sends Bearer and Version with the OAuth2 credential', async () => {
		const scope = nock(GHL_BASE, {
			reqheaders: { authorization: `Bearer ${OAUTH_ACCESS_TOKEN}`, version: '2021-07-28' },
		})
			.get(`/locations/${LOCATION_ID}`)
			.reply(200, location);
		const result = await harness.runWorkflow({
			nodes: [ghlNode({ authentication: 'oAuth2' })],
			credentials: { ghlOAuth2Api: ghlOAuth2Credentials() },
		});
		expect(result.error('GHL')).toBeUndefined();
		expect(result.output('GHL')).toEqual([location.location]);
		expect(scope.isDone()).toBe(true);
	});

	it('takes the location from the OAuth2 token when the credential leaves it empty', async () => {
		const scope = nock(GHL_BASE).get('/locations/tokenLocation').reply(200, { location: { id: 'tokenLocation' } });
		const credentials = ghlOAuth2Credentials();
		(credentials.oauthTokenData as Record<string, unknown>).locationId = 'tokenLocation';
		const result = await harness.runWorkflow({
			nodes: [ghlNode({ authentication: 'oAuth2' })],
			credentials: { ghlOAuth2Api: credentials },
		});
		expect(result.output('GHL')).toEqual([{ id: 'tokenLocation' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('sends the 17hats key as a Bearer token', async () => {
		const scope = nock(HATS_BASE, { reqheaders: { authorization: `Bearer ${HATS_API_KEY}` } })
			.get('/me')
			.reply(200, { account_id: 'acc_1', scopes: ['contacts:read'] });
		const result = await harness.runWorkflow({
			nodes: [{ name: '17hats', type: nodeType('seventeenHats'), parameters: { resource: 'account', operation: 'get' } }],
			credentials: { seventeenHatsApi: hatsCredentials() },
		});
		expect(result.output('17hats')).toEqual([{ account_id: 'acc_1', scopes: ['contacts:read'] }]);
		expect(scope.isDone()).toBe(true);
	});
});

describe('OAuth2 token refresh', () => {
	it('refreshes an expired access token on a 401 and repeats the request with the new one', async () => {
		const api = nock(GHL_BASE)
			.get(`/locations/${LOCATION_ID}`)
			.matchHeader('authorization', `Bearer ${OAUTH_ACCESS_TOKEN}`)
			.reply(401, { statusCode: 401, message: 'Invalid JWT' })
			.post('/oauth/token', (body) => body.grant_type === 'refresh_token' && body.refresh_token === 'refresh-token-value-789')
			.reply(200, { access_token: 'fresh-access-token-value', refresh_token: 'refresh-2', token_type: 'Bearer', expires_in: 86399 })
			.get(`/locations/${LOCATION_ID}`)
			.matchHeader('authorization', 'Bearer fresh-access-token-value')
			.matchHeader('version', '2021-07-28')
			.reply(200, location);
		const result = await harness.runWorkflow({
			nodes: [ghlNode({ authentication: 'oAuth2' })],
			credentials: { ghlOAuth2Api: ghlOAuth2Credentials() },
		});
		expect(result.error('GHL')).toBeUndefined();
		expect(result.output('GHL')).toEqual([location.location]);
		expect(api.isDone()).toBe(true);
	});

	it('reports a 401 that survives the refresh with the API message and status', async () => {
		nock(GHL_BASE)
			.get(`/locations/${LOCATION_ID}`)
			.times(2)
			.reply(401, { statusCode: 401, message: 'The token is not authorized for this scope.', traceId: 't-401' })
			.post('/oauth/token')
			.reply(200, { access_token: 'fresh-access-token-value', refresh_token: 'refresh-2', token_type: 'Bearer' });
		const result = await harness.runWorkflow({
			nodes: [ghlNode({ authentication: 'oAuth2' })],
			credentials: { ghlOAuth2Api: ghlOAuth2Credentials() },
		});
		const error = result.error('GHL');
		expect(error?.message).toBe('The token is not authorized for this scope.');
		expect(error?.httpCode).toBe('401');
		expect(error?.description).toContain('t-401');
	});
});

describe('retries', () => {
	it('retries a 429 after Retry-After, then succeeds', async () => {
		const scope = nock(GHL_BASE)
			.get(`/locations/${LOCATION_ID}`)
			.reply(429, { statusCode: 429, message: 'Too many requests' }, { 'Retry-After': '1' })
			.get(`/locations/${LOCATION_ID}`)
			.reply(200, location);
		const started = Date.now();
		const result = await harness.runWorkflow({
			nodes: [ghlNode()],
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
		});
		expect(result.error('GHL')).toBeUndefined();
		expect(result.output('GHL')).toEqual([location.location]);
		expect(scope.isDone()).toBe(true);
		// It waited for the server's Retry-After before the second attempt.
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	it('retries a dropped connection (ECONNRESET)', async () => {
		const scope = nock(GHL_BASE)
			.get(`/locations/${LOCATION_ID}`)
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.get(`/locations/${LOCATION_ID}`)
			.reply(200, location);
		const result = await harness.runWorkflow({
			nodes: [ghlNode({ requestOptions: { maxAttempts: 2 } })],
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
		});
		expect(result.error('GHL')).toBeUndefined();
		expect(result.output('GHL')).toEqual([location.location]);
		expect(scope.isDone()).toBe(true);
	});

	it('ends a 500 storm in a NodeApiError with the API message, status and trace id', async () => {
		const body = { statusCode: 500, message: 'Internal failure in contacts service', traceId: 'trace-abc-123' };
		const scope = nock(GHL_BASE).get(`/locations/${LOCATION_ID}`).times(3).reply(500, body);
		const result = await harness.runWorkflow({
			nodes: [ghlNode({ requestOptions: { maxAttempts: 3 } })],
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
		});
		const error = result.error('GHL');
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Internal failure in contacts service');
		expect(error?.httpCode).toBe('500');
		expect(error?.description).toContain('HTTP 500');
		expect(error?.description).toContain('trace-abc-123');
		expect(error?.description).toContain('3 attempts');
		expect(scope.isDone()).toBe(true);
	});

	it('never repeats a POST that may have been processed (500), but does after a 429', async () => {
		// Record Payment: a repeated request would record the payment twice.
		const scope = nock(GHL_BASE)
			.post('/invoices/inv1/record-payment')
			.reply(429, { message: 'slow down' }, { 'Retry-After': '0' })
			.post('/invoices/inv1/record-payment')
			.reply(500, { statusCode: 500, message: 'Gateway hiccup' });
		const result = await harness.runWorkflow({
			nodes: [
				ghlNode({
					resource: 'customApiCall',
					operation: 'call',
					method: 'POST',
					path: '/invoices/inv1/record-payment',
					requestOptions: { maxAttempts: 5 },
				}),
			],
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
		});
		expect(result.error('GHL')?.httpCode).toBe('500');
		expect(result.error('GHL')?.description).toContain('2 attempts');
		expect(scope.isDone()).toBe(true);
	});

	it('does not retry a 400 and reports GHL message arrays', async () => {
		const scope = nock(GHL_BASE)
			.get(`/locations/${LOCATION_ID}`)
			.once()
			.reply(422, { statusCode: 422, message: ['locationId must be a string', 'email is invalid'], error: 'Unprocessable Entity' });
		const result = await harness.runWorkflow({
			nodes: [ghlNode()],
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
		});
		expect(result.error('GHL')?.message).toBe('locationId must be a string; email is invalid');
		expect(result.error('GHL')?.httpCode).toBe('422');
		expect(scope.isDone()).toBe(true);
	});
});

describe('errors never carry secrets', () => {
	it('redacts the token from errors, output and logs', async () => {
		const logged: string[] = [];
		const capture = (chunk: unknown) => {
			logged.push(String(chunk));
			return true;
		};
		const spies = [
			jest.spyOn(process.stdout, 'write').mockImplementation(capture),
			jest.spyOn(process.stderr, 'write').mockImplementation(capture),
			...(['log', 'warn', 'error', 'info', 'debug'] as const).map((m) =>
				jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
			),
		];
		// An API that echoes the token back in its error body. n8n sends a request
		// answered 401 once more after re-authenticating, hence twice.
		nock(GHL_BASE)
			.get(`/locations/${LOCATION_ID}`)
			.times(2)
			.reply(401, { statusCode: 401, message: `Invalid token Bearer ${PIT_TOKEN}`, traceId: 't-1', token: PIT_TOKEN });
		let serialized = '';
		try {
			const failing = await harness.runWorkflow({
				nodes: [ghlNode()],
				credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
			});
			const withContinue = await (async () => {
				nock(GHL_BASE).get(`/locations/${LOCATION_ID}`).times(2).reply(401, { message: `bad ${PIT_TOKEN}` });
				return await harness.runWorkflow({
					nodes: [ghlNode({}, { continueOnFail: true } as Partial<INode>)],
					credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
				});
			})();
			const error = failing.error('GHL');
			expect(error?.message).toContain('[redacted]');
			serialized = JSON.stringify([failing.run, withContinue.run, error, error?.description, error?.context]);
			expect(withContinue.output('GHL')[0].error).toContain('[redacted]');
		} finally {
			spies.forEach((spy) => spy.mockRestore());
		}
		expect(serialized).not.toContain(PIT_TOKEN);
		expect(logged.join('\n')).not.toContain(PIT_TOKEN);
	});
});

describe('scope pre-check', () => {
	it('fails before any request when the credential lacks the scope, naming it', async () => {
		// No interceptor: any request would fail with a network error instead.
		const result = await harness.runWorkflow({
			nodes: [ghlNode()],
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials({ scopes: ['contacts.readonly'] }) },
		});
		const error = result.error('GHL');
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toContain('"locations.readonly"');
		expect(error?.description).toContain('Nothing was sent');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('uses the scopes HighLevel granted to an OAuth2 token', async () => {
		const credentials = ghlOAuth2Credentials();
		(credentials.oauthTokenData as Record<string, unknown>).scope = 'contacts.readonly';
		const result = await harness.runWorkflow({
			nodes: [ghlNode({ authentication: 'oAuth2' })],
			credentials: { ghlOAuth2Api: credentials },
		});
		expect(result.error('GHL')?.message).toContain('"locations.readonly"');
	});

	it('passes when the scope is granted', async () => {
		const scope = nock(GHL_BASE).get(`/locations/${LOCATION_ID}`).reply(200, location);
		const result = await harness.runWorkflow({
			nodes: [ghlNode()],
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials({ scopes: ['locations.readonly'] }) },
		});
		expect(result.error('GHL')).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});
});

describe('base URL', () => {
	it('refuses plain http except on loopback', async () => {
		const result = await harness.runWorkflow({
			nodes: [ghlNode()],
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials({ baseUrl: 'http://ghl.example.com' }) },
		});
		expect(result.error('GHL')?.message).toContain('must use https');
	});
});

describe('per-item behaviour', () => {
	it('keeps paired items and gives each failing item its own error with continueOnFail', async () => {
		nock(GHL_BASE)
			.get('/contacts/c1')
			.reply(200, { contact: { id: 'c1' } })
			.get('/contacts/missing')
			.reply(404, { statusCode: 404, message: 'Contact not found', traceId: 'trace-404' })
			.get('/contacts/c3')
			.reply(200, { contact: { id: 'c3' } });
		const result = await harness.runWorkflow({
			nodes: [
				ghlNode(
					{ resource: 'contact', operation: 'get', contactId: '={{ $json.id }}', requestOptions: { concurrency: 2 } },
					{ continueOnFail: true } as Partial<INode>,
				),
			],
			input: [{ json: { id: 'c1' } }, { json: { id: 'missing' } }, { json: { id: 'c3' } }],
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
		});
		const items = result.items('GHL');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toEqual({ id: 'c1' });
		expect(items[1].json).toMatchObject({ error: 'Contact not found', httpCode: '404', traceId: 'trace-404' });
		expect(items[2].json).toEqual({ id: 'c3' });
	});

	it('fails an item whose mapped required field is empty, naming the field', async () => {
		const scope = nock(GHL_BASE).get('/contacts/c1').reply(200, { contact: { id: 'c1' } });
		const result = await harness.runWorkflow({
			nodes: [
				ghlNode(
					{ resource: 'contact', operation: 'get', contactId: '={{ $json.id }}' },
					{ continueOnFail: true } as Partial<INode>,
				),
			],
			input: [{ json: { id: 'c1' } }, { json: { name: 'no id here' } }],
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
		});
		expect(result.output('GHL')).toEqual([{ id: 'c1' }, expect.objectContaining({ error: 'The field "Contact ID" is required' })]);
		expect(scope.isDone()).toBe(true);
	});
});

describe('pagination', () => {
	it('follows the opportunity cursor to the end, keeping location_id, limit and filters on every page', async () => {
		// (Contact → Get Many now uses Search Contacts; opportunities still page by startAfterId + startAfter.)
		const page = (ids: string[], last?: { id: string; at: number }) => ({
			opportunities: ids.map((id) => ({ id })),
			meta: last ? { startAfterId: last.id, startAfter: last.at, total: 5 } : { total: 5 },
		});
		const scope = nock(GHL_BASE)
			.get('/opportunities/search')
			.query({ location_id: LOCATION_ID, q: 'ann', limit: 2 })
			.reply(200, page(['a', 'b'], { id: 'b', at: 1700000000002 }))
			.get('/opportunities/search')
			.query({ location_id: LOCATION_ID, q: 'ann', limit: 2, startAfterId: 'b', startAfter: 1700000000002 })
			.reply(200, page(['c', 'd'], { id: 'd', at: 1700000000004 }))
			.get('/opportunities/search')
			.query({ location_id: LOCATION_ID, q: 'ann', limit: 2, startAfterId: 'd', startAfter: 1700000000004 })
			.reply(200, page(['e']));
		const { pagination } = (await import('../../dist/nodes/Ghl/actions/opportunity/getAll.operation')).getAllOpportunities;
		// A small page size makes three pages out of five opportunities.
		(pagination as { pageSize: number }).pageSize = 2;
		const result = await harness.runWorkflow({
			nodes: [ghlNode({ resource: 'opportunity', operation: 'getAll', returnAll: true, filters: { q: 'ann' } })],
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
		});
		(pagination as { pageSize: number }).pageSize = 100;
		expect(result.error('GHL')).toBeUndefined();
		expect(result.output('GHL').map((c) => c.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(scope.isDone()).toBe(true);
	});

});
