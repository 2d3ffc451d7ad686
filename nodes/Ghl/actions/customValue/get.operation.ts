import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { locationOf, unwrap } from '../../helpers/request';
import { customValueIdField } from './fields';

export const getCustomValue: OperationDefinition = {
	resource: 'customValue',
	operation: 'get',
	name: 'Get',
	action: 'Get a custom value',
	description: 'Get a custom value by ID',
	method: 'GET',
	path: '/locations/{locationId}/customValues/{id}',
	scopes: ['locations/customValues.readonly'],
	properties: [locationIdField, customValueIdField],
	request: (p) => ({ pathParams: { locationId: locationOf(p), id: p.required('customValueId') } }),
	output: unwrap('customValue'),
};
