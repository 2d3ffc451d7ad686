/**
 * The credentials' Environment: Production (the service's own URL, nothing to
 * see or type) or Custom (the local sandbox, or a gateway) with its Base URL.
 *
 * Credentials saved before Environment existed hold their URL in `baseUrl`.
 * n8n fills a missing field with its default (Environment → Production) and
 * drops fields hidden by displayOptions before a node sees the data, so the
 * old `baseUrl` stays a hidden field (default: the production URL) and is
 * what Production uses: an old credential pointing at a sandbox or gateway
 * keeps working, a new one goes to production.
 */
import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

import { checkBaseUrl, type CheckedBaseUrl } from './baseUrl';

export const CUSTOM_ENVIRONMENT = 'custom';

export interface CustomUrlText {
	/** What the Base URL field says under it. */
	description: string;
	placeholder: string;
}

/** Environment, the Custom Base URL and the hidden Base URL older credentials saved. */
export function environmentProperties(productionUrl: string, custom: CustomUrlText): INodeProperties[] {
	return [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Custom (Sandbox or Gateway)',
					value: CUSTOM_ENVIRONMENT,
					description: 'Another endpoint: the local sandbox or a gateway',
				},
				{ name: 'Production', value: 'production', description: productionUrl },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: custom.placeholder,
			description: custom.description,
			displayOptions: { show: { environment: [CUSTOM_ENVIRONMENT] } },
		},
		{
			// Kept for credentials saved before Environment existed (see above).
			displayName: 'Base URL (Saved Before Environment)',
			name: 'baseUrl',
			type: 'hidden',
			default: productionUrl,
		},
	];
}

/** The base URL the credential names, checked (https, or loopback for the sandbox). */
export function credentialBaseUrl(credentials: ICredentialDataDecryptedObject, productionUrl: string): CheckedBaseUrl {
	if (credentials.environment === CUSTOM_ENVIRONMENT) {
		const custom = typeof credentials.customBaseUrl === 'string' ? credentials.customBaseUrl.trim() : '';
		if (custom === '') {
			return { url: productionUrl, problem: 'Base URL is empty: enter it in the credential or set Environment to Production' };
		}
		return checkBaseUrl(custom, productionUrl);
	}
	return checkBaseUrl(credentials.baseUrl, productionUrl);
}

/** The same choice as an n8n expression, for a credential's `test` request. */
export function baseUrlExpression(productionUrl: string): string {
	return `={{ String(($credentials.environment === "${CUSTOM_ENVIRONMENT}" ? $credentials.customBaseUrl : $credentials.baseUrl || "${productionUrl}") ?? "").trim().replace(/\\/+$/, "") }}`;
}
