import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemParameters, OperationDefinition } from '../../../common/operation';
import { templateProblem } from '../../../common/requestPath';
import { jsonField } from '../common.descriptions';
import { listOf, locationPathId } from '../../helpers/request';

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
		const { path, query } = freePath(p);
		const queryJson = p.json('queryJson');
		const body = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) ? p.json('bodyJson') : undefined;
		const result = await transport.call<unknown>(ctx, {
			method,
			path,
			pathParams: /\/\{locationId\}(\/|$)/.test(path) ? { locationId: locationPathId(p) } : undefined,
			qs: { ...query, ...((Array.isArray(queryJson) ? {} : queryJson) as IDataObject | undefined) },
			body,
			scopes: listOf(p.get<string>('requiredScopes', '')),
			itemIndex,
			retry,
		});
		if (result && typeof result === 'object') return result as IDataObject | IDataObject[];
		return { response: (result ?? null) as IDataObject | null } as IDataObject;
	},
};

/**
 * The Path field as a template below the credential's base URL (the token is
 * never sent elsewhere): a query typed into it is split off; a full URL,
 * `//host`, a backslash, a `#`, or a `.`/`..`/empty segment (raw or
 * %-encoded) fails the item naming the field. `{locationId}` stays a
 * parameter for the transport to fill.
 */
function freePath(p: ItemParameters): { path: string; query: IDataObject } {
	const typed = p.required('path');
	const queryAt = typed.indexOf('?');
	const pathPart = queryAt === -1 ? typed : typed.slice(0, queryAt);
	const query: IDataObject = {};
	if (queryAt !== -1) for (const [key, value] of new URLSearchParams(typed.slice(queryAt + 1))) query[key] = value;
	const path = /^[a-z][a-z0-9+.-]*:|^[/\\]/i.test(pathPart) ? pathPart : `/${pathPart}`;
	const problem = templateProblem(path);
	if (problem) {
		throw new NodeOperationError(p.ctx.getNode(), `The field "Path" ${problem}`, {
			itemIndex: p.itemIndex,
			description: 'Give a path below the HighLevel API base URL, e.g. /contacts/abc. Nothing was sent.',
		});
	}
	return { path, query };
}
