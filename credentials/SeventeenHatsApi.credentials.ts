import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import {
	HATS_PRODUCTION_BASE_URL,
	hatsScopeOptions,
} from '../nodes/SeventeenHats/reference/hatsCredentialFields';

/**
 * A 17hats account API key (Settings → Integrations in 17hats). The issued date
 * and rotation period let the nodes warn before a key is due for rotation.
 */
export class SeventeenHatsApi implements ICredentialType {
	name = 'seventeenHatsApi';

	displayName = '17hats API';

	icon = 'file:../icons/seventeenHats.svg' as const;

	documentationUrl = 'https://help.17hats.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: HATS_PRODUCTION_BASE_URL,
			description: 'Change only to point at the local sandbox (http://127.0.0.1:4020/v1)',
		},
		{
			displayName: 'Granted Scopes',
			name: 'scopes',
			type: 'multiOptions',
			options: hatsScopeOptions,
			default: [],
			description:
				'The scopes the key was issued with. Operations that need a scope missing here fail before any request is sent.',
		},
		{
			displayName: 'Key Issued On',
			name: 'issuedAt',
			type: 'dateTime',
			default: '',
			description: 'When the key was created; used with the rotation period to warn before it is due',
		},
		{
			displayName: 'Rotation Period (Days)',
			name: 'rotationDays',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 90,
			description: 'Rotate the key after this many days; 0 turns the reminder off',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/me',
			method: 'GET',
		},
	};
}
