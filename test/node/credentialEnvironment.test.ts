/**
 * The credentials' Environment: Production (the default, no URL to see) or
 * Custom (sandbox or gateway) with its Base URL. Credentials are filled the
 * way n8n fills stored credential data before a node or a credential test
 * sees it (defaults for missing fields, fields hidden by displayOptions
 * dropped), so a credential saved before Environment existed is exercised as
 * n8n would hand it over.
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INode, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { createHarness, nodeType, type EngineHarness } from '../support/harness';
import { HATS_API_KEY, LOCATION_ID, PIT_TOKEN } from '../support/fixtures';
import { useNock } from '../support/nock';

const GHL_PRODUCTION = 'https://services.leadconnectorhq.com';
const HATS_PRODUCTION = 'https://api.17hats.com/v1';
const GATEWAY = 'https://gateway.example.com/ghl';
const HATS_GATEWAY = 'https://hats-gateway.example.com/v1';

let harness: EngineHarness;

beforeAll(async () => {
	harness = await createHarness();
});

useNock();

const credentialType = (name: string): ICredentialType => harness.credentialTypes.getByName(name);

/** What n8n hands a node for stored credential data (CredentialsHelper.applyDefaultsAndOverwrites). */
function asN8nFills(type: string, stored: IDataObject): ICredentialDataDecryptedObject {
	const filled = NodeHelpers.getNodeParameters(credentialType(type).properties, stored as INodeParameters, true, false, null, null) ?? {};
	return filled as ICredentialDataDecryptedObject;
}

const shown = (type: string, stored: IDataObject) => Object.keys(NodeHelpers.getNodeParameters(credentialType(type).properties, stored as INodeParameters, false, false, null, null) ?? {});

function visibleFields(type: string, stored: IDataObject): string[] {
	const values = asN8nFills(type, stored);
	return credentialType(type)
		.properties.filter((p: INodeProperties) => p.type !== 'hidden' && NodeHelpers.displayParameter(values, p, null, null))
		.map((p) => p.name);
}

/** The credential test request's base URL, resolved as n8n resolves `$credentials` expressions. */
function testBaseUrl(type: string, stored: IDataObject): unknown {
	const request = credentialType(type).test?.request;
	if (!request) throw new Error(`${type} has no test request`);
	const node: INode = { id: 'n', name: 'n', type: nodeType('ghl'), typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: harness.nodeTypes });
	return workflow.expression.getParameterValue(String(request.baseURL), null, 0, 0, 'n', [], 'internal', {
		$credentials: asN8nFills(type, stored),
	} as never);
}

describe.each([
	{ type: 'ghlPrivateIntegrationApi', production: GHL_PRODUCTION, base: { token: PIT_TOKEN, locationId: LOCATION_ID } },
	{ type: 'ghlOAuth2Api', production: GHL_PRODUCTION, base: {} },
	{ type: 'seventeenHatsApi', production: HATS_PRODUCTION, base: { apiKey: HATS_API_KEY } },
])('$type: Environment', ({ type, production, base }) => {
	it('defaults to Production and shows no Base URL', () => {
		const filled = asN8nFills(type, base);
		expect(filled.environment).toBe('production');
		expect(visibleFields(type, base)).toContain('environment');
		expect(visibleFields(type, base)).not.toContain('customBaseUrl');
		expect(visibleFields(type, base)).not.toContain('baseUrl');
		const environment = credentialType(type).properties.find((p) => p.name === 'environment');
		expect(environment?.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual(['custom', 'production']);
	});

	it('shows the Base URL for Custom only', () => {
		expect(visibleFields(type, { ...base, environment: 'custom' })).toContain('customBaseUrl');
		expect(shown(type, { ...base, environment: 'production', customBaseUrl: GATEWAY })).not.toContain('customBaseUrl');
	});

	if (type === 'ghlOAuth2Api') return;

	it('tests against production, the custom URL, or the Base URL an older credential saved', () => {
		expect(testBaseUrl(type, base)).toBe(production);
		expect(testBaseUrl(type, { ...base, environment: 'custom', customBaseUrl: `${GATEWAY}/` })).toBe(GATEWAY);
		expect(testBaseUrl(type, { ...base, baseUrl: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
	});
});

describe('the nodes use the environment the credential names', () => {
	const ghlRun = async (stored: IDataObject) =>
		await harness.runWorkflow({
			nodes: [{ name: 'GHL', type: nodeType('ghl'), parameters: { resource: 'location', operation: 'get' } }],
			credentials: { ghlPrivateIntegrationApi: asN8nFills('ghlPrivateIntegrationApi', { token: PIT_TOKEN, locationId: LOCATION_ID, ...stored }) },
		});
	const hatsRun = async (stored: IDataObject) =>
		await harness.runWorkflow({
			nodes: [{ name: '17hats', type: nodeType('seventeenHats'), parameters: { resource: 'account', operation: 'get' } }],
			credentials: { seventeenHatsApi: asN8nFills('seventeenHatsApi', { apiKey: HATS_API_KEY, ...stored }) },
		});

	it('GHL: Production', async () => {
		const scope = nock(GHL_PRODUCTION).get(`/locations/${LOCATION_ID}`).reply(200, { location: { id: LOCATION_ID } });
		const result = await ghlRun({});
		expect(result.error('GHL')).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('GHL: Custom, even with an older Base URL still stored beside it', async () => {
		const scope = nock('https://gateway.example.com').get(`/ghl/locations/${LOCATION_ID}`).reply(200, { location: { id: LOCATION_ID } });
		const result = await ghlRun({ environment: 'custom', customBaseUrl: GATEWAY, baseUrl: 'https://old.example.com' });
		expect(result.error('GHL')).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('GHL: a credential saved before Environment existed keeps its Base URL', async () => {
		const scope = nock('https://ghl-proxy.example.com').get(`/locations/${LOCATION_ID}`).reply(200, { location: { id: LOCATION_ID } });
		const result = await ghlRun({ baseUrl: 'https://ghl-proxy.example.com/' });
		expect(result.error('GHL')).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('GHL: Custom with no Base URL fails naming the field, before any request', async () => {
		const result = await ghlRun({ environment: 'custom', customBaseUrl: '' });
		expect(result.error('GHL')?.message).toMatch(/Base URL is empty/);
	});

	it('17hats: Production, Custom and an older saved Base URL', async () => {
		const production = nock(HATS_PRODUCTION).get('/me').reply(200, { account_id: 'acc_prod' });
		expect((await hatsRun({})).output('17hats')).toEqual([{ account_id: 'acc_prod' }]);
		expect(production.isDone()).toBe(true);

		const custom = nock(HATS_GATEWAY).get('/me').reply(200, { account_id: 'acc_gw' });
		expect((await hatsRun({ environment: 'custom', customBaseUrl: HATS_GATEWAY })).output('17hats')).toEqual([{ account_id: 'acc_gw' }]);
		expect(custom.isDone()).toBe(true);

		const legacy = nock('https://old-gateway.example.com').get('/v1/me').reply(200, { account_id: 'acc_old' });
		expect((await hatsRun({ baseUrl: 'https://old-gateway.example.com/v1' })).output('17hats')).toEqual([{ account_id: 'acc_old' }]);
		expect(legacy.isDone()).toBe(true);
	});
});
