import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';

export const getLocation: OperationDefinition = {
	resource: 'location',
	operation: 'get',
	name: 'Get',
	action: 'Get a location',
	description: 'Get the details of a sub-account (location)',
	method: 'GET',
	path: '/locations/{locationId}',
	scopes: ['locations.readonly'],
	properties: [locationIdField],
	request: (p) => ({ pathParams: { locationId: p.optional('locationId') ?? p.default('locationId') } }),
	output: (body) => ((body as IDataObject).location ?? body) as IDataObject,
};
