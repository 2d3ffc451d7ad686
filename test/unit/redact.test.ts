import { checkBaseUrl } from '../../nodes/common/baseUrl';
import { credentialSecrets, redactText, redactValue } from '../../nodes/common/redact';
import { missingScopes, parseScopes } from '../../nodes/common/scopes';

describe('redaction', () => {
	it('removes known secrets and bearer tokens from text', () => {
		const out = redactText('key abcdef123456 and Bearer zzzzzzzzzzzz and pit-1234567890ab', ['abcdef123456']);
		expect(out).toBe('key [redacted] and Bearer [redacted] and [redacted]');
	});

	it('blanks secret headers and nested secrets in values', () => {
		const value = redactValue(
			{ headers: { Authorization: 'Bearer x', 'x-ghl-signature': 'sig', Accept: 'json' }, body: { note: 'has s3cr3t-value' } },
			['s3cr3t-value'],
		);
		expect(value).toEqual({
			headers: { Authorization: '[redacted]', 'x-ghl-signature': '[redacted]', Accept: 'json' },
			body: { note: 'has [redacted]' },
		});
	});

	it('collects the secret fields of a credential, including OAuth token data', () => {
		const secrets = credentialSecrets({
			token: 'pit-abc',
			locationId: 'loc',
			clientSecret: 'cs',
			oauthTokenData: { access_token: 'at', refresh_token: 'rt', locationId: 'loc' },
		});
		expect(secrets.sort()).toEqual(['at', 'cs', 'pit-abc', 'rt']);
	});
});

describe('base URL check', () => {
	it('accepts https and loopback http, trims the trailing slash', () => {
		expect(checkBaseUrl('https://services.leadconnectorhq.com/', 'x')).toEqual({ url: 'https://services.leadconnectorhq.com' });
		expect(checkBaseUrl('http://127.0.0.1:4010', 'x').problem).toBeUndefined();
		expect(checkBaseUrl('http://localhost:4020/v1', 'x').problem).toBeUndefined();
		expect(checkBaseUrl('', 'https://default.example').url).toBe('https://default.example');
	});

	it('refuses plain http elsewhere and invalid URLs', () => {
		expect(checkBaseUrl('http://10.0.0.5', 'x').problem).toContain('must use https');
		expect(checkBaseUrl('not a url', 'x').problem).toContain('not a valid URL');
	});
});

describe('scopes', () => {
	it('names what is missing, and does not check an empty grant list', () => {
		expect(missingScopes(['a', 'b'], ['a', 'c'])).toEqual(['c']);
		expect(missingScopes([], ['a'])).toEqual([]);
		expect(missingScopes(undefined, ['a'])).toEqual([]);
	});

	it('parses arrays and space or comma separated strings', () => {
		expect(parseScopes('a b,c')).toEqual(['a', 'b', 'c']);
		expect(parseScopes(['a', '', 3])).toEqual(['a']);
		expect(parseScopes(undefined)).toEqual([]);
	});
});
