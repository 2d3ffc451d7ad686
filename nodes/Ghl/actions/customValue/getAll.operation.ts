import type { OperationDefinition } from '../../../common/operation';
import { returnAllFields } from '../../../common/describe';
import { locationIdField } from '../common.descriptions';
import { itemsOf, limited, locationPathId } from '../../helpers/request';

export const getAllCustomValues: OperationDefinition = {
	resource: 'customValue',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many custom values',
	description: 'List the location’s custom values',
	method: 'GET',
	path: '/locations/{locationId}/customValues',
	scopes: ['locations/customValues.readonly'],
	properties: [locationIdField, ...returnAllFields()],
	request: (p) => ({ pathParams: { locationId: locationPathId(p) } }),
	output: (body, p) => limited(itemsOf('customValues')(body), p),
};
