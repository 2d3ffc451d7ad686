import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { locationPathId, unwrap } from '../../helpers/request';
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
	request: (p) => ({ pathParams: { locationId: locationPathId(p), id: p.pathId('customValueId') } }),
	output: unwrap('customValue'),
};
