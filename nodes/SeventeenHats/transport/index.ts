/**
 * The 17hats transport: the REST contract in docs/17hats-api.yaml described as
 * an ApiProfile for the shared transport.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { credentialBaseUrl } from '../../common/credentialEnvironment';
import { fingerprint } from '../../common/hash';
import { credentialSecrets } from '../../common/redact';
import { header, type HeaderBag } from '../../common/retry';
import { parseScopes } from '../../common/scopes';
import { createTransport, type ApiConnection, type ApiProfile } from '../../common/transport';
import { readHatsError } from '../api/errors';
import { HATS_PRODUCTION_BASE_URL } from '../reference/hatsCredentialFields';

export const HATS_CREDENTIAL = 'seventeenHatsApi';

const DAY_MS = 86_400_000;

/** Days until the key is due for rotation (negative when overdue), or undefined when not tracked. */
export function keyRotationDueInDays(credentials: ICredentialDataDecryptedObject, now = Date.now()): number | undefined {
	const issued = Date.parse(String(credentials.issuedAt ?? ''));
	const period = Number(credentials.rotationDays ?? 0);
	if (Number.isNaN(issued) || !(period > 0)) return undefined;
	return Math.floor((issued + period * DAY_MS - now) / DAY_MS);
}

export function hatsConnection(credentialType: string, credentials: ICredentialDataDecryptedObject): ApiConnection {
	const { url: baseUrl, problem } = credentialBaseUrl(credentials, HATS_PRODUCTION_BASE_URL);
	const apiKey = String(credentials.apiKey ?? '');
	return {
		credentialType,
		baseUrl,
		grantedScopes: parseScopes(credentials.scopes),
		bucketKey: fingerprint('17hats', baseUrl, apiKey),
		secrets: credentialSecrets(credentials),
		defaults: { rotationDueInDays: keyRotationDueInDays(credentials) ?? null },
		problem,
	};
}

export function readHatsRateLimit(headers: HeaderBag) {
	const num = (name: string) => {
		const v = Number(header(headers, name));
		return Number.isFinite(v) && header(headers, name) !== undefined ? v : undefined;
	};
	const limit = num('x-ratelimit-limit');
	const remaining = num('x-ratelimit-remaining');
	const reset = num('x-ratelimit-reset');
	if (limit === undefined && remaining === undefined) return undefined;
	return { limit, remaining, resetInMs: reset !== undefined ? reset * 1000 : undefined };
}

export const hatsProfile: ApiProfile = {
	api: '17hats',
	scopeNoun: '17hats scope',
	credentialType: () => HATS_CREDENTIAL,
	credentialRejected: {
		[HATS_CREDENTIAL]:
			'17hats no longer accepts its API key (rotated and past its overlap, or revoked). Rotate it: create a new API key in 17hats, paste it into the credential, set Key Issued On to today and save.',
	},
	connection: hatsConnection,
	headers: {},
	readError: readHatsError,
	readRateLimit: readHatsRateLimit,
	defaultRateLimit: { limit: 120, windowMs: 60_000 },
};

export const hatsTransport = createTransport(hatsProfile);
