/** Credential fixtures for engine tests. The values are fake and only ever meet nock or the sandbox. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const GHL_BASE = 'https://services.leadconnectorhq.com';
export const HATS_BASE = 'https://api.17hats.com/v1';

export const PIT_TOKEN = 'pit-test-3f9c2e71-aa40-4c1e-9f5d-000000000001';
export const OAUTH_ACCESS_TOKEN = 'oauth-access-eyJhbGciOiJIUzI1NiJ9.test-token-0002';
export const HATS_API_KEY = 'hats_live_test_key_5b0c7d2e9a1f44d8';
export const LOCATION_ID = 've9EPM428h8vShlRW1KT';

/** A credential's Environment set to Custom with this base URL (the sandbox, a gateway). */
export function sandboxEnvironment(url: string): ICredentialDataDecryptedObject {
	return { environment: 'custom', customBaseUrl: url };
}

export function ghlPitCredentials(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { token: PIT_TOKEN, locationId: LOCATION_ID, scopes: [], environment: 'production', baseUrl: GHL_BASE, ...overrides };
}

export function ghlOAuth2Credentials(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		grantType: 'authorizationCode',
		authUrl: 'https://marketplace.gohighlevel.com/v2/oauth/chooselocation',
		accessTokenUrl: `${GHL_BASE}/oauth/token`,
		clientId: 'client-id-123',
		clientSecret: 'client-secret-value-456',
		scope: 'contacts.readonly locations.readonly',
		authentication: 'body',
		environment: 'production',
		baseUrl: GHL_BASE,
		oauthTokenData: {
			access_token: OAUTH_ACCESS_TOKEN,
			refresh_token: 'refresh-token-value-789',
			token_type: 'Bearer',
			locationId: LOCATION_ID,
			scope: 'contacts.readonly locations.readonly',
		},
		...overrides,
	};
}

export function hatsCredentials(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { apiKey: HATS_API_KEY, environment: 'production', baseUrl: HATS_BASE, scopes: [], issuedAt: '', rotationDays: 90, ...overrides };
}
