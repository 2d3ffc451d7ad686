import type { OperationDefinition } from '../../../common/operation';
import { returnAllFields } from '../../../common/describe';
import { locationIdField } from '../common.descriptions';
import { itemsOf, limited, locationOf } from '../../helpers/request';

export const getAllUsers: OperationDefinition = {
	resource: 'user',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many users',
	description: 'List the users of a location',
	method: 'GET',
	path: '/users/',
	scopes: ['users.readonly'],
	properties: [locationIdField, ...returnAllFields()],
	request: (p) => ({ qs: { locationId: locationOf(p) } }),
	output: (body, p) => limited(itemsOf('users')(body), p),
};
