/**
 * The GHL transport: HighLevel's API v2 described as an ApiProfile for the
 * shared transport. Both GHL credentials (Private Integration Token and
 * Marketplace OAuth2) resolve to the same connection shape here.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { credentialBaseUrl } from '../../common/credentialEnvironment';
import { nodeParameter } from '../../common/context';
import { fingerprint } from '../../common/hash';
import { credentialSecrets } from '../../common/redact';
import { header, type HeaderBag } from '../../common/retry';
import { parseScopes } from '../../common/scopes';
import { createTransport, type ApiConnection, type ApiContext, type ApiProfile } from '../../common/transport';
import { GHL_API_VERSION, GHL_PRODUCTION_BASE_URL } from '../reference/ghlCredentialFields';

export const GHL_PIT_CREDENTIAL = 'ghlPrivateIntegrationApi';
export const GHL_OAUTH2_CREDENTIAL = 'ghlOAuth2Api';

/** Value of the nodes' `authentication` parameter → credential type. */
export const GHL_AUTHENTICATION_TYPES: Record<string, string> = {
	privateIntegrationToken: GHL_PIT_CREDENTIAL,
	oAuth2: GHL_OAUTH2_CREDENTIAL,
};

function toNumber(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const n = Number(value);
	return Number.isFinite(n) ? n : undefined;
}

export function ghlConnection(credentialType: string, credentials: ICredentialDataDecryptedObject): ApiConnection {
	const { url: baseUrl, problem } = credentialBaseUrl(credentials, GHL_PRODUCTION_BASE_URL);
	const secrets = credentialSecrets(credentials);
	if (credentialType === GHL_OAUTH2_CREDENTIAL) {
		const token = (credentials.oauthTokenData ?? {}) as IDataObject;
		const locationId = String(credentials.locationId || token.locationId || '');
		const companyId = String(token.companyId ?? '');
		// What HighLevel granted (token response) beats what was requested.
		const granted = parseScopes(token.scope ?? credentials.scope);
		return {
			credentialType,
			baseUrl,
			grantedScopes: granted,
			bucketKey: fingerprint('ghl-oauth2', baseUrl, locationId || companyId, String(credentials.clientId ?? '')),
			secrets,
			defaults: { locationId, companyId },
			problem,
		};
	}
	const locationId = String(credentials.locationId ?? '');
	return {
		credentialType,
		baseUrl,
		grantedScopes: parseScopes(credentials.scopes),
		bucketKey: fingerprint('ghl-pit', baseUrl, locationId),
		secrets,
		defaults: { locationId },
		problem,
	};
}

export function readGhlError(body: unknown): { message?: string; traceId?: string; details?: string } {
	if (!body || typeof body !== 'object') {
		return typeof body === 'string' && body.trim() !== '' ? { message: body.slice(0, 500) } : {};
	}
	const b = body as IDataObject;
	const raw = b.message ?? b.msg ?? b.error;
	const message = Array.isArray(raw) ? raw.map(String).join('; ') : typeof raw === 'string' ? raw : undefined;
	const traceId = typeof b.traceId === 'string' ? b.traceId : undefined;
	const details = typeof b.error === 'string' && b.error !== message ? b.error : undefined;
	return { message, traceId, details };
}

export function readGhlRateLimit(headers: HeaderBag) {
	const limit = toNumber(header(headers, 'x-ratelimit-max'));
	const remaining = toNumber(header(headers, 'x-ratelimit-remaining'));
	const windowMs = toNumber(header(headers, 'x-ratelimit-interval-milliseconds'));
	if (limit === undefined && remaining === undefined) return undefined;
	// GHL does not say when the window resets; a whole window is the safe wait.
	return { limit, remaining, windowMs, resetInMs: remaining === 0 ? windowMs : undefined };
}

export const ghlProfile: ApiProfile = {
	api: 'HighLevel',
	scopeNoun: 'HighLevel scope',
	credentialDisplayNames: {
		[GHL_PIT_CREDENTIAL]: 'GHL Private Integration Token API',
		[GHL_OAUTH2_CREDENTIAL]: 'GHL OAuth2 API',
	},
	credentialRejected: {
		[GHL_PIT_CREDENTIAL]:
			'HighLevel no longer accepts its Private Integration token (revoked, rotated or for another location). Replace it: in HighLevel open Settings → Private Integrations, create a new token (or copy the rotated one) with the same scopes, paste it into the credential and save.',
		[GHL_OAUTH2_CREDENTIAL]:
			'HighLevel no longer accepts its access token (the app was uninstalled or access revoked). Replace it: open the credential in n8n and reconnect it to HighLevel.',
	},
	credentialType(ctx: ApiContext, itemIndex: number) {
		const auth = nodeParameter(ctx, 'authentication', itemIndex, 'privateIntegrationToken');
		return GHL_AUTHENTICATION_TYPES[auth] ?? GHL_PIT_CREDENTIAL;
	},
	connection: ghlConnection,
	headers: { Version: GHL_API_VERSION },
	readError: readGhlError,
	readRateLimit: readGhlRateLimit,
	// Documented: 100 requests per 10 seconds per app per location.
	defaultRateLimit: { limit: 100, windowMs: 10_000 },
};

export const ghlTransport = createTransport(ghlProfile);
