import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlExpression, environmentProperties } from '../nodes/common/credentialEnvironment';
import {
	HATS_PRODUCTION_BASE_URL,
	hatsScopeOptions,
} from '../nodes/SeventeenHats/reference/hatsCredentialFields';

/**
 * Access to a 17hats REST endpoint. 17hats publishes no public REST API: this
 * package speaks the contract in docs/17hats-api.yaml, so the endpoint is the
 * user's own 17hats API access or a gateway implementing that contract (or the
 * local sandbox). The issued date and rotation period let the nodes warn
 * before a key is due for rotation.
 */
export class SeventeenHatsApi implements ICredentialType {
	name = 'seventeenHatsApi';

	displayName = '17hats API';

	icon = 'file:../icons/seventeenHats.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-ghl-17hats';

	properties: INodeProperties[] = [
		{
			displayName:
				'17hats publishes no public REST API. These nodes speak the REST contract in docs/17hats-api.yaml (in the n8n-nodes-ghl-17hats package): set Base URL to the 17hats API access your account has, or to a gateway that implements that contract. Without either, try everything on the local sandbox (npm run sandbox: http://127.0.0.1:4020/v1).',
			name: 'contractNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The key the endpoint below accepts, sent as "Authorization: Bearer <key>"',
		},
		...environmentProperties(HATS_PRODUCTION_BASE_URL, {
			placeholder: 'e.g. http://127.0.0.1:4020/v1',
			description:
				'The endpoint that implements docs/17hats-api.yaml: your 17hats API access, a gateway, or the local sandbox (http://127.0.0.1:4020/v1). The default is where 17hats would serve it; it is not a documented public service.',
		}),
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
			baseURL: baseUrlExpression(HATS_PRODUCTION_BASE_URL),
			url: '/me',
			method: 'GET',
		},
	};
}
