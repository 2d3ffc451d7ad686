import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { environmentProperties } from '../nodes/common/credentialEnvironment';
import {
	GHL_CUSTOM_URL_TEXT,
	GHL_DEFAULT_OAUTH_SCOPES,
	GHL_PRODUCTION_BASE_URL,
} from '../nodes/Ghl/reference/ghlCredentialFields';

/**
 * A HighLevel Marketplace app (OAuth2, authorization code). Named apart from
 * n8n's built-in `highLevelOAuth2Api`: credential type names are global in an
 * n8n instance. The `Version` header is added by the GHL transport on every
 * call, since OAuth2 requests do not go through a credential's `authenticate`.
 */
export class GhlOAuth2Api implements ICredentialType {
	name = 'ghlOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'GHL OAuth2 API';

	icon = 'file:../icons/ghl.svg' as const;

	documentationUrl = 'https://marketplace.gohighlevel.com/docs/Authorization/OAuth2.0';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://marketplace.gohighlevel.com/v2/oauth/chooselocation',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `${GHL_PRODUCTION_BASE_URL}/oauth/token`,
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: GHL_DEFAULT_OAUTH_SCOPES.join(' '),
			description:
				'Space-separated HighLevel scopes; they must match the scopes enabled for the Marketplace app',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		{
			displayName: 'Location ID',
			name: 'locationId',
			type: 'string',
			default: '',
			description:
				'Optional. Defaults to the location chosen during authorization (returned with the token).',
		},
		...environmentProperties(GHL_PRODUCTION_BASE_URL, GHL_CUSTOM_URL_TEXT),
	];
}
