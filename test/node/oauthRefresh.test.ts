/**
 * A failed OAuth2 token refresh, as n8n-core reports it (client-oauth2 against
 * a token endpoint answering an error), is told as what it is: the credential
 * could not be refreshed and must be reconnected, not a network error.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ghlProfile } from '../../dist/nodes/Ghl/transport';
import { useNock } from '../support/nock';
import { createHarness, nodeType, type EngineHarness } from '../support/harness';
import { GHL_BASE, LOCATION_ID, OAUTH_ACCESS_TOKEN, ghlOAuth2Credentials } from '../support/fixtures';

let harness: EngineHarness;
beforeAll(async () => {
	harness = await createHarness();
});
useNock();

const REFRESH_TOKEN = 'refresh-token-value-789';
const CLIENT_SECRET = 'client-secret-value-456';

async function runWithTokenEndpoint(status: number, body: IDataObject, continueOnFail = false) {
	const api = nock(GHL_BASE)
		.get(`/locations/${LOCATION_ID}`)
		.reply(401, { statusCode: 401, message: 'Invalid JWT' })
		.post('/oauth/token')
		.reply(status, body);
	const result = await harness.runWorkflow({
		nodes: [
			{
				name: 'GHL',
				type: nodeType('ghl'),
				parameters: { authentication: 'oAuth2', resource: 'location', operation: 'get' },
				...(continueOnFail ? { continueOnFail: true, onError: 'continueRegularOutput' } : {}),
			} as never,
		],
		credentials: { ghlOAuth2Api: ghlOAuth2Credentials() },
	});
	expect(api.isDone()).toBe(true);
	return result;
}

function expectRefreshFailure(error: ReturnType<Awaited<ReturnType<typeof runWithTokenEndpoint>>['error']>) {
	expect(error?.message).toContain('GHL OAuth2 API');
	expect(error?.message).toContain('could not be refreshed');
	expect(error?.description).toMatch(/reconnect/i);
	expect(error?.description).not.toContain('[object Object]');
	expect(`${error?.message} ${error?.description}`).not.toMatch(/could not be reached|EAUTH|ESTATUS/);
	const serialized = JSON.stringify([error, error?.context, error?.description]);
	for (const secret of [OAUTH_ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET]) expect(serialized).not.toContain(secret);
}

describe('a failed OAuth2 token refresh', () => {
	it('invalid_grant (revoked or expired refresh token): says to reconnect the credential', async () => {
		const result = await runWithTokenEndpoint(400, { error: 'invalid_grant', error_description: 'refresh token is invalid' });
		expectRefreshFailure(result.error('GHL'));
	});

	it("HighLevel's own 401 body (error: Unauthorized, client-oauth2's EAUTH)", async () => {
		const result = await runWithTokenEndpoint(401, { statusCode: 401, message: 'Invalid client credentials', error: 'Unauthorized' });
		const error = result.error('GHL');
		expectRefreshFailure(error);
		expect(error?.description).toContain('Invalid client credentials');
	});

	it("HighLevel's 400 body without an OAuth error code (client-oauth2's ESTATUS)", async () => {
		const result = await runWithTokenEndpoint(400, { statusCode: 400, message: 'Refresh token expired' });
		const error = result.error('GHL');
		expectRefreshFailure(error);
		expect(error?.description).toContain('The token endpoint answered HTTP 400: Refresh token expired.');
	});

	it('names the credential types as the editor shows them', () => {
		for (const [type, displayName] of Object.entries(ghlProfile.credentialDisplayNames ?? {})) {
			expect(harness.credentialTypes.getByName(type).displayName).toBe(displayName);
		}
		expect(Object.keys(ghlProfile.credentialDisplayNames ?? {})).toHaveLength(2);
	});

	it('gives the same message on the item under Continue On Fail', async () => {
		const result = await runWithTokenEndpoint(400, { error: 'invalid_grant' }, true);
		const [item] = result.output('GHL');
		expect(String(item.error)).toContain('GHL OAuth2 API');
		expect(String(item.description)).toMatch(/reconnect/i);
	});
});
