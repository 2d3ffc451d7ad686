import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlExpression, environmentProperties } from '../nodes/common/credentialEnvironment';
import { GHL_API_VERSION, GHL_CUSTOM_URL_TEXT, GHL_PRODUCTION_BASE_URL, ghlScopeOptions } from '../nodes/Ghl/reference/ghlCredentialFields';

/**
 * A HighLevel Private Integration Token: a static bearer token created in a
 * sub-account's settings with a fixed set of scopes. HighLevel does not report
 * a token's scopes, so the user records them here and the nodes check them
 * before sending a request.
 */
export class GhlPrivateIntegrationApi implements ICredentialType {
	name = 'ghlPrivateIntegrationApi';

	displayName = 'GHL Private Integration Token API';

	icon = 'file:../icons/ghl.svg' as const;

	documentationUrl = 'https://marketplace.gohighlevel.com/docs/Authorization/PrivateIntegrationsToken';

	properties: INodeProperties[] = [
		{
			displayName: 'Private Integration Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Created in the sub-account under Settings → Private Integrations. Rotating it in HighLevel keeps the old token valid for up to 7 days.',
		},
		{
			displayName: 'Location ID',
			name: 'locationId',
			type: 'string',
			default: '',
			required: true,
			description: 'The sub-account (location) the token belongs to',
		},
		{
			displayName: 'Granted Scopes',
			name: 'scopes',
			type: 'multiOptions',
			options: ghlScopeOptions,
			default: [],
			description:
				'The scopes selected when the token was created. Operations that need a scope missing here fail before any request is sent.',
		},
		...environmentProperties(GHL_PRODUCTION_BASE_URL, GHL_CUSTOM_URL_TEXT),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.token}}',
				Version: GHL_API_VERSION,
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(GHL_PRODUCTION_BASE_URL),
			url: '=/locations/{{$credentials.locationId}}',
			method: 'GET',
		},
	};
}
