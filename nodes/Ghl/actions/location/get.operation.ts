import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { locationPathId, unwrap } from '../../helpers/request';

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
	request: (p) => ({ pathParams: { locationId: locationPathId(p) } }),
	output: unwrap('location'),
};
