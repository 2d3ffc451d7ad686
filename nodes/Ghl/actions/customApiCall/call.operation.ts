import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationDefinition } from '../../../common/operation';
import { jsonField } from '../common.descriptions';
import { listOf, locationOf } from '../../helpers/request';

/**
 * Any HighLevel endpoint with the node's credential. It goes through the GHL
 * transport like every other operation, so the scope pre-check, rate limiting,
 * retries and redacted errors apply. Only paths below the credential's base
 * URL are allowed: the token is never sent elsewhere.
 */
export const customApiCall: OperationDefinition = {
	resource: 'customApiCall',
	operation: 'call',
	name: 'Make a Call',
	action: 'Make a custom API call',
	description: 'Call any HighLevel API endpoint with the selected credential',
	method: 'GET',
	path: '{path}',
	scopes: [],
	properties: [
		{
			displayName: 'Method',
			name: 'method',
			type: 'options',
			options: [
				{ name: 'DELETE', value: 'DELETE' },
				{ name: 'GET', value: 'GET' },
				{ name: 'PATCH', value: 'PATCH' },
				{ name: 'POST', value: 'POST' },
				{ name: 'PUT', value: 'PUT' },
			],
			default: 'GET',
		},
		{
			displayName: 'Path',
			name: 'path',
			type: 'string',
			required: true,
			default: '',
			placeholder: '/contacts/{{ $json.contactId }}',
			description: 'Path below the API base URL, e.g. /calendars/. {locationId} is replaced with the location.',
		},
		{
			displayName: 'Location ID',
			name: 'locationId',
			type: 'string',
			default: '',
			description: "Used for {locationId} in the path. Leave empty to use the credential's location.",
		},
		jsonField('Query Parameters (JSON)', 'queryJson', 'E.g. {"locationId":"abc","limit":20}', false, '{}'),
		jsonField('Body (JSON)', 'bodyJson', 'Request body for POST, PUT and PATCH'),
		{
			displayName: 'Required Scopes',
			name: 'requiredScopes',
			type: 'string',
			default: '',
			placeholder: 'calendars.readonly',
			description: 'Comma-separated scopes the call needs; checked against the credential before sending',
		},
	],
	async execute(op) {
		const { params: p, transport, ctx, itemIndex, retry } = op;
		const method = p.required('method') as IHttpRequestMethods;
		let path = p.required('path').replace(/\{locationId\}/g, encodeURIComponent(locationOf(p)));
		if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
			throw new NodeOperationError(ctx.getNode(), 'The path must be relative to the HighLevel API (e.g. /contacts/), not a full URL', {
				itemIndex,
			});
		}
		if (!path.startsWith('/')) path = `/${path}`;
		const qs = p.json('queryJson');
		const body = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) ? p.json('bodyJson') : undefined;
		const result = await transport.call<unknown>(ctx, {
			method,
			path,
			qs: (Array.isArray(qs) ? {} : qs) as IDataObject | undefined,
			body,
			scopes: listOf(p.get<string>('requiredScopes', '')),
			itemIndex,
			retry,
		});
		if (result && typeof result === 'object') return result as IDataObject | IDataObject[];
		return { response: (result ?? null) as IDataObject | null } as IDataObject;
	},
};
