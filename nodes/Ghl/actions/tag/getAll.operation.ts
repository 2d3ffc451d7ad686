import type { OperationDefinition } from '../../../common/operation';
import { returnAllFields } from '../../../common/describe';
import { locationIdField } from '../common.descriptions';
import { itemsOf, limited, locationPathId } from '../../helpers/request';

export const getAllTags: OperationDefinition = {
	resource: 'tag',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many tags',
	description: 'List the location’s tags',
	method: 'GET',
	path: '/locations/{locationId}/tags',
	scopes: ['locations/tags.readonly'],
	properties: [locationIdField, ...returnAllFields()],
	request: (p) => ({ pathParams: { locationId: locationPathId(p) } }),
	output: (body, p) => limited(itemsOf('tags')(body), p),
};
